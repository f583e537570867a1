import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findResourcesDir } from '../../electron/core/paths';

export const DEMO_EVIDENCE = path.join(findResourcesDir(), 'demo', 'evidence');

/** A writable copy of the demo bundle, to break in one place. */
export function demoCopy(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'canvass-bundle-')), 'evidence');
  cpSync(DEMO_EVIDENCE, dir, { recursive: true });
  return dir;
}

export function writeFile(root: string, rel: string, content: string | object): void {
  const p = path.join(root, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
}

/** A generated bundle of n buckets, each with every call answered (for cancel tests and the benchmark). */
export function generatedBundle(n: number): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'canvass-gen-'));
  writeFile(root, 'manifest.json', { format: 'canvass-evidence/1', collectedAt: '2026-11-20T00:00:00Z', collector: 'test', accountId: '111122223333', partition: 'aws' });
  writeFile(root, 'account/public-access-block.error.json', { code: 'NoSuchPublicAccessBlockConfiguration', message: 'none' });
  const names = Array.from({ length: n }, (_, i) => `gen-bucket-${String(i).padStart(5, '0')}`);
  writeFile(root, 'buckets/list-buckets.json', { Buckets: names.map((Name) => ({ Name, CreationDate: '2020-01-01T00:00:00+00:00' })) });
  for (const [i, name] of names.entries()) {
    const b = `buckets/${name}`;
    writeFile(root, `${b}/get-bucket-location.json`, { LocationConstraint: 'us-east-2' });
    if (i % 3 === 0) {
      writeFile(root, `${b}/get-bucket-policy.json`, {
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }] }),
      });
    } else writeFile(root, `${b}/get-bucket-policy.error.json`, { code: 'NoSuchBucketPolicy', message: 'none' });
    writeFile(root, `${b}/get-bucket-acl.json`, { Owner: { ID: 'o' }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'o' }, Permission: 'FULL_CONTROL' }] });
    writeFile(root, `${b}/get-public-access-block.error.json`, { code: 'NoSuchPublicAccessBlockConfiguration', message: 'none' });
    writeFile(root, `${b}/get-bucket-ownership-controls.json`, { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } });
    writeFile(root, `${b}/get-bucket-encryption.json`, { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } });
    writeFile(root, `${b}/get-bucket-versioning.json`, i % 2 ? { Status: 'Enabled' } : {});
    writeFile(root, `${b}/get-bucket-logging.json`, {});
    writeFile(root, `${b}/list-objects-v2.json`, { Contents: [{ Key: `data/file-${i}.csv`, Size: 1000 }], IsTruncated: false });
    writeFile(root, `${b}/object-samples.json`, []);
  }
  return root;
}
