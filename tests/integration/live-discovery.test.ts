import { CreateBucketCommand, PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../electron/core/checks/types';
import { collectToFolder } from '../../electron/core/collect/live/collect-folder';
import { findResourcesDir } from '../../electron/core/paths';
import { runScan, type ScanResult } from '../../electron/core/scan/scan';
import { openDatabase } from '../../electron/core/store/db';
import { MOTO_ROOT_KEYS, startMoto, type MotoServer } from '../helpers/moto';
import { adminClients } from '../helpers/s3-scenarios';
import { voterCorpus } from '../helpers/voter-corpus';

/**
 * Voter data and database dumps planted in buckets on moto, under names that do not give them
 * away, are found by a live scan, and the same verdicts come from the bundle `collect` writes
 * of the same account, read offline.
 */

/** A state layout's extract with its header (Ohio's published layout), uploaded under a neutral name. */
const extract = voterCorpus({ rows: 60 }).find((f) => f.name === 'oh-voters.csv')!;
/** First bytes of a SQLite database and of a pg_dump custom-format dump, then filler: no real data. */
const SQLITE = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.from([0x10, 0, 1, 1]), Buffer.alloc(4096, 0)]);
const PGDMP = Buffer.concat([Buffer.from('PGDMP', 'latin1'), Buffer.from([1, 14, 0, 4, 8, 8, 1]), Buffer.alloc(4096, 0x41)]);
const KEY_MARKER = 'k3y-b0dy-n0t-t0-l3ak';
const PRIVATE_KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY_MARKER}${randomBytes(48).toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`;

const publicRead = (b: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${b}/*` }] });

/** Each bucket, what is planted in it, and the verdicts (and severities) it must get. */
const BUCKETS: Array<{ name: string; objects: Record<string, Buffer | string>; public?: boolean; expected: Record<string, [Finding['status'], Finding['severity']?]> }> = [
  {
    name: 'cv-open-county-files',
    public: true,
    objects: { 'exports/extract-q3.csv': extract.bytes, 'backup/data.bin': SQLITE, 'site/index.html': '<html></html>' },
    expected: { 's3.bucket.voter-data': ['fail', 'critical'], 's3.bucket.sensitive-files': ['fail', 'critical'], 's3.bucket.public-read': ['fail', 'critical'] },
  },
  {
    name: 'cv-private-it',
    objects: { 'nightly/data.bin': PGDMP, 'deploy/id_deploy': PRIVATE_KEY, 'docs/handbook.pdf': '%PDF-1.7\n' },
    expected: { 's3.bucket.voter-data': ['pass'], 's3.bucket.sensitive-files': ['fail', 'high'], 's3.bucket.public-read': ['pass'] },
  },
  {
    name: 'cv-clean',
    objects: { 'misc/data.bin': randomBytes(2048).fill(0x20, 0, 8), 'results/precinct-totals.csv': 'PRECINCT,VOTES\nP1,120\nP2,98\n', 'logs/app.gz': Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]) },
    expected: { 's3.bucket.voter-data': ['pass'], 's3.bucket.sensitive-files': ['pass'] },
  },
];

function filesOf(root: string, rel = ''): string[] {
  return readdirSync(path.join(root, rel)).flatMap((name) => {
    const r = rel ? `${rel}/${name}` : name;
    return statSync(path.join(root, r)).isDirectory() ? filesOf(root, r) : [r];
  });
}

describe('voter data and dumps planted in buckets, found live and from a collected bundle (moto)', () => {
  let moto: MotoServer;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-discovery-'));
  const bundle = path.join(dir, 'evidence');
  const db = openDatabase(path.join(dir, 'c.db'));
  let live: ScanResult;
  let offline: ScanResult;

  beforeAll(async () => {
    moto = await startMoto();
    const { s3 } = adminClients(moto.endpoint);
    for (const b of BUCKETS) {
      await s3.send(new CreateBucketCommand({ Bucket: b.name }));
      if (b.public) await s3.send(new PutBucketPolicyCommand({ Bucket: b.name, Policy: publicRead(b.name) }));
      for (const [Key, Body] of Object.entries(b.objects)) await s3.send(new PutObjectCommand({ Bucket: b.name, Key, Body }));
    }
    s3.destroy();
    const options = { endpoint: moto.endpoint, pathStyle: true, region: 'us-east-1', credentials: MOTO_ROOT_KEYS };
    const scan = (source: Parameters<typeof runScan>[1]['sources'][number]) =>
      runScan(db, { jurisdiction: 'Test County', auditor: 'Pat Clerk', sources: [source] }, { resourcesDir: findResourcesDir() });
    live = await scan({ kind: 'live', options });
    await collectToFolder(bundle, options);
    offline = await scan({ kind: 'evidence', path: bundle });
  }, 300_000);
  afterAll(async () => {
    db.close();
    await moto?.stop();
  });

  const finding = (r: ScanResult, checkId: string, bucket: string) => r.findings.find((f) => f.checkId === checkId && f.resource.type === 'bucket' && f.resource.name === bucket)!;

  for (const b of BUCKETS) {
    it(`${b.name}: the verdicts it was planted for, live and offline alike`, () => {
      for (const [checkId, [status, severity]] of Object.entries(b.expected)) {
        for (const r of [live, offline]) {
          const f = finding(r, checkId, b.name);
          expect({ checkId, status: f.status }).toEqual({ checkId, status });
          if (severity) expect({ checkId, severity: f.severity }).toEqual({ checkId, severity });
        }
      }
    });
  }

  it('names the voter extract by its columns and closest state layout, never a value', () => {
    const f = finding(live, 's3.bucket.voter-data', 'cv-open-county-files');
    const objects = f.evidence.objects as Array<{ key: string; columns: string[]; layout?: { state: string } }>;
    expect(objects.map((o) => o.key)).toEqual(['exports/extract-q3.csv']);
    expect(objects[0].layout?.state).toBe('OH');
    expect(f.evidence.escalated).toBeDefined();
  });

  it('names each dump and key by its kind, found by its first bytes, with the key and never the content', () => {
    const files = (bucket: string) => finding(live, 's3.bucket.sensitive-files', bucket).evidence.files;
    expect(files('cv-open-county-files')).toEqual([
      { key: 'backup/data.bin', size: SQLITE.length, kind: 'database file', content: 'SQLite database', signal: 'first bytes' },
    ]);
    // In listing order, as S3 lists keys.
    expect(files('cv-private-it')).toEqual([
      { key: 'deploy/id_deploy', size: PRIVATE_KEY.length, kind: 'private key or certificate', content: 'private key (PEM, OpenSSH, PGP or PuTTY)', signal: 'first bytes' },
      { key: 'nightly/data.bin', size: PGDMP.length, kind: 'database dump', content: 'PostgreSQL custom-format dump (pg_dump -Fc)', signal: 'first bytes' },
    ]);
    expect(finding(live, 's3.bucket.sensitive-files', 'cv-clean').evidence.archives).toEqual([{ key: 'logs/app.gz', content: 'gzip archive' }]);
  });

  it('gives the same findings offline as live', () => {
    const comparable = (r: ScanResult) => r.findings.map(({ checkId, status, severity, resource, detail, evidence }) => ({ checkId, status, severity, resource, detail, evidence }));
    expect(comparable(offline)).toEqual(comparable(live));
  });

  it('keeps kinds in the bundle, and no value of the extract nor any byte of the key', () => {
    const samples = JSON.parse(readFileSync(path.join(bundle, 'buckets', 'cv-private-it', 'object-samples.json'), 'utf8'));
    expect(samples).toEqual([
      { key: 'deploy/id_deploy', magic: 'private-key' },
      { key: 'nightly/data.bin', magic: 'pgdump' },
    ]);
    const everything = filesOf(bundle).map((f) => readFileSync(path.join(bundle, f), 'utf8')).join('\n');
    expect(everything).not.toContain(KEY_MARKER);
    expect(everything).not.toContain('PGDMP');
    const values = extract.values.filter((v) => v.length >= 8);
    expect(values.length).toBeGreaterThan(50);
    for (const v of values) expect(everything).not.toContain(v);
    const outputs = JSON.stringify([live.findings, offline.findings]);
    expect(outputs).not.toContain(KEY_MARKER);
    for (const v of values) expect(outputs).not.toContain(v);
  });
});
