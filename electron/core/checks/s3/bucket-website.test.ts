import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, v } from '../../../../tests/helpers/inventory';
import { bucketWebsite } from './bucket-website';

const run = (b: ReturnType<typeof bucket>) => bucketWebsite.evaluate(b, ctx());

describe('s3.bucket.website', () => {
  it('passes with no website configuration (NoSuchWebsiteConfiguration)', () => expect(run(bucket()).status).toBe('pass'));
  it('fails when website hosting is on, naming the index document', () => {
    const r = run(bucket('b', { website: v({ IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } }) }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain('index.html');
  });
  it('fails on a redirect-only website too', () => {
    expect(run(bucket('b', { website: v({ RedirectAllRequestsTo: { HostName: 'results.example' } }) })).detail).toContain('results.example');
  });
  it('is unknown when denied', () => expect(run(bucket('b', { website: denied('get-bucket-website') })).status).toBe('unknown'));
});
