import { describe, expect, it } from 'vitest';
import { account, bucket, ctx, denied, ownerAcl, pab, publicPolicy, v } from '../../../../tests/helpers/inventory';
import { bucketPublicWrite } from './bucket-public-write';

const open = { publicAccessBlock: v(pab(false)), ownership: v('ObjectWriter') };
const grant = (permission: string) => ({ ...ownerAcl, Grants: [...ownerAcl.Grants, { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: permission }] });
const run = (b: ReturnType<typeof bucket>, a = account()) => bucketPublicWrite.evaluate(b, ctx(a));

describe('s3.bucket.public-write', () => {
  it.each(['WRITE', 'WRITE_ACP', 'FULL_CONTROL'])('fails on AllUsers %s in the bucket ACL', (p) => {
    expect(run(bucket('b', { ...open, acl: v(grant(p)) })).status).toBe('fail');
  });
  it('passes AllUsers READ (list, not write)', () => {
    expect(run(bucket('b', { ...open, acl: v(grant('READ')) })).status).toBe('pass');
  });
  it('fails on a policy granting s3:PutObject to "*"', () => {
    expect(run(bucket('b', { ...open, policy: v(publicPolicy('b', 's3:PutObject')) })).status).toBe('fail');
  });
  it('fails on s3:* to "*"', () => {
    expect(run(bucket('b', { ...open, policy: v(publicPolicy('b', 's3:*')) })).status).toBe('fail');
  });
  it('passes s3:Get* to "*" (read, not write)', () => {
    expect(run(bucket('b', { ...open, policy: v(publicPolicy('b', 's3:Get*')) })).status).toBe('pass');
  });
  it('fails when a Federated principal may put objects (AWS counts it as public)', () => {
    const policy = { Statement: [{ Effect: 'Allow', Principal: { Federated: 'graph.facebook.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' }] };
    expect(run(bucket('b', { ...open, policy: v(policy) })).status).toBe('fail');
  });
  it('is unknown when the policy was not collected', () => {
    expect(run(bucket('b', { ...open, policy: { kind: 'missing', call: 'get-bucket-policy' } })).status).toBe('unknown');
  });
  it('is unknown when the bucket ACL was denied', () => {
    expect(run(bucket('b', { ...open, acl: denied('get-bucket-acl') })).status).toBe('unknown');
  });
});
