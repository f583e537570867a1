import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { CORPUS_NOW, credentialCorpus, Forge, scanText } from '../../../../tests/helpers/credential-corpus';
import { detectAt } from './detectors';
import { createCredentialScanner, type CredentialHit } from './scanner';

// The detectors as they are, counted: how many windows a scan looks at.
vi.mock('./detectors', async (original) => {
  const real = await original<typeof import('./detectors')>();
  return { detectAt: vi.fn(real.detectAt) };
});

const f = new Forge(23);

function scanChunks(fileName: string, chunks: string[]): CredentialHit[] {
  const scanner = createCredentialScanner(fileName, { now: CORPUS_NOW });
  for (const c of chunks) scanner.push(c);
  return scanner.end();
}

/** One of each kind, on consecutive lines, so that every split point cuts some credential. */
const sample = [
  '[default]',
  `aws_access_key_id = ${f.keyId()}`,
  `aws_secret_access_key = ${f.secretKey()}`,
  '',
  `AWS_ACCESS_KEY_ID=${f.keyId('ASIA')}`,
  `AWS_SECRET_ACCESS_KEY=${f.secretKey()}`,
  `conn=DefaultEndpointsProtocol=https;AccountName=acct9;AccountKey=${f.azureKey()};`,
  `https://acct9.blob.core.windows.net/c/f?sv=2022-11-02&sp=r&se=2027-01-01&sig=${f.sasSignature()}`,
  `https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${f.keyId()}%2F20260530%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260530T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=${f.hex(64)}`,
  `{"type": "service_account", "private_key_id": "${f.hex(40)}", "private_key": "-----BEGIN PRIVATE KEY-----\\n${f.pemBody()}\\n-----END PRIVATE KEY-----\\n", "client_email": "a@b-c.iam.gserviceaccount.com"}`,
].join('\n');

describe('createCredentialScanner, text in chunks', () => {
  const whole = scanChunks('credentials', [sample]);

  it('finds one of each kind in the sample', () => {
    expect(whole.map((h) => [h.kind, h.line])).toEqual([
      ['aws-credentials-file', 2],
      ['aws-access-key-id', 5],
      ['azure-connection-string', 7],
      ['azure-sas', 8],
      ['s3-presigned-url', 9],
      ['gcp-service-account-key', 10],
    ]);
  });

  it('gives the same findings for every split point of the sample', () => {
    for (let i = 0; i <= sample.length; i++) expect(scanChunks('credentials', [sample.slice(0, i), sample.slice(i)]), `split at ${i}`).toEqual(whole);
  });

  it('gives the same findings when the text arrives a character at a time, or in three pieces', () => {
    expect(scanChunks('credentials', [...sample])).toEqual(whole);
    for (let i = 0; i < sample.length; i += 97) expect(scanChunks('credentials', [sample.slice(0, i), sample.slice(i, i + 333), sample.slice(i + 333)])).toEqual(whole);
  });

  it('counts lines across chunks and reads CRLF files alike', () => {
    const filler = 'minutes of the canvass board\n'.repeat(50_000);
    const hits = scanChunks('credentials', [filler.slice(0, 700_001), filler.slice(700_001), sample.replace(/\n/g, '\r\n')]);
    expect(hits.map((h) => [h.kind, h.line])).toEqual(whole.map((h) => [h.kind, h.line + 50_000]));
  });

  it('finds keys in a giant single line, at window boundaries too, with the right line', () => {
    const id = f.keyId();
    const pad = 'x'.repeat(1000) + ' ';
    const line = Array.from({ length: 2000 }, (_, i) => (i % 250 === 0 ? `${pad}${id} ` : pad)).join('');
    for (const chunk of [4096, 65_536, 1_000_003]) {
      const chunks = [];
      const text = `first line\n${line}\nlast ${id}\n`;
      for (let i = 0; i < text.length; i += chunk) chunks.push(text.slice(i, i + chunk));
      expect(scanChunks('blob.txt', chunks).map((h) => h.line)).toEqual([...Array(8).fill(2), 3]);
    }
  });

  it('reports each key id of a long line of them once, in order, up to the cap, whatever the chunks and the spacing', () => {
    // Key ids a few characters apart and some far apart: a window's edge falls inside one now and then.
    const ids = Array.from({ length: 1_300 }, () => f.keyId());
    const line = ids.map((id, i) => (i % 97 === 0 ? `${'y'.repeat(9_000)} ${id}` : `${id}${' '.repeat(1 + (i % 5))}`)).join(',');
    const want = ids.slice(0, 1_000).map((id) => `${id.slice(0, 4)}…${id.slice(-4)}`);
    for (const chunk of [4_096, 1_000_003]) {
      const text = `ids\n${line}\n`;
      const chunks = Array.from({ length: Math.ceil(text.length / chunk) }, (_, i) => text.slice(i * chunk, (i + 1) * chunk));
      const hits = scanChunks('ids.txt', chunks);
      expect(hits.map((h) => h.fingerprint), `chunk ${chunk}`).toEqual(want);
      expect(new Set(hits.map((h) => h.line))).toEqual(new Set([2]));
    }
  });

  it('looks at a long line dense with anchors a stretch at a time, not once per anchor, and still reports each credential on it once', () => {
    // SAS-shaped URLs with no service version: every "sig=" is an anchor, none a finding. A window each made this quadratic.
    const decoys = Array.from({ length: 20_000 }, (_, i) => `https://acct9.blob.core.windows.net/c/f${i}?sp=r&sig=${f.sasSignature()}`);
    // Real ones among them, a few characters or a window apart: each is reported once, in order.
    const real = Array.from({ length: 40 }, () => `https://acct9.blob.core.windows.net/c/f?sv=2022-11-02&sp=r&se=2027-01-01&sig=${f.sasSignature()}`);
    const line = decoys.map((u, i) => (i % 500 === 7 ? `${u} ${real[(i - 7) / 500]}` : u)).join(' ');
    for (const chunk of [65_536, 3_000_017]) {
      const text = `urls\n${line}\nend\n`;
      const chunks = Array.from({ length: Math.ceil(text.length / chunk) }, (_, i) => text.slice(i * chunk, (i + 1) * chunk));
      vi.mocked(detectAt).mockClear();
      const hits = scanChunks('urls.txt', chunks);
      expect(hits.map((h) => h.kind)).toEqual(real.map(() => 'azure-sas'));
      expect(new Set(hits.map((h) => h.fingerprint)).size).toBe(real.length);
      expect(new Set(hits.map((h) => h.line))).toEqual(new Set([2]));
      // 2.4 MB: about one window per 48 KB, against 20,040 before.
      expect(vi.mocked(detectAt).mock.calls.length, `chunk ${chunk}`).toBeLessThan(200);
    }
  });

  it("reads the lines below a shared window as far as its last anchor's own window would: a key id far along a line finds its secret below", () => {
    const id = f.keyId();
    const secret = f.secretKey();
    // A SAS-shaped anchor opens a long line, the key id 8,180 characters on: one window answers for both.
    const pad = (n: number) => 'minutes of the canvass board '.repeat(Math.ceil(n / 29)).slice(0, n);
    const head = `&sig=${f.sasSignature()} `;
    const line = `${head}${pad(8_180 - head.length - 1)} ${id} ${pad(3_000)}`;
    expect(line.indexOf(id)).toBe(8_180);
    const text = `notes\n${line}\n${secret}\n`;
    const bytes = createCredentialScanner('notes.txt', { now: CORPUS_NOW });
    bytes.pushBytes(Buffer.from(text));
    for (const hits of [scanChunks('notes.txt', [text]), bytes.end()]) expect(hits.map((h) => [h.kind, h.line, h.withSecret])).toEqual([['aws-access-key-id', 2, true]]);
  });

  it('keeps memory bounded on a giant single line (200 MB through a 96 MB heap)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-cred-mem-'));
    try {
      const out = path.join(dir, 'scan.js');
      buildSync({ entryPoints: [path.join(__dirname, 'scanner.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent' });
      const script = `const { createCredentialScanner } = require(${JSON.stringify(out)});
        const s = createCredentialScanner('big.bin');
        const chunk = 'Qm9hcmQgb2YgZWxlY3Rpb25z'.repeat(43690);
        for (let i = 0; i < 200; i++) s.push(i === 100 ? chunk.slice(0, 5000) + ' ${f.keyId()} ' + chunk.slice(5000) : chunk);
        process.stdout.write(JSON.stringify(s.end().map((h) => h.kind)));`;
      const r = spawnSync(process.execPath, ['--max-old-space-size=96', '-e', script], { encoding: 'utf8', timeout: 120_000 });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('["aws-access-key-id"]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('no secret in any finding', () => {
  it('holds for every planted secret and key id of the corpus', () => {
    for (const file of credentialCorpus()) {
      const json = JSON.stringify(scanText(file.path, file.content));
      for (const p of file.planted) for (const secret of p.secrets) expect(json).not.toContain(secret.slice(0, 12));
      for (const id of file.content.match(/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g) ?? []) expect(json).not.toContain(id);
    }
  });
});
