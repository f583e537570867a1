import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, v } from '../../../../tests/helpers/inventory';
import { bucketCorsWildcard } from './bucket-cors-wildcard';

const run = (b: ReturnType<typeof bucket>) => bucketCorsWildcard.evaluate(b, ctx());
const rule = (origins: string[]) => ({ AllowedMethods: ['GET', 'HEAD'], AllowedOrigins: origins });

describe('s3.bucket.cors-wildcard', () => {
  it('passes with no CORS configuration', () => expect(run(bucket()).status).toBe('pass'));
  it('passes rules that name the county\'s sites, even with a subdomain wildcard', () => {
    const r = run(bucket('b', { cors: v([rule(['https://gis.county.example', 'https://*.county.example'])]) }));
    expect(r.status).toBe('pass');
    expect(r.detail).toContain('https://gis.county.example');
  });
  it.each([['*'], ['https://*'], [' * ']])('fails on origin %j', (origin) => {
    const r = run(bucket('b', { cors: v([rule(['https://gis.county.example']), rule([origin])]) }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('GET, HEAD');
  });
  it('is unknown when denied', () => expect(run(bucket('b', { cors: denied('get-bucket-cors') })).status).toBe('unknown'));
});
