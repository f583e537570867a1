import type { AccountInventory, BucketInventory, Inventory, PublicAccessBlock } from '../../electron/core/collect/inventory';
import type { Observed } from '../../electron/core/collect/observed';
import type { CheckContext } from '../../electron/core/checks/types';

/** Hand-made inventories for check tests: a private, well-kept bucket unless told otherwise. */

export const OWNER = '111122223333';
export const v = <T>(value: T): Observed<T> => ({ kind: 'value', value });
export const none = <T>(call: string, code: string): Observed<T> => ({ kind: 'none', call, code });
export const denied = <T>(call: string): Observed<T> => ({ kind: 'error', call, code: 'AccessDenied', message: 'Access Denied' });
export const notCollected = <T>(call: string): Observed<T> => ({ kind: 'missing', call });

export const pab = (on: boolean | Partial<PublicAccessBlock>): PublicAccessBlock => {
  const base = typeof on === 'boolean' ? on : false;
  return {
    BlockPublicAcls: base,
    IgnorePublicAcls: base,
    BlockPublicPolicy: base,
    RestrictPublicBuckets: base,
    ...(typeof on === 'object' ? on : {}),
  };
};

export const ownerAcl = { Owner: { ID: 'owner' }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' }] };

/** The owner's ACL plus grants to one of the global groups, e.g. aclWith(['AllUsers', 'READ']). */
export const aclWith = (...grants: Array<['AllUsers' | 'AuthenticatedUsers', string]>) => ({
  ...ownerAcl,
  Grants: [
    ...ownerAcl.Grants,
    ...grants.map(([group, permission]) => ({ Grantee: { Type: 'Group', URI: `http://acs.amazonaws.com/groups/global/${group}` }, Permission: permission })),
  ],
});

export const publicPolicy = (name: string, action: string | string[] = 's3:GetObject', extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: action, Resource: `arn:aws:s3:::${name}/*`, ...extra }],
});

export function bucket(name = 'county-bucket', over: Partial<BucketInventory> = {}): BucketInventory {
  return {
    name,
    region: v('us-east-2'),
    policy: none('get-bucket-policy', 'NoSuchBucketPolicy'),
    policyStatus: none('get-bucket-policy-status', 'NoSuchBucketPolicy'),
    acl: v(ownerAcl),
    publicAccessBlock: v(pab(true)),
    ownership: v('BucketOwnerEnforced'),
    encryption: v([{ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:us-east-2:111122223333:key/abc' }]),
    versioning: v({ Status: 'Enabled' }),
    logging: v({ TargetBucket: 'county-logs', TargetPrefix: `${name}/` }),
    website: none('get-bucket-website', 'NoSuchWebsiteConfiguration'),
    cors: none('get-bucket-cors', 'NoSuchCORSConfiguration'),
    objectLock: none('get-object-lock-configuration', 'ObjectLockConfigurationNotFoundError'),
    lifecycle: none('get-bucket-lifecycle-configuration', 'NoSuchLifecycleConfiguration'),
    replication: none('get-bucket-replication', 'ReplicationConfigurationNotFoundError'),
    notifications: v({}),
    tagging: none('get-bucket-tagging', 'NoSuchTagSet'),
    objects: v({ sample: [{ key: 'readme.txt', size: 10 }], truncated: false }),
    objectAcls: v({ 'readme.txt': ownerAcl }),
    objectSamples: v([]),
    ...over,
  };
}

export function account(over: Partial<AccountInventory> = {}): AccountInventory {
  return {
    accountId: OWNER,
    partition: 'aws',
    callerIdentity: v({ Account: OWNER, Arn: `arn:aws:iam::${OWNER}:user/auditor` }),
    publicAccessBlock: none('get-public-access-block', 'NoSuchPublicAccessBlockConfiguration'),
    ...over,
  };
}

export function inventory(buckets: BucketInventory[] = [], acct: AccountInventory = account()): Inventory {
  return { account: acct, buckets };
}

export const ctx = (acct: AccountInventory = account(), buckets: BucketInventory[] = []): CheckContext => ({
  inventory: inventory(buckets, acct),
  account: acct,
});
