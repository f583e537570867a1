import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CORPUS_NOW, credentialCorpus, Forge, officeText } from '../../../../tests/helpers/credential-corpus';
import { ByteFront, PIECE } from './byte-front';
import { createCredentialScanner, type CredentialHit, type Scanner } from './scanner';

/**
 * pushBytes decodes only the lines around an anchor and hands the rest on as a count of
 * lines: its findings must be exactly those of push() on the whole decoded text, whatever
 * the chunking, the line lengths and the bytes that are not ASCII.
 */
const f = new Forge(31);

function byText(name: string, bytes: Buffer): CredentialHit[] {
  const s = createCredentialScanner(name, { now: CORPUS_NOW });
  s.push(new TextDecoder().decode(bytes));
  return s.end();
}

function byBytes(name: string, bytes: Buffer, chunk: number): CredentialHit[] {
  const s = createCredentialScanner(name, { now: CORPUS_NOW });
  for (let i = 0; i < bytes.length; i += chunk) s.pushBytes(bytes.subarray(i, i + chunk));
  return s.end();
}

const credentials = () => [
  `aws_access_key_id = ${f.keyId()}`,
  `aws_secret_access_key = ${f.secretKey()}`,
  `conn=DefaultEndpointsProtocol=https;AccountName=acct9;AccountKey=${f.azureKey()};`,
  `https://acct9.blob.core.windows.net/c/f?sv=2022-11-02&sp=r&se=2027-01-01&sig=${f.sasSignature()}`,
  `https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${f.keyId()}%2F20260530%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260530T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=${f.hex(64)}`,
  `{"type": "service_account", "private_key_id": "${f.hex(40)}", "private_key": "-----BEGIN PRIVATE KEY-----\\n${f.pemBody()}\\n-----END PRIVATE KEY-----\\n", "client_email": "a@b-c.iam.gserviceaccount.com"}`,
  `AWS_ACCESS_KEY_ID=${f.keyId('ASIA')}`,
];

/** Office text with credentials dropped in at `every` bytes or so, far enough apart that lines between them are skipped. */
function document(bytes: number, every: number, filler = officeText(bytes, 3)): string {
  const parts: string[] = [];
  for (let at = 0; at < filler.length; at += every) {
    const cut = filler.indexOf('\n', at + every) + 1 || filler.length;
    parts.push(filler.slice(at === 0 ? 0 : filler.indexOf('\n', at) + 1, cut), `[default]\n${credentials().join('\n')}\n`);
    at = cut - every;
  }
  return parts.join('');
}

/** Lines of prose with no anchor in them. */
const minutes = (lines: number) => Array.from({ length: lines }, (_, i) => `Minutes of the canvass board, precinct ${i}: ballots counted and sealed.\n`).join('');

describe('pushBytes', () => {
  it('finds what push finds, with the same lines, in every chunk size, far from and near each other', () => {
    for (const every of [200_000, 30_000, 5_000]) {
      const bytes = Buffer.from(document(1_500_000, every));
      const want = byText('notes.txt', bytes);
      expect(want.length, `every ${every}`).toBeGreaterThan(20);
      for (const chunk of [1_048_576, 65_536, 4_099, 1_000]) expect(byBytes('notes.txt', bytes, chunk), `every ${every}, chunk ${chunk}`).toEqual(want);
    }
  });

  it('gives the same findings for every split point of a credentials file', () => {
    const bytes = Buffer.from(`[default]\n${credentials().join('\n')}\n`);
    const want = byText('credentials', bytes);
    expect(want.map((h) => h.kind)).toEqual(['aws-credentials-file', 'azure-connection-string', 'azure-sas', 's3-presigned-url', 'gcp-service-account-key', 'aws-access-key-id']);
    for (let i = 0; i <= bytes.length; i++) {
      const s = createCredentialScanner('credentials', { now: CORPUS_NOW });
      s.pushBytes(bytes.subarray(0, i));
      s.pushBytes(bytes.subarray(i));
      expect(s.end(), `split at ${i}`).toEqual(want);
    }
  });

  it('reads text that is not ASCII alike: accents, emoji, non-breaking spaces, invalid bytes, CRLF and a byte-order mark', () => {
    const odd = (s: string) => s.replace(/ the /g, ' thé € 😀 ').replace(/=/g, '=\u00a0');
    const text = odd(document(600_000, 40_000)).replace(/\n/g, '\r\n');
    const invalid = Buffer.from([0xc3, 0x28, 0xe2, 0x82, 0x0a, 0xff, 0xf0, 0x9f, 0x98]);
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), ...text.split('Minutes').flatMap((part, i) => (i ? [invalid, Buffer.from(`Minutes${part}`)] : [Buffer.from(part)]))]);
    const want = byText('notes.txt', bytes);
    expect(want.length).toBeGreaterThan(10);
    for (const chunk of [1_048_576, 4_099, 777]) expect(byBytes('notes.txt', bytes, chunk), `chunk ${chunk}`).toEqual(want);
  });

  it('reads giant lines alike (skipped parts of a line are not joined into a key)', () => {
    const id = f.keyId();
    const pad = 'x'.repeat(1000) + ' ';
    const line = Array.from({ length: 2000 }, (_, i) => (i % 250 === 0 ? `${pad}${id} ` : pad)).join('');
    const blob = 'Qm9hcmQgb2YgZWxlY3Rpb25z'.repeat(40_000);
    const bytes = Buffer.from(`first line\n${line}\n${blob}AKIA${blob}\nlast ${id}\n${blob}`);
    const want = byText('blob.txt', bytes);
    expect(want.map((h) => h.line)).toEqual([...Array(8).fill(2), 4]);
    for (const chunk of [1_048_576, 65_536, 4_096]) expect(byBytes('blob.txt', bytes, chunk), `chunk ${chunk}`).toEqual(want);
  });

  it('finds what push finds in every file of the credential corpus', () => {
    for (const file of credentialCorpus()) {
      const bytes = Buffer.from(file.content);
      expect(byBytes(file.path, bytes, 1_048_576), file.path).toEqual(byText(file.path, bytes));
      expect(byBytes(file.path, bytes, 97), file.path).toEqual(byText(file.path, bytes));
    }
  });

  it('pairs a key id with a bare secret five lines below it and not six, as push does, on short and long lines', () => {
    const filler = minutes(800);
    // At 2,030 characters a line, the fifth line below ends 8,185 characters after the key id; at 2,040, 8,225: past RUN_MAX (8,192).
    for (const width of [10, 300, 2_030, 2_040]) {
      for (const below of [4, 5, 6]) {
        const id = f.keyId();
        const lines = Array.from({ length: below - 1 }, (_, i) => `${String(i).padEnd(width, '-')}`);
        const bytes = Buffer.from(`${filler}id ${id}\n${lines.join('\n')}${lines.length ? '\n' : ''}${f.secretKey()}\n${filler}`);
        const want = byText('notes.txt', bytes);
        const hit = want.find((h) => h.kind === 'aws-access-key-id');
        expect(want.map((h) => h.line), `width ${width}, ${below} lines below`).toEqual([801]);
        // Five lines below and ending within RUN_MAX of the key id: its secret; farther: none.
        const secretLineEnd = id.length + (below - 1) * (width + 1) + 1 + 40;
        expect(hit?.withSecret, `width ${width}, ${below} lines below`).toBe(below <= 5 && secretLineEnd <= 8_192);
        for (const chunk of [1_048_576, 4_099]) expect(byBytes('notes.txt', bytes, chunk), `width ${width}, ${below} lines below, chunk ${chunk}`).toEqual(want);
      }
    }
  });

  it('finds anchors across the edges of the pieces it searches, with what their tests read either side', () => {
    // A file read in one push is searched from its first byte, PIECE bytes at a time.
    let text = '';
    const proseTo = (offset: number) => {
      const need = offset - text.length;
      text += minutes(Math.ceil(need / 60)).slice(0, need - 1) + '\n';
    };
    // A key id starting at the first edge.
    proseTo(PIECE - 'id '.length);
    text += `id ${f.keyId()}\n`;
    // An Azure key whose "==", just past the second edge, is tested by what lies 86 characters before it.
    proseTo(2 * PIECE + 10 - 86 - 'AccountKey='.length);
    text += `AccountKey=${f.azureKey()}\n`;
    // A secret's name ("ecret") before the third edge, its test reading 150 characters and more past it.
    proseTo(3 * PIECE - 20 - 'aws_s'.length);
    text += `aws_secret_access_key${' '.repeat(150)}= ${f.secretKey()}\n`;
    const bytes = Buffer.from(text + minutes(10));
    expect(bytes.indexOf('id A')).toBe(PIECE - 3);
    expect(bytes.indexOf('==')).toBe(2 * PIECE + 10);
    expect(bytes.indexOf('ecret')).toBe(3 * PIECE - 20);
    const want = byText('notes.txt', bytes);
    expect(want.map((h) => h.kind)).toEqual(['aws-access-key-id', 'azure-storage-key', 'aws-secret-access-key']);
    expect(byBytes('notes.txt', bytes, bytes.length)).toEqual(want);
  });

  it('hands the scanner the lines around an anchor, not kilobytes of text below them', () => {
    const filler = minutes(1_500);
    const anchors = 12;
    const bytes = Buffer.from(Array.from({ length: anchors }, () => `${filler}key ${f.keyId()}\n`).join('') + filler);
    let decoded = 0;
    const recording = { push: (text: string) => (decoded += text.length), gap: () => undefined } as unknown as Scanner;
    const front = new ByteFront(recording);
    front.push(bytes);
    front.end();
    // Five lines above and below the anchor's, and 1 KB to spare above: about 1.8 KB (14.5 KB
    // when a span took 9 KB below and a section header's reach above every anchor).
    expect(decoded / anchors).toBeGreaterThan(6 * 75);
    expect(decoded / anchors).toBeLessThan(2_500);
  });

  it('finds the profile section of a credentials-file line 4 KB above it, with the lines between skipped', () => {
    const between = minutes(50);
    expect(between.length).toBeGreaterThan(3_500);
    for (const [indent, spaces] of [['', ' = '], ['  ', '='], ['\t', ' =\t']]) {
      const bytes = Buffer.from(`${minutes(300)}[profile audit]\n${between}${indent}aws_access_key_id${spaces}${f.keyId()}\n${indent}aws_secret_access_key${spaces}${f.secretKey()}\n${minutes(300)}`);
      const want = byText('notes.txt', bytes);
      expect(want.map((h) => [h.kind, h.withSecret]), JSON.stringify(indent)).toEqual([['aws-credentials-file', true]]);
      for (const chunk of [1_048_576, 4_099]) expect(byBytes('notes.txt', bytes, chunk), `${JSON.stringify(indent)}, chunk ${chunk}`).toEqual(want);
    }
  });

  it('reads a window cut from a long line that looks like a credentials-file line as push does, with a section above or not', () => {
    // The key id's window starts RUN_MAX characters before it, at "aws_access_key_id=", inside
    // a line that starts with "note": the window reads as a credentials-file line, so the
    // scanner looks 4 KB above it for a profile section; its value is no key, so the line is
    // read as any other and the key id reported either way.
    // A letter that is not ASCII next to it makes the bytes' reach three times the characters'.
    const line = `note aws_access_key_id=${'B'.repeat(8_192 - 19)}+${f.keyId()}\n`;
    for (const [header, after] of [['[default]\n', ''], ['', ''], ['[default]\n', 'Minutes approuvées\n'], ['', 'Minutes approuvées\n']]) {
      const between = minutes(52);
      expect(between.length).toBeGreaterThan(3_500);
      expect(between.length).toBeLessThan(4_000);
      const bytes = Buffer.from(`${minutes(300)}${header}${between}${line}${after}${minutes(300)}`);
      const want = byText('notes.txt', bytes);
      expect(want.map((h) => h.kind), JSON.stringify(header)).toEqual(['aws-access-key-id']);
      for (const chunk of [1_048_576, 4_099]) expect(byBytes('notes.txt', bytes, chunk), `${JSON.stringify(header)}, chunk ${chunk}`).toEqual(want);
    }
  });

  it('gives the same findings when scans of two files run interleaved, one after another, or one is left unfinished', () => {
    // A scan's work buffer goes to the next one when it ends: never to two at once.
    const a = Buffer.from(document(1_200_000, 30_000));
    const b = Buffer.from(document(900_000, 45_000, officeText(900_000, 8)));
    const wantA = byText('a.txt', a);
    const wantB = byText('b.txt', b);
    expect(wantA).not.toEqual(wantB);
    const left = createCredentialScanner('left.txt', { now: CORPUS_NOW });
    left.pushBytes(b.subarray(0, 700_000));
    const sa = createCredentialScanner('a.txt', { now: CORPUS_NOW });
    const sb = createCredentialScanner('b.txt', { now: CORPUS_NOW });
    for (let i = 0; i < Math.max(a.length, b.length); i += 65_536) {
      sa.pushBytes(a.subarray(i, i + 65_536));
      sb.pushBytes(b.subarray(i, i + 65_536));
    }
    expect(sb.end()).toEqual(wantB);
    expect(sa.end()).toEqual(wantA);
    for (let round = 0; round < 3; round++) {
      expect(byBytes('a.txt', a, 1_048_576)).toEqual(wantA);
      expect(byBytes('b.txt', b, 300_000)).toEqual(wantB);
    }
  });

  it('keeps memory bounded on a giant single line with anchors all along it (200 MB through a 96 MB heap)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-bytes-mem-'));
    try {
      const out = path.join(dir, 'scan.js');
      buildSync({ entryPoints: [path.join(__dirname, 'scanner.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent' });
      const script = `const { createCredentialScanner } = require(${JSON.stringify(out)});
        const s = createCredentialScanner('big.bin');
        const chunk = Buffer.from('Qm9hcmQgb2YgZWxlY3Rpb25z AKIA Secret: '.repeat(28000));
        for (let i = 0; i < 200; i++) s.pushBytes(i === 100 ? Buffer.concat([chunk.subarray(0, 5000), Buffer.from(' ${f.keyId()} '), chunk.subarray(5000)]) : chunk);
        process.stdout.write(JSON.stringify(s.end().map((h) => [h.kind, h.line])));`;
      const r = spawnSync(process.execPath, ['--max-old-space-size=96', '-e', script], { encoding: 'utf8', timeout: 120_000 });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('[["aws-access-key-id",1]]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
