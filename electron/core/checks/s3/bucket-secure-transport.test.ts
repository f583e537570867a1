import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, v } from '../../../../tests/helpers/inventory';
import { bucketSecureTransport } from './bucket-secure-transport';

const run = (b: ReturnType<typeof bucket>) => bucketSecureTransport.evaluate(b, ctx());
const deny = (action: string | string[], resource: string[] = ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'], value: unknown = 'false') => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'TLS', Effect: 'Deny', Principal: '*', Action: action, Resource: resource, Condition: { Bool: { 'aws:SecureTransport': value } } }],
});

describe('s3.bucket.secure-transport', () => {
  it('passes the standard deny of s3:* without TLS', () => expect(run(bucket('b', { policy: v(deny('s3:*')) })).status).toBe('pass'));
  it('accepts a boolean false as AWS does', () => expect(run(bucket('b', { policy: v(deny('s3:*', undefined, false)) })).status).toBe('pass'));
  it('fails a deny that covers only GetObject (writes still go over HTTP)', () =>
    expect(run(bucket('b', { policy: v(deny('s3:GetObject')) })).status).toBe('fail'));
  it('fails a deny limited to one prefix', () =>
    expect(run(bucket('b', { policy: v(deny('s3:*', ['arn:aws:s3:::b/public/*'])) })).status).toBe('fail'));
  it('fails with no policy', () => expect(run(bucket('b')).detail).toContain('no bucket policy'));
  it('is unknown, not fail, when the policy could not be read (unlike Prowler and ScoutSuite)', () =>
    expect(run(bucket('b', { policy: denied('get-bucket-policy') })).status).toBe('unknown'));
});
