import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResourcesDir } from '../../electron/core/paths';
import { runScan } from '../../electron/core/scan/scan';
import { listAudits } from '../../electron/core/store/audits';
import { openDatabase } from '../../electron/core/store/db';
import { listFindings } from '../../electron/core/store/findings';
import { listSources } from '../../electron/core/store/sources';
import { MOTO_ROOT_KEYS, startMoto, type MotoServer } from '../helpers/moto';
import { adminClients } from '../helpers/s3-scenarios';

const BUCKETS = Array.from({ length: 60 }, (_, i) => `cv-bulk-${String(i).padStart(2, '0')}`);

describe('a live scan cancelled half way (moto)', () => {
  let moto: MotoServer;

  beforeAll(async () => {
    moto = await startMoto();
    const { s3 } = adminClients(moto.endpoint);
    for (const Bucket of BUCKETS) await s3.send(new CreateBucketCommand({ Bucket }));
    s3.destroy();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('stops reading, and the audit is kept, marked cancelled, with its source and no findings', async () => {
    const db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'canvass-cancel-')), 'c.db'));
    const ac = new AbortController();
    let doneAtCancel = -1;
    const { audit, findings } = await runScan(
      db,
      {
        jurisdiction: 'Test County',
        auditor: 'Pat Clerk',
        sources: [{ kind: 'live', options: { endpoint: moto.endpoint, pathStyle: true, region: 'us-east-1', credentials: MOTO_ROOT_KEYS, concurrency: 4 } }],
      },
      {
        resourcesDir: findResourcesDir(),
        signal: ac.signal,
        onProgress: (p) => {
          if (p.phase === 'reading' && p.total === BUCKETS.length && p.done >= 10 && !ac.signal.aborted) {
            doneAtCancel = p.done;
            ac.abort();
          }
        },
      },
    );
    expect(doneAtCancel).toBe(10);
    expect(audit.status).toBe('cancelled');
    expect(findings).toEqual([]);
    expect(listFindings(db, audit.id)).toEqual([]);
    expect(listAudits(db).map((a) => [a.id, a.status])).toEqual([[audit.id, 'cancelled']]);
    expect(listSources(db, audit.id)).toEqual([{ kind: 'live', ref: moto.endpoint }]);

    // Four buckets at a time: when the tenth was done, at most fourteen had been started,
    // and none was started after the cancel.
    const touched = new Set(moto.requests().flatMap((r) => /^GET \/(cv-bulk-\d+)[/?]/.exec(r)?.[1] ?? []));
    expect(touched.size).toBeGreaterThanOrEqual(10);
    expect(touched.size).toBeLessThanOrEqual(14);
    db.close();
  });
});
