import { describe, expect, it } from 'vitest';
import { account, bucket, ctx, denied, ownerAcl, pab, publicPolicy, v } from '../../../../tests/helpers/inventory';
import { bucketPublicList } from './bucket-public-list';

const open = { publicAccessBlock: v(pab(false)), ownership: v('ObjectWriter') };
const grant = (permission: string, group = 'AllUsers') => ({ ...ownerAcl, Grants: [...ownerAcl.Grants, { Grantee: { Type: 'Group', URI: `http://acs.amazonaws.com/groups/global/${group}` }, Permission: permission }] });
const run = (b: ReturnType<typeof bucket>, a = account()) => bucketPublicList.evaluate(b, ctx(a));

describe('s3.bucket.public-list', () => {
  it('fails on a bucket ACL granting READ to AllUsers', () => {
    expect(run(bucket('b', { ...open, acl: v(grant('READ')) })).status).toBe('fail');
  });
  it('fails on FULL_CONTROL to AuthenticatedUsers', () => {
    expect(run(bucket('b', { ...open, acl: v(grant('FULL_CONTROL', 'AuthenticatedUsers')) })).status).toBe('fail');
  });
  it('fails on a policy granting s3:ListBucket to "*" on the bucket ARN', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' }] };
    expect(run(bucket('b', { ...open, policy: v(policy) })).status).toBe('fail');
  });
  it('passes a policy that grants only object reads (no listing)', () => {
    expect(run(bucket('b', { ...open, policy: v(publicPolicy('b')) })).status).toBe('pass');
  });
  it('passes READ_ACP only (reads the ACL, not the list)', () => {
    expect(run(bucket('b', { ...open, acl: v(grant('READ_ACP')) })).status).toBe('pass');
  });
  it('passes a public ACL neutralized by IgnorePublicAcls at bucket level', () => {
    const r = run(bucket('b', { ownership: v('ObjectWriter'), publicAccessBlock: v(pab({ IgnorePublicAcls: true })), acl: v(grant('READ')) }));
    expect(r.status).toBe('pass');
    expect(r.detail).toContain('IgnorePublicAcls');
  });
  it('is unknown when the ACL was denied and nothing neutralizes ACLs', () => {
    const r = run(bucket('b', { ...open, acl: denied('get-bucket-acl') }));
    expect(r.status).toBe('unknown');
    expect(r.evidence?.unreadable).toEqual([{ call: 'get-bucket-acl', code: 'AccessDenied', message: 'Access Denied' }]);
  });
});
