import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, v } from '../../../../tests/helpers/inventory';
import { bucketVersioning } from './bucket-versioning';

const run = (b: ReturnType<typeof bucket>) => bucketVersioning.evaluate(b, ctx());

describe('s3.bucket.versioning', () => {
  it('passes when enabled', () => expect(run(bucket()).status).toBe('pass'));
  it('fails when suspended or never enabled (the CLI prints {} then)', () => {
    expect(run(bucket('b', { versioning: v({ Status: 'Suspended' }) })).detail).toContain('suspended');
    expect(run(bucket('b', { versioning: v({}) })).detail).toContain('never enabled');
  });
  it('is unknown when denied', () => expect(run(bucket('b', { versioning: denied('get-bucket-versioning') })).status).toBe('unknown'));
});
