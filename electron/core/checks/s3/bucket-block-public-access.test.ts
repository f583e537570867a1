import { describe, expect, it } from 'vitest';
import { account, bucket, ctx, denied, none, pab, v } from '../../../../tests/helpers/inventory';
import { bucketBlockPublicAccess } from './bucket-block-public-access';

const run = (b: ReturnType<typeof bucket>, a = account()) => bucketBlockPublicAccess.evaluate(b, ctx(a));

describe('s3.bucket.block-public-access', () => {
  it('passes with all four on at bucket level', () => {
    expect(run(bucket()).status).toBe('pass');
  });
  it('passes with all four on at account level and none on the bucket', () => {
    const r = run(bucket('b', { publicAccessBlock: none('get-public-access-block', 'NoSuchPublicAccessBlockConfiguration') }), account({ publicAccessBlock: v(pab(true)) }));
    expect(r.status).toBe('pass');
    expect((r.evidence?.inEffect as Record<string, string>).RestrictPublicBuckets).toBe('account');
  });
  it('combines levels flag by flag (two at account, two at bucket)', () => {
    const r = run(
      bucket('b', { publicAccessBlock: v(pab({ BlockPublicPolicy: true, RestrictPublicBuckets: true })) }),
      account({ publicAccessBlock: v(pab({ BlockPublicAcls: true, IgnorePublicAcls: true })) }),
    );
    expect(r.status).toBe('pass');
  });
  it('fails when a flag is off at both levels', () => {
    const r = run(bucket('b', { publicAccessBlock: v(pab({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true })) }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('RestrictPublicBuckets');
  });
  it('is unknown when the bucket setting is denied and the account does not cover it', () => {
    expect(run(bucket('b', { publicAccessBlock: denied('get-public-access-block') })).status).toBe('unknown');
  });
  it('passes when the bucket setting is denied but the account has all four on', () => {
    expect(run(bucket('b', { publicAccessBlock: denied('get-public-access-block') }), account({ publicAccessBlock: v(pab(true)) })).status).toBe('pass');
  });
});
