import { describe, expect, it } from 'vitest';
import { account, aclWith, bucket, ctx, denied, notCollected, pab, v } from '../../../../tests/helpers/inventory';
import { bucketAuthenticatedUsers } from './bucket-authenticated-users';

const open = { publicAccessBlock: v(pab(false)), ownership: v('ObjectWriter') };
const run = (b: ReturnType<typeof bucket>, a = account()) => bucketAuthenticatedUsers.evaluate(b, ctx(a));

describe('s3.bucket.authenticated-users', () => {
  it('fails on a bucket ACL granting READ to AuthenticatedUsers', () => {
    const r = run(bucket('b', { ...open, acl: v(aclWith(['AuthenticatedUsers', 'READ'])) }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('the bucket (READ)');
  });
  it('fails on a sampled object ACL, naming the object', () => {
    const r = run(bucket('b', { ...open, objectAcls: v({ 'a.csv': aclWith(['AuthenticatedUsers', 'FULL_CONTROL']) }) }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('object "a.csv"');
  });
  it('passes AllUsers grants (those are the public-* checks\' business)', () => {
    expect(run(bucket('b', { ...open, acl: v(aclWith(['AllUsers', 'READ'])) })).status).toBe('pass');
  });
  it('passes a private bucket', () => {
    expect(run(bucket('b', open)).status).toBe('pass');
  });
  it('passes a grant neutralized by IgnorePublicAcls at account level, and says so', () => {
    const r = run(bucket('b', { ...open, acl: v(aclWith(['AuthenticatedUsers', 'READ'])) }), account({ publicAccessBlock: v(pab({ IgnorePublicAcls: true })) }));
    expect(r.status).toBe('pass');
    expect(r.detail).toContain('IgnorePublicAcls (on at account level)');
  });
  it('passes a grant neutralized by BucketOwnerEnforced, and says so', () => {
    const r = run(bucket('b', { publicAccessBlock: v(pab(false)), objectAcls: v({ 'a.csv': aclWith(['AuthenticatedUsers', 'READ']) }) }));
    expect(r.status).toBe('pass');
    expect(r.detail).toContain('BucketOwnerEnforced');
  });
  it('passes without readable ACLs when ACLs cannot take effect', () => {
    expect(run(bucket('b', { acl: denied('get-bucket-acl'), objectAcls: notCollected('get-object-acl') })).status).toBe('pass');
  });
  it('is unknown when the bucket ACL was denied and ACLs are in force', () => {
    const r = run(bucket('b', { ...open, acl: denied('get-bucket-acl') }));
    expect(r.status).toBe('unknown');
    expect(r.detail).toContain('get-bucket-acl failed with AccessDenied');
  });
  it('is unknown when object ACLs were not collected, unless the bucket is known to be empty', () => {
    expect(run(bucket('b', { ...open, objectAcls: notCollected('get-object-acl') })).status).toBe('unknown');
    const empty = { objects: v({ sample: [], truncated: false }), objectAcls: notCollected<Record<string, never>>('get-object-acl') };
    expect(run(bucket('b', { ...open, ...empty })).status).toBe('pass');
  });
  it('is unknown when a grant exists but Block Public Access could not be read', () => {
    const r = run(
      bucket('b', { ownership: v('ObjectWriter'), publicAccessBlock: denied('get-public-access-block'), acl: v(aclWith(['AuthenticatedUsers', 'WRITE'])) }),
      account({ publicAccessBlock: denied('get-public-access-block') }),
    );
    expect(r.status).toBe('unknown');
    expect(r.evidence?.grants).toEqual([{ on: 'the bucket', permission: 'WRITE' }]);
  });
});
