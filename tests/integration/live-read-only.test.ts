import { CreateBucketCommand, DeleteBucketCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLiveClients, type LiveClients } from '../../electron/core/collect/live/clients';
import { READ_ONLY_COMMANDS, ReadOnlyViolation } from '../../electron/core/collect/live/read-only';
import { MOTO_ACCOUNT, MOTO_ROOT_KEYS, startMoto, type MotoServer } from '../helpers/moto';
import { adminClients } from '../helpers/s3-scenarios';

/**
 * The scanning clients are read-only by construction: a write sent through them must never
 * reach the server. moto logs every request it receives; after each refused write, a read
 * through the same client is sent and awaited in moto's log, so a write that had slipped
 * through before it would be in the log too.
 */
describe('the scanning clients never send a write (moto)', () => {
  let moto: MotoServer;
  let live: LiveClients;
  const admin = () => adminClients(moto.endpoint).s3;

  beforeAll(async () => {
    moto = await startMoto();
    await admin().send(new CreateBucketCommand({ Bucket: 'county-voter-rolls' }));
    live = await openLiveClients({ endpoint: moto.endpoint, pathStyle: true, region: 'us-east-1', credentials: MOTO_ROOT_KEYS });
  });
  afterAll(async () => {
    live?.destroy();
    await moto?.stop();
  });

  /** A read through the scanning client, awaited in moto's log: everything sent before it has been logged. */
  async function fence(tag: string) {
    await live.s3('us-east-1').send(new ListBucketsCommand({ Prefix: tag }));
    await moto.waitForRequest(new RegExp(`^GET /\\?.*prefix=${tag}`));
  }

  it('refuses PutObject before it is sent: nothing reaches moto and no object is created', async () => {
    const before = moto.requests().length;
    const put = live.s3('us-east-1').send(new PutObjectCommand({ Bucket: 'county-voter-rolls', Key: 'planted.csv', Body: 'x' }));
    await expect(put).rejects.toBeInstanceOf(ReadOnlyViolation);
    await expect(put).rejects.toThrow(/PutObjectCommand was refused before it was sent/);
    await fence('after-put');
    const sent = moto.requests().slice(before);
    expect(sent.filter((r) => !r.startsWith('GET '))).toEqual([]);
    expect(sent.some((r) => r.includes('planted'))).toBe(false);
    await expect(admin().send(new HeadObjectCommand({ Bucket: 'county-voter-rolls', Key: 'planted.csv' }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('refuses DeleteBucket before it is sent: the bucket is still there', async () => {
    const before = moto.requests().length;
    await expect(live.s3('us-east-1').send(new DeleteBucketCommand({ Bucket: 'county-voter-rolls' }))).rejects.toBeInstanceOf(ReadOnlyViolation);
    await fence('after-delete');
    expect(moto.requests().slice(before).filter((r) => r.startsWith('DELETE '))).toEqual([]);
    await expect(admin().send(new HeadBucketCommand({ Bucket: 'county-voter-rolls' }))).resolves.toBeDefined();
  });

  it('refuses a write through S3 Control, and an object read without a byte range', async () => {
    const before = moto.requests().length;
    await expect(
      live.s3Control.send(new PutAccountPublicAccessBlockCommand({ AccountId: MOTO_ACCOUNT, PublicAccessBlockConfiguration: { BlockPublicAcls: false } })),
    ).rejects.toBeInstanceOf(ReadOnlyViolation);
    await expect(live.s3('us-east-1').send(new GetObjectCommand({ Bucket: 'county-voter-rolls', Key: 'whole.csv' }))).rejects.toThrow(/without a byte range/);
    await fence('after-control');
    expect(moto.requests().slice(before).filter((r) => r.startsWith('PUT ') || r.includes('whole.csv'))).toEqual([]);
  });

  it('lets the reads through: they do reach moto', async () => {
    const before = moto.requests().length;
    const out = await live.s3('us-east-1').send(new ListBucketsCommand({}));
    expect(out.Buckets?.map((b) => b.Name)).toEqual(['county-voter-rolls']);
    await moto.waitForRequest(/^GET \/\?x-id=ListBuckets/);
    expect(moto.requests().length).toBeGreaterThan(before);
  });

  it('allows only Get and List commands, named one by one', () => {
    for (const c of READ_ONLY_COMMANDS) expect(c).toMatch(/^(Get|List|Head)[A-Za-z0-9]+Command$/);
  });
});
