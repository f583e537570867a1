import { describe, expect, it } from 'vitest';
import { Forge, scanText } from '../../../../tests/helpers/credential-corpus';

const f = new Forge(19);

function v4(keyId: string, date: string, expires: number, service = 's3'): string {
  return `https://b.s3.amazonaws.com/k.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${keyId}%2F${date.slice(0, 8)}%2Fus-east-1%2F${service}%2Faws4_request&X-Amz-Date=${date}&X-Amz-Expires=${expires}&X-Amz-SignedHeaders=host&X-Amz-Signature=${f.hex(64)}`;
}

describe('presigned S3 URLs', () => {
  it('reports a SigV4 URL with the account of its key id and when it expires, and no key id finding besides', () => {
    const account = f.account();
    const id = f.keyId('ASIA', account);
    expect(scanText('mail.txt', `see ${v4(id, '20260530T120000Z', 3600)} thanks`)).toEqual([
      { checkId: 'local.credential.presigned-url', kind: 's3-presigned-url', line: 1, fingerprint: `ASIA…${id.slice(-4)}`, account, expires: '2026-05-30T13:00:00.000Z', expired: true },
    ]);
    expect(scanText('mail.txt', v4(id, '20260531T120000Z', 604800))).toMatchObject([{ expires: '2026-06-07T12:00:00.000Z', expired: false }]);
  });

  it('reads a URL pasted from HTML, with &amp;', () => {
    expect(scanText('mail.html', `<a href="${v4(f.keyId(), '20260530T120000Z', 60).replace(/&/g, '&amp;')}">file</a>`)).toMatchObject([{ kind: 's3-presigned-url' }]);
  });

  it('reports a SigV2 URL with its Expires', () => {
    const url = `https://b.s3.amazonaws.com/f.pdf?AWSAccessKeyId=${f.keyId()}&Expires=1924992000&Signature=${encodeURIComponent(f.base64(27) + '=')}`;
    expect(scanText('x.txt', url)).toMatchObject([{ kind: 's3-presigned-url', expires: '2031-01-01T00:00:00.000Z', expired: false }]);
  });

  it("does not report the documentation's example; another service's URL or one without a signature is only its key id", () => {
    const text = [v4('AKIAIOSFODNN7EXAMPLE', '20130524T000000Z', 86400), v4(f.keyId(), '20260530T120000Z', 60, 'execute-api'), v4(f.keyId(), '20260530T120000Z', 60).replace(/X-Amz-Signature=[0-9a-f]+/, 'X-Amz-Signature=')].join('\n');
    expect(scanText('x.txt', text).map((h) => [h.kind, h.line])).toEqual([
      ['aws-access-key-id', 2],
      ['aws-access-key-id', 3],
    ]);
  });

  it('reads a run once however many anchors it holds (a line of them was quadratic: 27 s a megabyte)', () => {
    // Each line opens a window (its first anchor is confirmed) in which every anchor read the whole line again.
    const line = `X-Amz-Signature=${f.hex(64)}${'&X-Amz-Signature='.repeat(470)}\n`;
    expect(scanText('x.txt', line.repeat((4 << 20) / line.length))).toEqual([]);
  });

  it('tries both kinds of URL on a run, and reports one URL of a run once', () => {
    const v2 = `AWSAccessKeyId=${f.keyId()}&Expires=1924992000&Signature=${encodeURIComponent(f.base64(27) + '=')}`;
    const url = v4(f.keyId(), '20260530T120000Z', 60);
    expect(scanText('x.txt', `https://b.s3.amazonaws.com/f?X-Amz-Signature=${f.hex(64)}&${v2}`)).toMatchObject([{ kind: 's3-presigned-url', expires: '2031-01-01T00:00:00.000Z' }]);
    expect(scanText('x.txt', `${url}&X-Amz-Signature=${f.hex(64)} ${url}`).map((h) => h.kind)).toEqual(['s3-presigned-url', 's3-presigned-url']);
  });
});
