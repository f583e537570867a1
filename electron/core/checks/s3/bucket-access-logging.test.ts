import { describe, expect, it } from 'vitest';
import { bucket, ctx, notCollected, v } from '../../../../tests/helpers/inventory';
import { bucketAccessLogging } from './bucket-access-logging';

const run = (b: ReturnType<typeof bucket>) => bucketAccessLogging.evaluate(b, ctx());

describe('s3.bucket.access-logging', () => {
  it('passes when logging targets a bucket', () => expect(run(bucket()).detail).toContain('county-logs'));
  it('fails when logging is off', () => expect(run(bucket('b', { logging: v(null) })).status).toBe('fail'));
  it('is unknown when not collected', () => expect(run(bucket('b', { logging: notCollected('get-bucket-logging') })).status).toBe('unknown'));
});
