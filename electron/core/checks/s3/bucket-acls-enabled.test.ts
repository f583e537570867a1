import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, none, notCollected, v } from '../../../../tests/helpers/inventory';
import { bucketAclsEnabled } from './bucket-acls-enabled';

const run = (b: ReturnType<typeof bucket>) => bucketAclsEnabled.evaluate(b, ctx());

describe('s3.bucket.acls-enabled', () => {
  it('passes with BucketOwnerEnforced', () => expect(run(bucket()).status).toBe('pass'));
  it.each(['BucketOwnerPreferred', 'ObjectWriter'])('fails with %s', (o) => {
    const r = run(bucket('b', { ownership: v(o) }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain(o);
  });
  it('fails when no ownership controls exist (OwnershipControlsNotFoundError: ACLs are on)', () => {
    expect(run(bucket('b', { ownership: none('get-bucket-ownership-controls', 'OwnershipControlsNotFoundError') })).status).toBe('fail');
  });
  it('is unknown when denied or not collected', () => {
    expect(run(bucket('b', { ownership: denied('get-bucket-ownership-controls') })).status).toBe('unknown');
    expect(run(bucket('b', { ownership: notCollected('get-bucket-ownership-controls') })).status).toBe('unknown');
  });
});
