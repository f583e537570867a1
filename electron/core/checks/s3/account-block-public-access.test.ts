import { describe, expect, it } from 'vitest';
import { account, ctx, denied, notCollected, pab, v } from '../../../../tests/helpers/inventory';
import { accountBlockPublicAccess } from './account-block-public-access';

const run = (a: ReturnType<typeof account>) => accountBlockPublicAccess.evaluate(ctx(a));

describe('s3.account.block-public-access', () => {
  it('passes with all four settings on', () => {
    expect(run(account({ publicAccessBlock: v(pab(true)) })).status).toBe('pass');
  });
  it('fails when one setting is off, naming it', () => {
    const r = run(account({ publicAccessBlock: v(pab({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true })) }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('RestrictPublicBuckets');
  });
  it('fails when nothing is configured', () => {
    expect(run(account()).status).toBe('fail');
  });
  it('is unknown when denied or not collected', () => {
    expect(run(account({ publicAccessBlock: denied('get-public-access-block') })).status).toBe('unknown');
    expect(run(account({ publicAccessBlock: notCollected('get-public-access-block') })).detail).toContain('not collected');
  });
});
