import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, v } from '../../../../tests/helpers/inventory';
import { bucketMfaDelete } from './bucket-mfa-delete';

const run = (b: ReturnType<typeof bucket>) => bucketMfaDelete.evaluate(b, ctx());

describe('s3.bucket.mfa-delete', () => {
  it('passes with MFADelete Enabled', () => expect(run(bucket('b', { versioning: v({ Status: 'Enabled', MFADelete: 'Enabled' }) })).status).toBe('pass'));
  it('fails when MFADelete is Disabled or absent', () => {
    expect(run(bucket('b', { versioning: v({ Status: 'Enabled', MFADelete: 'Disabled' }) })).status).toBe('fail');
    expect(run(bucket()).status).toBe('fail');
  });
  it('says versioning is needed first when it is off', () => expect(run(bucket('b', { versioning: v({}) })).detail).toContain('Versioning is not enabled'));
  it('is unknown when denied', () => expect(run(bucket('b', { versioning: denied('get-bucket-versioning') })).status).toBe('unknown'));
  it('is low severity hygiene (most buckets fail it; it must not crowd the summary)', () => {
    expect(bucketMfaDelete.meta).toMatchObject({ severity: 'low', category: 'hygiene' });
  });
});
