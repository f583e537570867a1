import { expect, it } from 'vitest';
import { Forge } from '../../../../tests/helpers/credential-corpus';
import { anchorsIn, byteAnchorsIn, SECRET_TESTS } from './anchors';
import { seededRandom } from '../../../../tests/helpers/seeded-random';

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
  const lines = [`id ${f.keyId()}`, `AWS_SECRET_ACCESS_KEY=${f.secretKey()}`, `"aws_secret_access_key": "${f.secretKey()}"`, `{"secretAccessKey": "${f.secretKey()}"}`, `aws_secret_access_key${' '.repeat(38)}= ${f.secretKey()}`, `secret.key.of.office\u00a0\u00a0: ${f.secretKey()}`, `AccountKey=${f.azureKey()}`, `?sv=1&sig=${f.sasSignature()}`, `X-Amz-Signature=${f.hex(64)}`, '"type": "service_account"', '{"private_key": "-----BEGIN PRIVATE KEY-----', '\\"type\\": \\"service_account\\"', '{\\"private_key\\": \\"-----BEGIN PRIVATE KEY-----'];
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

it('confirms "secret" wherever a secret test passes after it, on text and bytes, and turns prose away', () => {
  const rnd = seededRandom(41);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
  const letters = 'abcXYZ';
  const spaces = [' ', '\t', '\n', '\u00a0', '\u3000', '\u00e9', '\u00c2\u00a0', ''];
  const [textTest, byteTest] = SECRET_TESTS;
  const passes = (re: RegExp, s: string) => {
    re.lastIndex = 'ecret'.length;
    return re.test(s);
  };
  let passed = 0;
  let turnedAway = 0;
  for (let n = 0; n < 20_000; n++) {
    // A name of 0 to 45 characters, up to four more words, a quote, spaces, an assignment and a value, each sometimes off.
    const name = pick(letters + '_', int(46)) + Array.from({ length: int(5) }, () => pick(' .-_', 1) + pick(letters, int(4))).join('');
    const text = 'ecret' + name + pick('"\'x', int(2)) + pick(spaces.join(''), int(3) + (int(8) ? 0 : 190 + int(30))) + ['=', ':', '=>', '-', ''][int(5)] + pick(' \t"', int(3)) + pick('ABCdef0123+/', 38 + int(5)) + pick(' =a', int(2));
    const onText = passes(textTest, text);
    expect(anchorsIn(text, 0, 1).length === 1, JSON.stringify(text)).toBe(onText);
    // The bytes' test may pass where the text's does not (it allows any byte from 0x80 as a space): each decides for its own.
    const bytes = Buffer.from(text, 'utf8');
    const view = bytes.toString('latin1');
    expect(byteAnchorsIn(bytes, view, 0, 1).length === 1, JSON.stringify(text)).toBe(passes(byteTest, view));
    if (onText) passed++;
    else turnedAway++;
  }
  // Both kinds of case were made, many times.
  expect(passed).toBeGreaterThan(400);
  expect(turnedAway).toBeGreaterThan(10_000);
  expect(anchorsIn('The Secretary of State requires the canvass within ten days', 0, 60)).toEqual([]);
});
