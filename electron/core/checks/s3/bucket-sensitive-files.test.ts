import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, notCollected, v } from '../../../../tests/helpers/inventory';
import { bucketSensitiveFiles, sensitiveKind } from './bucket-sensitive-files';

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
  it('is unknown when the listing was denied or not collected', () => {
    expect(run(bucket('b', { objects: denied('list-objects-v2') })).status).toBe('unknown');
    expect(run(bucket('b', { objects: notCollected('list-objects-v2') })).status).toBe('unknown');
  });
});
