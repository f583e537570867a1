import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, notCollected, v } from '../../../../tests/helpers/inventory';
import { sensitiveKind } from '../../discovery/sensitive-names';
import type { ObjectSample } from '../../collect/inventory';
import { bucketSensitiveFiles } from './bucket-sensitive-files';

const listing = (...keys: string[]) => v({ sample: keys.map((key) => ({ key, size: 100 })), truncated: false });
const run = (b: ReturnType<typeof bucket>) => bucketSensitiveFiles.evaluate(b, ctx());

describe('sensitiveKind', () => {
  it.each([
    ['backups/vr-db-2026-10-31.sql.gz', 'database dump'],
    ['exports/voters.sql', 'database dump'],
    ['pg/election.dump', 'database dump'],
    ['oracle/EXPDAT.DMP', 'database dump'],
    ['vr/county.bak', 'backup'],
    ['old/gis.backup.zip', 'backup'],
    ['access/voters.accdb', 'database file'],
    ['keys/vendor-sftp.pem', 'private key or certificate'],
    ['tls/server.key', 'private key or certificate'],
    ['certs/signing.p12', 'private key or certificate'],
    ['certs/signing.PFX', 'private key or certificate'],
    ['home/it/.ssh/id_rsa', 'private key or certificate'],
    ['id_ed25519', 'private key or certificate'],
    ['app/.env', 'credentials file'],
    ['app/.env.production', 'credentials file'],
    ['it/.aws/credentials', 'credentials file'],
    ['it/jdoe_accessKeys.csv', 'credentials file'],
    ['rootkey.csv', 'credentials file'],
    ['infra/terraform.tfstate', 'credentials file'],
    ['it/passwords.kdbx', 'password vault'],
    ['vm/dc01.vhdx', 'disk image'],
  ])('%s is a %s', (key, kind) => expect(sensitiveKind(key)).toBe(kind));
  it.each([
    'voter-rolls/extract.csv',
    'app/.env.example',
    'keys/id_rsa.pub',
    'docs/credentials-policy.pdf',
    'scripts/nightly-backup.ps1',
    'sql/README.md',
    'precincts/boundaries.shp.zip',
    'logs/trail.json.gz',
  ])('%s is not flagged', (key) => expect(sensitiveKind(key)).toBeUndefined());
});

describe('s3.bucket.sensitive-files', () => {
  it('fails on a dump and a key, naming them and their kind', () => {
    const r = run(bucket('b', { objects: listing('backups/vr-db.sql.gz', 'keys/vendor-sftp.pem', 'readme.txt') }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('keys/vendor-sftp.pem (private key or certificate)');
    expect(r.evidence?.files).toHaveLength(2);
  });
  it('passes ordinary files, and says when the listing was truncated', () => {
    expect(run(bucket()).status).toBe('pass');
    expect(run(bucket('b', { objects: v({ sample: [{ key: 'a.pdf', size: 1 }], truncated: true }) })).detail).toContain('truncated');
  });
  it('fails on a dump under a neutral name by its first bytes, naming the kind and the key, never the content', () => {
    const samples: ObjectSample[] = [{ key: 'exports/data.bin', magic: 'pgdump' }, { key: 'x/blob', magic: 'private-key' }];
    const r = run(bucket('b', { objects: listing('exports/data.bin', 'x/blob', 'readme.txt'), objectSamples: v(samples) }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('exports/data.bin (PostgreSQL custom-format dump (pg_dump -Fc), by its first bytes)');
    expect(r.evidence?.files).toEqual([
      { key: 'exports/data.bin', size: 100, kind: 'database dump', content: 'PostgreSQL custom-format dump (pg_dump -Fc)', signal: 'first bytes' },
      { key: 'x/blob', size: 100, kind: 'private key or certificate', content: 'private key (PEM, OpenSSH, PGP or PuTTY)', signal: 'first bytes' },
    ]);
  });
  it('lets the first bytes settle a name: a .bak that is a SQLite database is a database file', () => {
    const r = run(bucket('b', { objects: listing('vr/county.bak'), objectSamples: v([{ key: 'vr/county.bak', magic: 'sqlite' }]) }));
    expect((r.evidence?.files as Array<{ kind: string }>)[0].kind).toBe('database file');
  });
  it('notes archives whose contents were not read, and passes them', () => {
    const r = run(bucket('b', { objects: listing('logs/x.gz'), objectSamples: v([{ key: 'logs/x.gz', magic: 'gzip' }]) }));
    expect(r.status).toBe('pass');
    expect(r.detail).toContain('1 file is an archive (logs/x.gz) whose contents were not read');
    expect(r.evidence?.archives).toEqual([{ key: 'logs/x.gz', content: 'gzip archive' }]);
  });
  it('ignores a kind it does not know (a newer collector) rather than refusing it', () => {
    expect(run(bucket('b', { objects: listing('a/blob'), objectSamples: v([{ key: 'a/blob', magic: 'future-kind' }]) })).status).toBe('pass');
  });
  it('names an S3 Inventory report it was given, with its object count', () => {
    const inventory = { manifest: 'buckets/b/inventory/manifest.json', createdAt: '2026-11-01T00:00:00.000Z', objects: 2_000_000, bytes: 1, matched: 0, kept: 0 };
    const r = run(bucket('b', { objects: v({ sample: [], truncated: true, inventory }) }));
    expect(r.status).toBe('pass');
    expect(r.detail).toContain('none of the 2,000,000 objects of its S3 Inventory report of 2026-11-01T00:00:00.000Z');
    expect(r.evidence?.inventory).toEqual(inventory);
  });
  it('vouches for first bytes only when they were read', () => {
    expect(run(bucket('b', { objects: listing('a/blob'), objectSamples: v([]) })).detail).toContain('none of the files whose first bytes were read is one');
    const r = run(bucket('b', { objects: listing('a/blob'), objectSamples: denied('object-samples') }));
    expect(r.status).toBe('pass');
    expect(r.detail).toContain("(no file's first bytes were read: object-samples failed with AccessDenied");
  });
  it('is unknown when the listing was denied or not collected', () => {
    expect(run(bucket('b', { objects: denied('list-objects-v2') })).status).toBe('unknown');
    expect(run(bucket('b', { objects: notCollected('list-objects-v2') })).status).toBe('unknown');
  });
});
