import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { demoCopy, writeFile } from '../../../tests/helpers/bundle';
import { evaluate } from '../checks/engine';
import { InputError } from '../errors';
import { readEvidenceBundle } from './evidence-bundle';
import { MAX_KEPT } from './inventory-report';

const BUCKET = 'harlow-county-scratch';
const DIR = `buckets/${BUCKET}/inventory`;
const SCHEMA = 'Bucket, Key, Size, LastModifiedDate, ETag, StorageClass';
/** Writes bytes as they are (writeFile of the bundle helper writes text or JSON). */
function put(root: string, rel: string, bytes: Buffer) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), bytes);
}
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

/** A CSV data file as AWS writes it: every field quoted, keys URL-encoded, gzipped. */
function dataFile(keys: Array<[string, number]>, raw: string[] = []): Buffer {
  const lines = [...raw, ...keys.map(([k, size]) => `"${BUCKET}","${encodeURIComponent(k).replace(/%20/g, '+')}","${size}","2026-11-01T03:00:00.000Z","abc","STANDARD"`)];
  return gzipSync(`${lines.join('\n')}\n`);
}

/** Many ordinary keys, a few that matter, spread over two data files. */
function reportFiles() {
  const ordinary = Array.from({ length: 60_000 }, (_, i): [string, number] => [`scans/ballot-${i}.pdf`, 1000]);
  const first = dataFile([...ordinary.slice(0, 30_000), ['exports/voter registration 2026.csv', 5_000_000]]);
  // One key written with CSV quoting rather than URL-encoded: a comma and quotes inside a field.
  const second = dataFile([...ordinary.slice(30_000), ['db/vr-nightly.sql.gz', 9_000_000], ['keys/sftp.pem', 1_700]], [
    `"${BUCKET}","old/a, ""b"" c.bak","7","2026-11-01T03:00:00.000Z","abc","STANDARD"`,
  ]);
  return { first, second };
}

function manifest(files: Array<{ name: string; bytes: Buffer }>, over: Record<string, unknown> = {}) {
  return {
    sourceBucket: BUCKET,
    destinationBucket: 'arn:aws:s3:::harlow-county-inventory',
    version: '2016-11-30',
    creationTimestamp: '1761966000000',
    fileFormat: 'CSV',
    fileSchema: SCHEMA,
    files: files.map((f) => ({ key: `inv/${BUCKET}/daily/data/${f.name}`, size: f.bytes.length, MD5checksum: md5(f.bytes) })),
    ...over,
  };
}

/** The demo bundle, with the bucket's listing cut short (too large to list) and an inventory report beside it. */
function bundleWithReport(change: (root: string, files: ReturnType<typeof reportFiles>) => void = () => {}) {
  const root = demoCopy();
  writeFile(root, `buckets/${BUCKET}/list-objects-v2.json`, { Contents: [{ Key: 'tmp/a.pdf', Size: 1 }], IsTruncated: true });
  const f = reportFiles();
  put(root, `${DIR}/data/a1.csv.gz`, f.first);
  put(root, `${DIR}/data/b2.csv.gz`, f.second);
  const m = JSON.stringify(manifest([{ name: 'a1.csv.gz', bytes: f.first }, { name: 'b2.csv.gz', bytes: f.second }]));
  writeFile(root, `${DIR}/manifest.json`, m);
  writeFile(root, `${DIR}/manifest.checksum`, `${md5(Buffer.from(m))}\n`);
  change(root, f);
  return root;
}

async function refusal(root: string): Promise<string> {
  try {
    await readEvidenceBundle(root);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('the bundle was accepted');
}

describe('an S3 Inventory report in a bundle (buckets/NAME/inventory/)', () => {
  it('adds the keys that matter to the bucket\'s objects, with the counts, and the checks find them', async () => {
    const root = bundleWithReport();
    const inv = await readEvidenceBundle(root);
    const b = inv.buckets.find((x) => x.name === BUCKET)!;
    expect(b.objects.kind).toBe('value');
    if (b.objects.kind !== 'value') return;
    expect(b.objects.value.inventory).toEqual({
      manifest: `${DIR}/manifest.json`,
      createdAt: '2025-11-01T03:00:00.000Z',
      objects: 60_004,
      bytes: 60_000 * 1000 + 5_000_000 + 9_000_000 + 1_700 + 7,
      matched: 4,
      kept: 4,
    });
    expect(b.objects.value.sample.map((o) => o.key)).toEqual(['tmp/a.pdf', 'exports/voter registration 2026.csv', 'old/a, "b" c.bak', 'db/vr-nightly.sql.gz', 'keys/sftp.pem']);
    expect(b.objects.value.truncated).toBe(true);

    const findings = evaluate(inv).filter((f) => f.resource.name === BUCKET);
    const voter = findings.find((f) => f.checkId === 's3.bucket.voter-data')!;
    expect(voter.status).toBe('fail');
    expect(JSON.stringify(voter.evidence)).toContain('exports/voter registration 2026.csv');
    const sensitive = findings.find((f) => f.checkId === 's3.bucket.sensitive-files')!;
    expect(sensitive.status).toBe('fail');
    expect((sensitive.evidence.files as Array<{ key: string }>).map((f) => f.key)).toEqual(['old/a, "b" c.bak', 'db/vr-nightly.sql.gz', 'keys/sftp.pem']);
    rmSync(path.dirname(root), { recursive: true });
  });

  it('reads the same report from a .zip of the bundle', async () => {
    const root = bundleWithReport();
    const zip = `${root}.zip`;
    execFileSync('python3', ['-c', `import shutil,sys; shutil.make_archive(sys.argv[1], 'zip', sys.argv[2], 'evidence')`, root, path.dirname(root)]);
    const b = (await readEvidenceBundle(zip)).buckets.find((x) => x.name === BUCKET)!;
    expect(b.objects.kind === 'value' && b.objects.value.inventory).toMatchObject({ objects: 60_004, matched: 4 });
  });

  it('keeps at most MAX_KEPT keys however many match, and counts them all', async () => {
    const many = Array.from({ length: MAX_KEPT + 500 }, (_, i): [string, number] => [`dumps/db-${i}.sql`, 10]);
    const root = bundleWithReport((r) => {
      const bytes = dataFile(many);
      put(r, `${DIR}/data/a1.csv.gz`, bytes);
      rmSync(path.join(r, DIR, 'data', 'b2.csv.gz'));
      rmSync(path.join(r, DIR, 'manifest.checksum'));
      writeFile(r, `${DIR}/manifest.json`, manifest([{ name: 'a1.csv.gz', bytes }]));
    });
    const b = (await readEvidenceBundle(root)).buckets.find((x) => x.name === BUCKET)!;
    if (b.objects.kind !== 'value') throw new Error('no objects');
    expect(b.objects.value.inventory).toMatchObject({ objects: MAX_KEPT + 500, matched: MAX_KEPT + 500, kept: MAX_KEPT });
    expect(b.objects.value.sample).toHaveLength(1 + MAX_KEPT);
  });

  const MANIFEST = `${DIR}/manifest.json`;
  it.each<[string, (root: string, f: ReturnType<typeof reportFiles>) => void, RegExp]>([
    [
      'a manifest that is not JSON',
      (r) => {
        writeFile(r, MANIFEST, '{"sourceBucket": ');
        rmSync(path.join(r, DIR, 'manifest.checksum'));
      },
      /inventory\/manifest\.json: not valid JSON/,
    ],
    [
      'a manifest without fileSchema',
      (r, f) => {
        const { fileSchema: _s, ...rest } = manifest([{ name: 'a1.csv.gz', bytes: f.first }]);
        writeFile(r, MANIFEST, rest);
        rmSync(path.join(r, DIR, 'manifest.checksum'));
      },
      /inventory\/manifest\.json: not an S3 Inventory manifest at fileSchema: /,
    ],
    [
      'a manifest changed after AWS wrote it (manifest.checksum)',
      (r) => writeFile(r, MANIFEST, readFileSync(path.join(r, MANIFEST), 'utf8').replace('daily', 'weekly')),
      /inventory\/manifest\.json: its MD5 does not match manifest\.checksum/,
    ],
    [
      'a missing data file',
      (r) => rmSync(path.join(r, DIR, 'data', 'b2.csv.gz')),
      new RegExp(`inventory/manifest\\.json: lists the data file b2\\.csv\\.gz, which is not in .*/buckets/${BUCKET}/inventory$`),
    ],
    [
      'a damaged data file (MD5)',
      (r, f) => put(r, `${DIR}/data/b2.csv.gz`, f.first),
      /inventory\/data\/b2\.csv\.gz: its MD5 does not match the manifest's MD5checksum/,
    ],
    [
      'a data file that is not gzip',
      (r) => {
        const bytes = Buffer.from('"a","b"\n');
        put(r, `${DIR}/data/a1.csv.gz`, bytes);
        rmSync(path.join(r, DIR, 'data', 'b2.csv.gz'));
        rmSync(path.join(r, DIR, 'manifest.checksum'));
        writeFile(r, MANIFEST, manifest([{ name: 'a1.csv.gz', bytes }]));
      },
      /inventory\/data\/a1\.csv\.gz: not a readable gzipped CSV data file/,
    ],
    [
      'rows that do not fit fileSchema',
      (r) => {
        const bytes = gzipSync(`"${BUCKET}","a.txt","1"\n`);
        put(r, `${DIR}/data/a1.csv.gz`, bytes);
        rmSync(path.join(r, DIR, 'data', 'b2.csv.gz'));
        rmSync(path.join(r, DIR, 'manifest.checksum'));
        writeFile(r, MANIFEST, manifest([{ name: 'a1.csv.gz', bytes }]));
      },
      /inventory\/data\/a1\.csv\.gz: line 1 has 3 fields where fileSchema names 6/,
    ],
    [
      'a report of another bucket',
      (r, f) => {
        rmSync(path.join(r, DIR, 'manifest.checksum'));
        writeFile(r, MANIFEST, manifest([{ name: 'a1.csv.gz', bytes: f.first }], { sourceBucket: 'harlow-county-backups' }));
      },
      /the report is of bucket "harlow-county-backups", not "harlow-county-scratch"/,
    ],
    [
      'an ORC report',
      (r, f) => {
        rmSync(path.join(r, DIR, 'manifest.checksum'));
        writeFile(r, MANIFEST, manifest([{ name: 'a1.csv.gz', bytes: f.first }], { fileFormat: 'ORC' }));
      },
      /the report is in ORC; Canvass reads CSV inventory reports/,
    ],
    ['data files without a manifest', (r) => rmSync(path.join(r, MANIFEST)), /inventory: an inventory folder needs the report's manifest\.json/],
  ])('refuses %s, naming the file', async (_what, change, message) => {
    expect(await refusal(bundleWithReport(change))).toMatch(message);
  });
});
