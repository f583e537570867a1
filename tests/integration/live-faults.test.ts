import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../electron/core/checks/types';
import { findResourcesDir } from '../../electron/core/paths';
import { runScan, type ScanResult } from '../../electron/core/scan/scan';
import { openDatabase } from '../../electron/core/store/db';
import { startFaultProxy, type Fault } from '../helpers/fault-proxy';
import { MOTO_ROOT_KEYS, startMoto, type MotoServer } from '../helpers/moto';
import { SCENARIOS, createScenarios } from '../helpers/s3-scenarios';

const BUCKETS = ['cv-private', 'cv-public-policy', 'cv-acl-allusers-read', 'cv-versioned', 'cv-kms'];

/**
 * Faults injected by a loopback proxy between the live reader and moto. The scan finishes;
 * what could not be read is unknown and says why; throttling is retried through.
 */
describe('a live scan through faults (moto behind a loopback proxy)', () => {
  let moto: MotoServer;
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
  let result: ScanResult;
  let slowdowns = 0;

  beforeAll(async () => {
    moto = await startMoto();
    await createScenarios(moto.endpoint, SCENARIOS.filter((s) => BUCKETS.includes(s.bucket)));
    const faults: Record<string, Fault> = {
      'cv-private acl': 'hang',
      'cv-acl-allusers-read acl': 'reset',
      'cv-versioned versioning': 'access-denied',
      'cv-kms encryption': 'malformed-xml',
    };
    proxy = await startFaultProxy(moto.endpoint, (url) => {
      const bucket = url.pathname.split('/')[1];
      const sub = [...url.searchParams.keys()].find((k) => k !== 'x-id');
      // Throttled three times in a row, then answered: adaptive retries get through.
      if (bucket === 'cv-public-policy' && sub === 'policy' && slowdowns < 3) {
        slowdowns++;
        return 'slowdown';
      }
      return faults[`${bucket} ${sub}`];
    });
    const db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'canvass-faults-')), 'c.db'));
    result = await runScan(
      db,
      {
        jurisdiction: 'Test County',
        auditor: 'Pat Clerk',
        sources: [{ kind: 'live', options: { endpoint: proxy.endpoint, pathStyle: true, region: 'us-east-1', credentials: MOTO_ROOT_KEYS, callTimeoutMs: 400 } }],
      },
      { resourcesDir: findResourcesDir() },
    );
    db.close();
  });
  afterAll(async () => {
    await proxy?.close();
    await moto?.stop();
  });

  const f = (checkId: string, bucket: string): Finding => result.findings.find((x) => x.checkId === checkId && x.resource.name === bucket)!;

  it('finishes, with every bucket judged', () => {
    expect(result.audit.status).toBe('complete');
    expect(new Set(result.findings.filter((x) => x.resource.type === 'bucket').map((x) => x.resource.name))).toEqual(new Set(BUCKETS));
  });

  it('a call that never answers times out: its checks are unknown and say so', () => {
    expect(f('s3.bucket.public-list', 'cv-private')).toMatchObject({ status: 'unknown', detail: expect.stringMatching(/get-bucket-acl failed with ETIMEDOUT/) });
    expect(f('s3.bucket.public-write', 'cv-private').status).toBe('unknown');
  });

  it('a reset connection: unknown, never pass, even on a bucket whose ACL is public', () => {
    expect(f('s3.bucket.public-list', 'cv-acl-allusers-read')).toMatchObject({ status: 'unknown', detail: expect.stringMatching(/get-bucket-acl failed with ECONNRESET/) });
  });

  it('AccessDenied and an answer that is not XML: unknown, naming the call', () => {
    expect(f('s3.bucket.versioning', 'cv-versioned')).toMatchObject({ status: 'unknown', detail: expect.stringMatching(/get-bucket-versioning failed with AccessDenied/) });
    expect(f('s3.bucket.default-encryption', 'cv-kms')).toMatchObject({ status: 'unknown', detail: expect.stringMatching(/get-bucket-encryption failed with MalformedResponse/) });
  });

  it('503 SlowDown is retried until answered: the public bucket still fails', () => {
    expect(slowdowns).toBe(3);
    expect(f('s3.bucket.public-read', 'cv-public-policy').status).toBe('fail');
  });

  it('the calls that were not disturbed are judged as usual', () => {
    expect(f('s3.bucket.versioning', 'cv-private').status).toBe('fail');
    expect(f('s3.bucket.public-read', 'cv-acl-allusers-read').status).toBe('pass');
  });
});
