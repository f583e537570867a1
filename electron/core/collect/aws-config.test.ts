import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../checks/engine';
import type { Finding } from '../checks/types';
import { InputError } from '../errors';
import { inventoryFromConfig, readAwsConfig } from './aws-config';
import { parseConfigFile } from './aws-config-file';
import type { Inventory } from './inventory';

const FIXTURES = path.resolve(__dirname, '../../../tests/fixtures/aws-config');
const fixture = (name: string) => path.join(FIXTURES, name);
const fixtureJson = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8')) as { configurationItems: Array<Record<string, unknown>> };
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'canvass-config-'));
const writeJson = (name: string, data: unknown) => {
  const p = path.join(tmp(), name);
  writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
  return p;
};

/** The status of every (check, resource name), to compare verdicts at a glance. */
const verdicts = (findings: Finding[]) => Object.fromEntries(findings.map((f) => [`${f.checkId} ${f.resource.name}`, f.status]));
const finding = (findings: Finding[], checkId: string, name: string) => {
  const f = findings.find((x) => x.checkId === checkId && x.resource.name === name);
  if (!f) throw new Error(`no ${checkId} finding for ${name}`);
  return f;
};
const bucket = (inv: Inventory, name: string) => {
  const b = inv.buckets.find((x) => x.name === name);
  if (!b) throw new Error(`no bucket ${name}`);
  return b;
};

async function refusal(p: string): Promise<string> {
  try {
    await readAwsConfig(p);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('the file was accepted');
}

/** The snapshot fixture with its items changed, written to a new file. */
function snapshotWith(change: (items: Array<Record<string, unknown>>) => Array<Record<string, unknown>>): string {
  const doc = fixtureJson('snapshot.json');
  return writeJson('snapshot.json', { ...doc, configurationItems: change(doc.configurationItems) });
}
const ACCOUNT_PAB = 'AWS::S3::AccountPublicAccessBlock';
const withAccountPab = (configuration: unknown, status = 'OK') =>
  snapshotWith((items) => items.map((i) => (i.resourceType === ACCOUNT_PAB ? { ...i, configuration, configurationItemStatus: status } : i)));
const ALL_ON = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

describe('reading an AWS Config snapshot', () => {
  it('reads the S3 items of a delivered snapshot, skipping other resource types and deleted buckets', async () => {
    const inv = await readAwsConfig(fixture('snapshot.json'));
    expect(inv.account.accountId).toBe('111122223333');
    expect(inv.account.partition).toBe('aws');
    expect(inv.collector).toBe('AWS Config snapshot 94ccff53-83be-42d9-996f-b4624b3c1a55');
    expect(inv.collectedAt).toBe('2026-11-19T21:44:30.000Z');
    expect(inv.buckets.map((b) => b.name)).toEqual(['lakeview-legacy-exports', 'lakeview-records', 'lakeview-scratch', 'lakeview-voter-rolls-public']);
    expect(inv.account.publicAccessBlock).toEqual({
      kind: 'value',
      value: { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false },
    });
    const records = bucket(inv, 'lakeview-records');
    expect(records.region).toEqual({ kind: 'value', value: 'us-east-2' });
    expect(records.creationDate).toBe('2022-01-10T16:00:05.000Z');
  });

  it('maps Config\'s camel-case settings to the S3 API\'s shapes', async () => {
    const inv = await readAwsConfig(fixture('snapshot.json'));
    const records = bucket(inv, 'lakeview-records');
    expect(records.versioning).toEqual({ kind: 'value', value: { Status: 'Enabled', MFADelete: 'Enabled' } });
    expect(records.logging).toEqual({ kind: 'value', value: { TargetBucket: 'lakeview-access-logs', TargetPrefix: 's3/lakeview-records/' } });
    expect(records.encryption).toEqual({
      kind: 'value',
      value: [{ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:us-east-2:111122223333:key/4d1e7a2c-9b3f-4e08-a6c5-1f2e3d4c5b6a', BucketKeyEnabled: true }],
    });
    expect(records.objectLock).toEqual({ kind: 'value', value: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 670 } } } });
    expect(records.replication).toEqual({
      kind: 'value',
      value: {
        Role: 'arn:aws:iam::111122223333:role/s3-replication',
        Rules: [{ ID: 'records-to-dr', Status: 'Enabled', Prefix: '', Destination: { Bucket: 'arn:aws:s3:::lakeview-records-dr', Account: '111122220777' } }],
      },
    });
    expect(records.notifications).toEqual({
      kind: 'value',
      value: { TopicConfigurations: [{ Id: 'records-removed-alert', TopicArn: 'arn:aws:sns:us-east-2:111122223333:records-alerts', Events: ['s3:ObjectRemoved:*'] }] },
    });
    expect(records.publicAccessBlock).toEqual({
      kind: 'value',
      value: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });
    const scratch = bucket(inv, 'lakeview-scratch');
    expect(scratch.policy).toEqual({ kind: 'none', call: 'config:BucketPolicy', code: 'NoSuchBucketPolicy' });
    expect(scratch.versioning).toEqual({ kind: 'value', value: {} });
    expect(scratch.logging).toEqual({ kind: 'value', value: null });
    expect(scratch.lifecycle).toMatchObject({ kind: 'value', value: [{ ID: 'clean-tmp', Status: 'Enabled', expirationInDays: 7 }] });
    // The ACL is a JSON string inside the item; group grantees are bare names there.
    expect(scratch.acl).toMatchObject({
      kind: 'value',
      value: {
        Grants: [
          { Grantee: { Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' },
          { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' },
          { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'WRITE' },
        ],
      },
    });
    expect(bucket(inv, 'lakeview-voter-rolls-public').tagging).toEqual({ kind: 'value', value: [{ Key: 'Department', Value: 'Elections' }] });
  });

  it('keeps what an item does not carry apart from "not configured": missing, named after the Config key', async () => {
    const inv = await readAwsConfig(fixture('snapshot.json'));
    const legacy = bucket(inv, 'lakeview-legacy-exports');
    // Block Public Access is the exception: absent means none set, which can only add exposure.
    expect(legacy.publicAccessBlock).toEqual({ kind: 'none', call: 'config:PublicAccessBlockConfiguration', code: 'NotInConfigItem' });
    expect(legacy.encryption).toEqual({ kind: 'missing', call: 'config:ServerSideEncryptionConfiguration' });
    expect(legacy.website).toEqual({ kind: 'missing', call: 'config:BucketWebsiteConfiguration' });
    expect(legacy.cors).toEqual({ kind: 'missing', call: 'config:BucketCrossOriginConfiguration' });
    expect(legacy.objectLock).toEqual({ kind: 'missing', call: 'config:ObjectLockConfiguration' });
    // Never in Config at all.
    expect(legacy.ownership).toEqual({ kind: 'missing', call: 'config:BucketOwnershipControls' });
    expect(legacy.policyStatus).toEqual({ kind: 'missing', call: 'get-bucket-policy-status' });
    expect(legacy.objects).toEqual({ kind: 'missing', call: 'list-objects-v2' });
    expect(legacy.objectAcls).toEqual({ kind: 'missing', call: 'get-object-acl' });
    expect(legacy.objectSamples).toEqual({ kind: 'missing', call: 'object-samples' });
    expect(inv.account.callerIdentity).toEqual({ kind: 'missing', call: 'get-caller-identity' });
  });

  it('gives the existing checks\' verdicts: public policy and public ACL fail, the kept bucket passes, the unsaid stays unknown', async () => {
    const findings = evaluate(await readAwsConfig(fixture('snapshot.json')));
    expect(verdicts(findings)).toMatchObject({
      's3.account.block-public-access AWS account 111122223333': 'fail',
      's3.bucket.public-read lakeview-voter-rolls-public': 'fail',
      's3.bucket.public-list lakeview-scratch': 'fail',
      's3.bucket.public-write lakeview-scratch': 'fail',
      // Object ACLs are not in Config, and nothing neutralizes them on scratch.
      's3.bucket.public-read lakeview-scratch': 'unknown',
      's3.bucket.block-public-access lakeview-voter-rolls-public': 'fail',
      's3.bucket.block-public-access lakeview-records': 'pass',
      's3.bucket.public-read lakeview-records': 'pass',
      's3.bucket.secure-transport lakeview-records': 'pass',
      's3.bucket.secure-transport lakeview-voter-rolls-public': 'fail',
      's3.bucket.versioning lakeview-records': 'pass',
      's3.bucket.versioning lakeview-scratch': 'fail',
      's3.bucket.mfa-delete lakeview-records': 'pass',
      's3.bucket.access-logging lakeview-records': 'pass',
      's3.bucket.access-logging lakeview-scratch': 'fail',
      's3.bucket.default-encryption lakeview-records': 'pass',
      's3.bucket.default-encryption lakeview-scratch': 'fail',
      's3.bucket.object-lock lakeview-records': 'pass',
      's3.bucket.replication lakeview-records': 'pass',
      's3.bucket.event-notifications lakeview-records': 'pass',
      's3.bucket.event-notifications lakeview-scratch': 'fail',
      's3.bucket.lifecycle lakeview-scratch': 'pass',
      // AWS allows no lifecycle rules with MFA delete.
      's3.bucket.lifecycle lakeview-records': 'not_applicable',
      's3.bucket.acls-enabled lakeview-records': 'unknown',
      's3.bucket.website lakeview-records': 'unknown',
      's3.bucket.voter-data lakeview-voter-rolls-public': 'unknown',
    });
    const legacy = finding(findings, 's3.bucket.public-read', 'lakeview-legacy-exports');
    expect(legacy.status).toBe('fail');
    // No finding for the deleted bucket or the EC2 volume.
    expect(findings.some((f) => /archive-2016|vol-/.test(f.resource.name))).toBe(false);
    // Nothing passes that Config did not carry.
    for (const f of findings.filter((x) => x.status === 'pass')) {
      expect(['lakeview-records', 'lakeview-scratch', 'lakeview-voter-rolls-public', 'lakeview-legacy-exports']).toContain(f.resource.name);
      expect(['s3.bucket.website', 's3.bucket.cors-wildcard', 's3.bucket.acls-enabled', 's3.bucket.voter-data', 's3.bucket.sensitive-files']).not.toContain(f.checkId);
    }
  });

  it('combines Block Public Access at account and bucket level, flag by flag', async () => {
    const on = evaluate(await readAwsConfig(withAccountPab(ALL_ON)));
    expect(verdicts(on)).toMatchObject({
      's3.account.block-public-access AWS account 111122223333': 'pass',
      // RestrictPublicBuckets at account level neutralizes the public policies, IgnorePublicAcls the ACL grants.
      's3.bucket.public-read lakeview-voter-rolls-public': 'pass',
      's3.bucket.public-read lakeview-legacy-exports': 'pass',
      's3.bucket.public-list lakeview-scratch': 'pass',
      's3.bucket.public-write lakeview-scratch': 'pass',
      's3.bucket.block-public-access lakeview-legacy-exports': 'pass',
    });
    // The account's setting was removed (DeletePublicAccessBlock): Config records the item as deleted.
    const removed = evaluate(await readAwsConfig(withAccountPab(null, 'ResourceDeleted')));
    expect(finding(removed, 's3.account.block-public-access', 'AWS account 111122223333')).toMatchObject({ status: 'fail', evidence: { configuration: 'none' } });
    // No account item at all: Config does not say.
    const absent = evaluate(await readAwsConfig(snapshotWith((items) => items.filter((i) => i.resourceType !== ACCOUNT_PAB))));
    expect(finding(absent, 's3.account.block-public-access', 'AWS account 111122223333').detail).toContain(
      'config:AWS::S3::AccountPublicAccessBlock was not collected',
    );
    expect(finding(absent, 's3.bucket.block-public-access', 'lakeview-records').status).toBe('pass');
  });
});

describe('reading lists of configuration items', () => {
  it('reads batch-get-resource-config output, with configuration and supplementary values as JSON strings, to the same verdicts', async () => {
    const batch = await readAwsConfig(fixture('batch-get-resource-config.json'));
    const snapshot = await readAwsConfig(fixture('snapshot.json'));
    expect(batch.buckets.map((b) => b.name)).toEqual(['lakeview-scratch', 'lakeview-voter-rolls-public']);
    for (const b of batch.buckets) {
      const same = bucket(snapshot, b.name);
      expect(b.acl).toEqual(same.acl);
      expect(b.policy).toEqual(same.policy);
      expect(b.publicAccessBlock).toEqual(same.publicAccessBlock);
      expect(b.encryption).toEqual(same.encryption);
    }
    const byBatch = verdicts(evaluate(batch));
    const bySnapshot = verdicts(evaluate(snapshot));
    for (const [k, status] of Object.entries(byBatch)) {
      // batch-get items carry no tags, which no check reads.
      expect([k, status]).toEqual([k, bySnapshot[k]]);
    }
  });

  it('reads get-resource-config-history output: the newest item counts, and a bucket deleted since is left out', async () => {
    const inv = await readAwsConfig(fixture('get-resource-config-history.json'));
    expect(inv.buckets.map((b) => b.name)).toEqual(['lakeview-results-site']);
    const site = inv.buckets[0];
    expect(site.policy).toMatchObject({ kind: 'none' });
    expect(inv.collectedAt).toBe('2026-11-18T15:30:00.000Z');
    expect(finding(evaluate(inv), 's3.bucket.public-read', 'lakeview-results-site').status).toBe('pass');
  });

  it('reads a bare JSON array of items', async () => {
    const items = fixtureJson('snapshot.json').configurationItems;
    const inv = await readAwsConfig(writeJson('items.json', items));
    expect(inv.buckets).toHaveLength(4);
  });

  it('reads a gzipped snapshot (.json.gz as AWS delivers it), and knows gzip by its bytes', async () => {
    const dir = tmp();
    const gz = path.join(dir, 'snapshot.json.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('snapshot.json'))));
    const plain = await readAwsConfig(fixture('snapshot.json'));
    expect(await readAwsConfig(gz)).toEqual(plain);
    const renamed = path.join(dir, 'renamed.json');
    writeFileSync(renamed, gzipSync(readFileSync(fixture('snapshot.json'))));
    expect(await readAwsConfig(renamed)).toEqual(plain);
  });
});

describe('values AWS Config wrote in a way Canvass cannot read', () => {
  const withBucketKey = (key: string, v: unknown) =>
    snapshotWith((items) =>
      items.map((i) =>
        i.resourceName === 'lakeview-scratch' ? { ...i, supplementaryConfiguration: { ...(i.supplementaryConfiguration as object), [key]: v } } : i,
      ),
    );

  it('an ACL that is not valid JSON makes the ACL unknown, and the checks that need it say so', async () => {
    const inv = await readAwsConfig(withBucketKey('AccessControlList', '{"grantList": ['));
    expect(bucket(inv, 'lakeview-scratch').acl).toMatchObject({ kind: 'error', call: 'config:AccessControlList', code: 'UnreadableConfigValue' });
    const f = finding(evaluate(inv), 's3.bucket.public-list', 'lakeview-scratch');
    expect(f.status).toBe('unknown');
    expect(f.detail).toContain('config:AccessControlList failed with UnreadableConfigValue');
  });

  it('a grantee it cannot place makes the ACL unknown, never private', async () => {
    const acl = JSON.stringify({ owner: { id: 'o' }, grantList: [{ grantee: 'EveryoneEverywhere', permission: 'Read' }] });
    const inv = await readAwsConfig(withBucketKey('AccessControlList', acl));
    expect(bucket(inv, 'lakeview-scratch').acl).toMatchObject({ kind: 'error', message: expect.stringContaining('EveryoneEverywhere') });
  });

  it('a notification target it does not know makes notifications unknown', async () => {
    const inv = await readAwsConfig(withBucketKey('BucketNotificationConfiguration', { configurations: { bus: { type: 'EventBridgeConfiguration' } } }));
    expect(bucket(inv, 'lakeview-scratch').notifications).toMatchObject({ kind: 'error', call: 'config:BucketNotificationConfiguration' });
  });

  it('a value of the wrong shape names the field', async () => {
    const inv = await readAwsConfig(withBucketKey('BucketVersioningConfiguration', { status: 'Sometimes' }));
    expect(bucket(inv, 'lakeview-scratch').versioning).toMatchObject({ kind: 'error', message: expect.stringContaining('status') });
  });
});

describe('refusing what is not AWS Config data of S3', () => {
  it('a snapshot of other resource types only: one message naming the file', async () => {
    const p = fixture('other-resource-type.json');
    expect(await refusal(p)).toBe(`${p} holds no AWS::S3::Bucket configuration items (it holds 1 item of AWS::EC2::Volume)`);
  });

  it('an empty list', async () => {
    const p = writeJson('empty.json', []);
    expect(await refusal(p)).toBe(`${p} holds no AWS::S3::Bucket configuration items (the list is empty)`);
    expect(await refusal(writeJson('empty.json', { configurationItems: [] }))).toMatch(/holds no AWS::S3::Bucket configuration items/);
  });

  it('JSON of another shape, and the manifest of an evidence bundle', async () => {
    expect(await refusal(writeJson('other.json', { Buckets: [] }))).toMatch(/holds no AWS::S3::Bucket configuration items \(it is neither an AWS Config snapshot nor a list/);
    expect(await refusal(writeJson('manifest.json', { format: 'canvass-evidence/1' }))).toMatch(/choose the bundle's folder or \.zip instead/);
  });

  it('malformed JSON, a broken gzip, a missing file, an item without a type', async () => {
    const bad = writeJson('bad.json', '{"configurationItems": [');
    expect(await refusal(bad)).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`));
    const gz = path.join(tmp(), 'broken.json.gz');
    writeFileSync(gz, Buffer.concat([gzipSync(Buffer.from('[]')).subarray(0, 12)]));
    expect(await refusal(gz)).toMatch(/not a readable gzip file/);
    expect(await refusal('/nonexistent/snapshot.json')).toBe('/nonexistent/snapshot.json: no such file');
    expect(await refusal(writeJson('typeless.json', [{ resourceId: 'x' }]))).toMatch(/item 1 is not an AWS Config configuration item/);
  });

  it('items of two accounts, a bucket item with a malformed configuration', async () => {
    const two = snapshotWith((items) => items.map((i) => (i.resourceName === 'lakeview-scratch' ? { ...i, awsAccountId: '444455556666' } : i)));
    expect(await refusal(two)).toMatch(/holds items of 2 AWS accounts \(111122223333, 444455556666\): give one file per account/);
    const broken = snapshotWith((items) => items.map((i) => (i.resourceName === 'lakeview-scratch' ? { ...i, configuration: '{"name":' } : i)));
    expect(await refusal(broken)).toMatch(/the configuration of bucket lakeview-scratch is not valid JSON/);
  });

  it('never throws anything but InputError, whatever the JSON (fuzzed)', async () => {
    const keys = [
      'AccessControlList', 'BucketPolicy', 'PublicAccessBlockConfiguration', 'ServerSideEncryptionConfiguration', 'BucketVersioningConfiguration',
      'BucketLoggingConfiguration', 'BucketWebsiteConfiguration', 'BucketCrossOriginConfiguration', 'ObjectLockConfiguration',
      'BucketLifecycleConfiguration', 'BucketReplicationConfiguration', 'BucketNotificationConfiguration',
    ];
    const anyValue = fc.oneof(fc.jsonValue(), fc.json());
    const s3Item = fc.record(
      {
        resourceType: fc.constantFrom('AWS::S3::Bucket', ACCOUNT_PAB),
        resourceName: fc.oneof({ arbitrary: fc.constantFrom('lakeview-a', 'lakeview-b'), weight: 5 }, { arbitrary: fc.string(), weight: 1 }),
        configurationItemStatus: fc.constantFrom('OK', 'ResourceDiscovered', 'ResourceDeleted', 'ResourceNotRecorded'),
        configurationItemCaptureTime: fc.oneof(fc.string(), fc.integer()),
        awsRegion: anyValue,
        configuration: anyValue,
        supplementaryConfiguration: fc.oneof({ arbitrary: fc.dictionary(fc.constantFrom(...keys), anyValue), weight: 5 }, { arbitrary: anyValue, weight: 1 }),
        tags: anyValue,
      },
      { requiredKeys: ['resourceType'] },
    );
    const doc = fc.oneof(fc.jsonValue(), fc.array(s3Item), fc.record({ configurationItems: fc.array(s3Item) }), fc.record({ baseConfigurationItems: fc.array(s3Item) }));
    await fc.assert(
      fc.asyncProperty(doc, async (d) => {
        try {
          evaluate(await inventoryFromConfig(parseConfigFile('fuzz.json', Buffer.from(JSON.stringify(d) ?? 'null'))));
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
        }
      }),
      { numRuns: 400 },
    );
  });
});
