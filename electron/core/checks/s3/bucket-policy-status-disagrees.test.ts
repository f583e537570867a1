import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, none, notCollected, publicPolicy, v } from '../../../../tests/helpers/inventory';
import { bucketPolicyStatusDisagrees } from './bucket-policy-status-disagrees';

const run = (b: ReturnType<typeof bucket>) => bucketPolicyStatusDisagrees.evaluate(b, ctx());
const vendorPolicy = { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::777788889999:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };
// A principal Canvass cannot place in any account: it errs towards public.
const oddPrincipal = { Statement: [{ Sid: 'OldSiem', Effect: 'Allow', Principal: { AWS: 'siem-reader' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };

describe('s3.bucket.policy-status-disagrees', () => {
  it('passes when both say public, and when both say not public', () => {
    expect(run(bucket('b', { policy: v(publicPolicy('b')), policyStatus: v({ IsPublic: true }) })).status).toBe('pass');
    expect(run(bucket('b', { policy: v(vendorPolicy), policyStatus: v({ IsPublic: false }) })).status).toBe('pass');
  });
  it('fails at high severity when AWS says public and Canvass does not', () => {
    const r = run(bucket('b', { policy: v(vendorPolicy), policyStatus: v({ IsPublic: true }) }));
    expect(r.status).toBe('fail');
    expect(r.severity).toBeUndefined();
    expect(r.detail).toContain('Treat the bucket as public');
  });
  it('fails at low severity when only Canvass says public, naming the statement', () => {
    const r = run(bucket('b', { policy: v(oddPrincipal), policyStatus: v({ IsPublic: false }) }));
    expect(r).toMatchObject({ status: 'fail', severity: 'low' });
    expect(r.detail).toContain('"OldSiem"');
  });
  it('is not applicable without a policy', () => expect(run(bucket()).status).toBe('not_applicable'));
  it('treats a missing IsPublic (moto, S3-compatible servers) as no verdict, never as false', () => {
    const r = run(bucket('b', { policy: v(publicPolicy('b')), policyStatus: v({}) }));
    expect(r.status).toBe('not_applicable');
  });
  it('is not applicable when AWS reports no policy status', () => {
    expect(run(bucket('b', { policy: v(publicPolicy('b')), policyStatus: none('get-bucket-policy-status', 'NoSuchBucketPolicy') })).status).toBe('not_applicable');
  });
  it('is unknown (low) when either side could not be read', () => {
    const r = run(bucket('b', { policy: v(publicPolicy('b')), policyStatus: denied('get-bucket-policy-status') }));
    expect(r).toMatchObject({ status: 'unknown', severity: 'low' });
    expect(run(bucket('b', { policy: denied('get-bucket-policy'), policyStatus: v({ IsPublic: true }) })).status).toBe('unknown');
    expect(run(bucket('b', { policy: v(publicPolicy('b')), policyStatus: notCollected('get-bucket-policy-status') })).status).toBe('unknown');
  });
});
