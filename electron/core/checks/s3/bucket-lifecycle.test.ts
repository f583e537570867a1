import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, v } from '../../../../tests/helpers/inventory';
import { bucketLifecycle } from './bucket-lifecycle';

const run = (b: ReturnType<typeof bucket>) => bucketLifecycle.evaluate(b, ctx());

describe('s3.bucket.lifecycle', () => {
  it('passes with an enabled rule, naming it', () => {
    const r = run(bucket('b', { lifecycle: v([{ ID: 'expire-tmp', Status: 'Enabled' }, { ID: 'old', Status: 'Disabled' }]) }));
    expect(r.status).toBe('pass');
    expect(r.detail).toContain('expire-tmp');
  });
  it('fails with no lifecycle configuration, and with only disabled rules', () => {
    expect(run(bucket()).status).toBe('fail');
    expect(run(bucket('b', { lifecycle: v([{ ID: 'old', Status: 'Disabled' }]) })).detail).toContain('none is enabled');
  });
  it('is not applicable with MFA delete on (AWS does not allow both), even if lifecycle was not read', () => {
    const mfa = v({ Status: 'Enabled', MFADelete: 'Enabled' });
    expect(run(bucket('b', { versioning: mfa })).status).toBe('not_applicable');
    expect(run(bucket('b', { versioning: mfa, lifecycle: denied('get-bucket-lifecycle-configuration') })).status).toBe('not_applicable');
  });
  it('is unknown when denied', () => expect(run(bucket('b', { lifecycle: denied('get-bucket-lifecycle-configuration') })).status).toBe('unknown'));
  it('is informational hygiene', () => expect(bucketLifecycle.meta).toMatchObject({ severity: 'info', category: 'hygiene' }));
});
