import { describe, expect, it } from 'vitest';
import { account, bucket, ctx, denied, OWNER, pab, publicPolicy, v } from '../../../../tests/helpers/inventory';
import { bucketCrossAccount } from './bucket-cross-account';

const run = (b: ReturnType<typeof bucket>, a = account()) => bucketCrossAccount.evaluate(b, ctx(a));
const policy = (...statements: Array<Record<string, unknown>>) => ({
  Version: '2012-10-17',
  Statement: statements.map((s) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...s })),
});
const VENDOR = { Sid: 'Vendor', Principal: { AWS: 'arn:aws:iam::777788889999:root' } };

describe('s3.bucket.cross-account', () => {
  it('fails on a fixed outside account, listing it', () => {
    const r = run(bucket('b', { policy: v(policy(VENDOR)) }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('account 777788889999');
    expect(r.evidence?.accounts).toEqual(['777788889999']);
  });
  it('fails on "*" limited only by a condition (here a network), naming the condition', () => {
    const r = run(bucket('b', { policy: v(policy({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } })) }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('aws:SourceIp 198.51.100.0/24');
  });
  it('fails on "*" limited to an organization (other accounts of the organization get in)', () => {
    expect(run(bucket('b', { policy: v(policy({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } })) })).status).toBe('fail');
  });
  it('passes "*" pinned to the owner\'s own account by a condition', () => {
    const r = run(bucket('b', { policy: v(policy({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': OWNER } } })) }));
    expect(r.status).toBe('pass');
  });
  it('passes the owner\'s own principals and service principals', () => {
    const own = policy({ Principal: { AWS: `arn:aws:iam::${OWNER}:role/app` } }, { Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' });
    expect(run(bucket('b', { policy: v(own) })).status).toBe('pass');
  });
  it('passes a purely public policy, pointing to the public-* checks (unlike Prowler, which fails it)', () => {
    const r = run(bucket('b', { policy: v(publicPolicy('b')), publicAccessBlock: v(pab(false)) }));
    expect(r.status).toBe('pass');
    expect(r.detail).toContain('public-read');
  });
  it('still fails the share beside a public statement when nothing restricts public buckets', () => {
    const mixed = policy(VENDOR, { Principal: '*' });
    expect(run(bucket('b', { policy: v(mixed), publicAccessBlock: v(pab(false)) })).status).toBe('fail');
  });
  it('passes a share cut off by RestrictPublicBuckets because the same policy is public, and says so', () => {
    const mixed = policy(VENDOR, { Principal: '*' });
    const r = run(bucket('b', { policy: v(mixed), publicAccessBlock: v(pab({ RestrictPublicBuckets: true })) }));
    expect(r.status).toBe('pass');
    expect(r.detail).toContain('RestrictPublicBuckets (on at bucket level)');
  });
  it('does not count RestrictPublicBuckets against a share in a non-public policy', () => {
    expect(run(bucket('b', { policy: v(policy(VENDOR)) })).status).toBe('fail');
  });
  it('passes with no policy', () => expect(run(bucket('b')).status).toBe('pass'));
  it('is unknown when the policy was denied', () => {
    expect(run(bucket('b', { policy: denied('get-bucket-policy') })).status).toBe('unknown');
  });
  it('is unknown when a public policy also shares and Block Public Access could not be read', () => {
    const mixed = policy(VENDOR, { Principal: '*' });
    const r = run(bucket('b', { policy: v(mixed), publicAccessBlock: denied('get-public-access-block') }));
    expect(r.status).toBe('unknown');
  });
});
