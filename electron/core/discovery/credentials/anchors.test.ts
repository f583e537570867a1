import { expect, it } from 'vitest';
import { Forge } from '../../../../tests/helpers/credential-corpus';
import { anchorsIn, byteAnchorsIn } from './anchors';

const f = new Forge(29);

it('confirms no anchor in ordinary office text and code', () => {
  const text = [
    'The Secretary of State certified the canvass. ACCESS to the AKIA room is restricted.',
    'if (a == b && c === d) { x = "QUJDRA==" }',
    '{"total_key": 3, "service_account": "none", "private_key": null}',
    'https://example.org/?sig=abc&X-Amz-Signature=short',
  ].join('\n');
  expect(anchorsIn(text, 0, text.length)).toEqual([]);
});

it('confirms each kind of anchor on a credential, and only inside [from, to)', () => {
  const lines = [`id ${f.keyId()}`, `AWS_SECRET_ACCESS_KEY=${f.secretKey()}`, `AccountKey=${f.azureKey()}`, `?sv=1&sig=${f.sasSignature()}`, `X-Amz-Signature=${f.hex(64)}`, '"type": "service_account"', '"private_key": "-----BEGIN PRIVATE KEY-----'];
  const text = lines.join('\n');
  const found = anchorsIn(text, 0, text.length);
  expect(found.map((p) => text.slice(0, p).split('\n').length)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  const second = text.indexOf('\n') + 1;
  expect(anchorsIn(text, second, text.length)).toEqual(found.slice(1));
});

it('finds in the bytes each anchor the text test confirms, at the same place, and only inside [from, to)', () => {
  const lines = [`id ${f.keyId()}`, `AWS_SECRET_ACCESS_KEY=${f.secretKey()}`, `"aws_secret_access_key": "${f.secretKey()}"`, `AccountKey=${f.azureKey()}`, `?sv=1&sig=${f.sasSignature()}`, `X-Amz-Signature=${f.hex(64)}`, '"type": "service_account"', '{"private_key": "-----BEGIN PRIVATE KEY-----'];
  for (const line of lines) {
    const text = `prose before it\n${line}\nand after`;
    const bytes = Buffer.from(text, 'latin1');
    const view = bytes.toString('latin1');
    const want = anchorsIn(text, 0, text.length);
    expect(want, line).toHaveLength(1);
    expect(byteAnchorsIn(bytes, view, 0, bytes.length), line).toEqual(want);
    const [p] = want;
    expect(byteAnchorsIn(bytes, view, p, p + 1), line).toEqual(want);
    expect(byteAnchorsIn(bytes, view, p + 1, bytes.length), line).toEqual([]);
    expect(byteAnchorsIn(bytes, view, 0, p), line).toEqual([]);
  }
});
