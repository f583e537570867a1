import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findResourcesDir } from '../paths';
import { fileMagic, MAGIC_BYTES, MAGIC_KINDS, nameNeedsMagic, type MagicKind } from './file-magic';

const b = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const PAD = Buffer.alloc(200, 0x41);

/** First bytes as each tool writes them (headers only: no real database, key or person). */
const SAMPLES: Array<[MagicKind, Buffer]> = [
  ['sqlite', b('SQLite format 3', [0, 0x10, 0, 1, 1])],
  ['access-db', b([0, 1, 0, 0], 'Standard Jet DB', [0])],
  ['access-db', b([0, 1, 0, 0], 'Standard ACE DB', [0])],
  ['pgdump', b('PGDMP', [1, 14, 0, 4, 8, 8, 1])],
  ['postgres-sql-dump', b('--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version 16.2\n')],
  ['mysql-dump', b('-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: vr\n')],
  ['mysql-dump', b('/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB\n')],
  ['oracle-export', b([3, 0], 'iEXPORT:V11.02.00\nDVRADMIN\nRUSERS\n')],
  ['mssql-backup', b('TAPE', [0, 0, 0, 0, 0x4c, 0x01, 0, 0], 'Microsoft SQL Server')],
  ['private-key', b('-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n')],
  ['private-key', b('\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n')],
  ['private-key', b('-----BEGIN ENCRYPTED PRIVATE KEY-----\n')],
  ['private-key', b('-----BEGIN PGP PRIVATE KEY BLOCK-----\n')],
  ['private-key', b('PuTTY-User-Key-File-3: ssh-ed25519\n')],
  ['pkcs12', b([0x30, 0x82, 0x0a, 0x51, 0x02, 0x01, 0x03, 0x30, 0x82])],
  ['pkcs12', b([0x30, 0x80, 0x02, 0x01, 0x03, 0x30, 0x80])],
  ['keepass', b([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5, 0, 0, 4, 0])],
  ['keepass', b([0x03, 0xd9, 0xa2, 0x9a, 0x65, 0xfb, 0x4b, 0xb5])],
  ['aws-credentials', b('[default]\naws_access_key_id = AKIA0000PLACEHOLDER00\naws_secret_access_key = x\n')],
  ['gzip', gzipSync('anything')],
  ['zip', b('PK', [3, 4, 20, 0])],
  ['7z', b([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4])],
  ['xz', b([0xfd], '7zXZ', [0, 0])],
  ['bzip2', b('BZh91AY&SY')],
  ['zstd', b([0x28, 0xb5, 0x2f, 0xfd, 0x24])],
];

describe('fileMagic', () => {
  it.each(SAMPLES.map(([k, bytes], i) => [k, i, bytes] as const))('recognises %s (sample %i)', (kind, _i, bytes) => {
    expect(fileMagic(bytes)).toBe(kind);
  });

  it('has a sample for every kind it knows', () => {
    expect(new Set(SAMPLES.map(([k]) => k))).toEqual(new Set(Object.keys(MAGIC_KINDS)));
  });

  it.each([
    ['a CSV table', b('VOTER_ID,LAST_NAME\n1,A\n')],
    ['a public key', b('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI placeholder\n')],
    ['a certificate alone', b('-----BEGIN CERTIFICATE-----\nMIIB\n')],
    ['text that starts with TAPE', b('TAPE LIBRARY INVENTORY 2026\n')],
    ['a PNG image', b([0x89], 'PNG\r\n', [0x1a, 0x0a])],
    ['a PDF', b('%PDF-1.7\n')],
    ['DER that is not PKCS#12', b([0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01])],
    ['nothing', Buffer.alloc(0)],
  ])('does not flag %s', (_what, bytes) => expect(fileMagic(bytes)).toBeUndefined());

  it('reads only the first MAGIC_BYTES bytes', () => {
    const late = Buffer.concat([Buffer.alloc(MAGIC_BYTES, 0x20), b('-----BEGIN RSA PRIVATE KEY-----')]);
    expect(fileMagic(late)).toBeUndefined();
    expect(fileMagic(Buffer.concat([PAD, b('-- MySQL dump 10.13')]))).toBe('mysql-dump');
  });

  it('never flags random bytes as a key, dump or vault (10 000 tries)', () => {
    const alarms = Array.from({ length: 10_000 }, () => fileMagic(randomBytes(MAGIC_BYTES))).filter(
      (k) => k !== undefined && MAGIC_KINDS[k].category !== 'archive' && k !== 'pkcs12',
    );
    expect(alarms).toEqual([]);
  });
});

describe('nameNeedsMagic', () => {
  it.each(['data.bin', 'exports/data', 'backups/nightly.bak', 'db/vr.dump', 'x/archive.gz', 'tmp/blob.001', 'ORA/EXPDAT.DMP', 'files/FILE0001'])(
    '%s is read for its first bytes',
    (key) => expect(nameNeedsMagic(key)).toBe(true),
  );
  it.each(['voters.csv', 'report.pdf', 'site/index.html', 'folder/', '.env', 'vr/extract.dat', 'notes.txt'])('%s is not', (key) =>
    expect(nameNeedsMagic(key)).toBe(false),
  );
});

describe('the collection script\'s MAGIC_AWK', () => {
  const script = readFileSync(path.join(findResourcesDir(), 'collect', 'collect-s3-evidence.sh'), 'utf8');
  const program = /^MAGIC_AWK=\$\(\n  cat <<'AWK'\n([\s\S]*?)\nAWK\n\)/m.exec(script)![1];
  /** What the script keeps of some first bytes: head, od and awk, as it runs them on an object. */
  const awkKinds = (inputs: Buffer[]) =>
    inputs.map((bytes) => {
      const out = execFileSync('bash', ['-c', `head -c ${MAGIC_BYTES} | od -An -v -tu1 | LC_ALL=C awk "$0"`, program], { input: bytes, encoding: 'utf8' });
      const [count, kind] = out.split('\n');
      expect(count).toBe(`bytes ${Math.min(bytes.length, MAGIC_BYTES)}`);
      return /^"magic": "([a-z0-9-]+)"$/.exec(kind ?? '')?.[1];
    });

  it('gives the kind fileMagic gives, for every sample, near miss and random bytes', () => {
    const inputs = [
      ...SAMPLES.map(([, bytes]) => bytes),
      b('SQLite format 3'),
      b([0x30, 0x82]),
      b('TAPE LIBRARY'),
      Buffer.concat([Buffer.alloc(MAGIC_BYTES - 5, 0x20), b('-----BEGIN RSA PRIVATE KEY-----')]),
      ...Array.from({ length: 20 }, () => randomBytes(MAGIC_BYTES)),
      ...Array.from({ length: 5 }, () => Buffer.concat([b([0x30, 0x82, 1, 2, 2, 1, 3]), randomBytes(40)])),
    ];
    expect(awkKinds(inputs)).toEqual(inputs.map((x) => fileMagic(x)));
  });
});
