import { describe, expect, it } from 'vitest';
import { callError, credentialOrNetworkProblem, listBucketsProblem } from './call-errors';

const s3Error = (name: string, message: string, status = 403) => Object.assign(new Error(message), { name, Code: name, $fault: 'client', $metadata: { httpStatusCode: status } });
const keep = (s: string) => s;
const ctx = { region: 'us-east-1' };

describe('callError', () => {
  it('takes S3 error codes as they are', () => {
    expect(callError(s3Error('AccessDenied', 'Access Denied'), keep)).toEqual({ code: 'AccessDenied', message: 'Access Denied' });
    expect(callError(s3Error('NoSuchBucketPolicy', 'The bucket policy does not exist', 404), keep).code).toBe('NoSuchBucketPolicy');
  });

  it('names network failures, answers that are not XML, and codeless HTTP errors', () => {
    expect(callError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), keep).code).toBe('ECONNREFUSED');
    expect(callError(Object.assign(new Error('@aws-sdk XML parse error: unexpected content.'), { $metadata: { httpStatusCode: 200 } }), keep).code).toBe('MalformedResponse');
    expect(callError(Object.assign(new Error('Unknown'), { name: 'Unknown', $fault: 'server', $metadata: { httpStatusCode: 502 } }), keep).code).toBe('HTTP502');
    expect(callError(Object.assign(new Error('UnknownError'), { name: 'NotFound', $fault: 'client', $metadata: { httpStatusCode: 404 } }), keep).code).toBe('NotFound');
  });

  it('scrubs the message', () => {
    expect(callError(s3Error('SignatureDoesNotMatch', 'bad secret s3cr3t'), (s) => s.replace('s3cr3t', '[secret removed]')).message).toBe('bad secret [secret removed]');
  });
});

describe('why a live read cannot start', () => {
  it('expired keys, refused keys', () => {
    const expired = s3Error('ExpiredToken', 'The provided token has expired.');
    expect(credentialOrNetworkProblem(expired, callError(expired, keep), { ...ctx, profile: 'county' })?.message).toBe(
      'the AWS credentials have expired (ExpiredToken): sign in again (aws sso login --profile county, or new keys for profile county), then try again',
    );
    const refused = s3Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    expect(credentialOrNetworkProblem(refused, callError(refused, keep), ctx)?.message).toBe(
      'AWS (us-east-1) refused the credentials (InvalidAccessKeyId): check the access key id and secret key',
    );
  });

  it('leaves other errors to the caller, and ListBuckets failures always have a line', () => {
    const odd = s3Error('InternalError', 'We encountered an internal error.', 500);
    expect(credentialOrNetworkProblem(odd, callError(odd, keep), ctx)).toBeUndefined();
    expect(listBucketsProblem(odd, callError(odd, keep), ctx).message).toBe('ListBuckets failed on AWS (us-east-1) with InternalError: We encountered an internal error.');
  });
});
