import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, none, v } from '../../../../tests/helpers/inventory';
import { bucketDefaultEncryption } from './bucket-default-encryption';

const run = (b: ReturnType<typeof bucket>) => bucketDefaultEncryption.evaluate(b, ctx());

describe('s3.bucket.default-encryption', () => {
  it('passes with aws:kms and with aws:kms:dsse', () => {
    expect(run(bucket()).status).toBe('pass');
    expect(run(bucket('b', { encryption: v([{ SSEAlgorithm: 'aws:kms:dsse' }]) })).status).toBe('pass');
  });
  it('fails with SSE-S3 only, and with none', () => {
    expect(run(bucket('b', { encryption: v([{ SSEAlgorithm: 'AES256' }]) })).detail).toContain('SSE-S3');
    expect(run(bucket('b', { encryption: none('get-bucket-encryption', 'ServerSideEncryptionConfigurationNotFoundError') })).status).toBe('fail');
  });
  it('is unknown when denied', () => {
    expect(run(bucket('b', { encryption: denied('get-bucket-encryption') })).status).toBe('unknown');
  });
  it('is low severity (hygiene never crowds the summary)', () => {
    expect(bucketDefaultEncryption.meta.severity).toBe('low');
  });
});
