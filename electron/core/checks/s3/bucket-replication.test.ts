import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, notCollected, v } from '../../../../tests/helpers/inventory';
import { bucketReplication } from './bucket-replication';

const run = (b: ReturnType<typeof bucket>) => bucketReplication.evaluate(b, ctx());
const config = (status: string) => v<Record<string, unknown>>({
  Role: 'arn:aws:iam::111122223333:role/replication',
  Rules: [{ ID: 'to-dr', Status: status, Destination: { Bucket: 'arn:aws:s3:::county-dr', Account: '444455556666' } }],
});

describe('s3.bucket.replication', () => {
  it('passes with an enabled rule, naming the destination', () => {
    const r = run(bucket('b', { replication: config('Enabled') }));
    expect(r.status).toBe('pass');
    expect(r.detail).toContain('arn:aws:s3:::county-dr in account 444455556666');
  });
  it('fails without replication (ReplicationConfigurationNotFoundError) or with disabled rules only', () => {
    expect(run(bucket()).status).toBe('fail');
    expect(run(bucket('b', { replication: config('Disabled') })).status).toBe('fail');
  });
  it('is unknown when denied or not collected', () => {
    expect(run(bucket('b', { replication: denied('get-bucket-replication') })).status).toBe('unknown');
    expect(run(bucket('b', { replication: notCollected('get-bucket-replication') })).status).toBe('unknown');
  });
  it('is informational hygiene', () => expect(bucketReplication.meta).toMatchObject({ severity: 'info', category: 'hygiene' }));
});
