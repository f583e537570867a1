import { describe, expect, it } from 'vitest';
import { account, bucket, ctx, denied, notCollected, pab, publicPolicy, v, ownerAcl } from '../../../../tests/helpers/inventory';
import { bucketPublicRead } from './bucket-public-read';

const open = { publicAccessBlock: v(pab(false)), ownership: v('ObjectWriter') };
const run = (b: ReturnType<typeof bucket>, a = account()) => bucketPublicRead.evaluate(b, ctx(a));

describe('s3.bucket.public-read', () => {
  it('fails on a policy granting s3:GetObject to "*", and shows the statement', () => {
    const r = run(bucket('rolls', { ...open, policy: v(publicPolicy('rolls')) }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('rolls');
    expect(JSON.stringify(r.evidence)).toContain('"Principal":"*"');
  });

  it('fails on a sampled object ACL granting READ to AllUsers', () => {
    const acl = { ...ownerAcl, Grants: [...ownerAcl.Grants, { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] };
    const r = run(bucket('b', { ...open, objectAcls: v({ 'voters.csv': acl }) }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('object ACL');
  });

  it('passes a private bucket', () => {
    expect(run(bucket()).status).toBe('pass');
  });

  it('passes when RestrictPublicBuckets at account level neutralizes a public policy, and says so', () => {
    const r = run(bucket('b', { ...open, policy: v(publicPolicy('b')) }), account({ publicAccessBlock: v(pab({ RestrictPublicBuckets: true })) }));
    expect(r.status).toBe('pass');
    expect(r.detail).toContain('RestrictPublicBuckets');
    expect(r.evidence?.neutralized).toBeDefined();
  });

  it('does not count BlockPublicPolicy as neutralizing a policy already in place', () => {
    const r = run(bucket('b', { ...open, publicAccessBlock: v(pab({ BlockPublicPolicy: true, BlockPublicAcls: true })), policy: v(publicPolicy('b')) }));
    expect(r.status).toBe('fail');
  });

  it('is unknown, naming the call, when the policy could not be read', () => {
    const r = run(bucket('b', { ...open, policy: denied('get-bucket-policy') }));
    expect(r.status).toBe('unknown');
    expect(r.detail).toContain('get-bucket-policy failed with AccessDenied');
  });

  it('is unknown when object ACLs were not sampled and ACLs are in force', () => {
    const r = run(bucket('b', { ...open, objectAcls: notCollected('get-object-acl') }));
    expect(r.status).toBe('unknown');
    expect(r.detail).toContain('get-object-acl was not collected');
  });

  it('passes without object ACLs when ACLs are disabled (BucketOwnerEnforced)', () => {
    const r = run(bucket('b', { publicAccessBlock: v(pab(false)), objectAcls: notCollected('get-object-acl') }));
    expect(r.status).toBe('pass');
  });

  it('still fails on a public policy even if the ACL could not be read', () => {
    const r = run(bucket('b', { ...open, policy: v(publicPolicy('b')), objectAcls: denied('get-object-acl') }));
    expect(r.status).toBe('fail');
  });

  it('is unknown when a public policy exists but Block Public Access could not be read', () => {
    const r = run(bucket('b', { ownership: v('BucketOwnerEnforced'), publicAccessBlock: denied('get-public-access-block'), policy: v(publicPolicy('b')) }), account({ publicAccessBlock: denied('get-public-access-block') }));
    expect(r.status).toBe('unknown');
  });
});
