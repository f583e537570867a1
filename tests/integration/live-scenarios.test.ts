import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../electron/core/checks/types';
import { findResourcesDir } from '../../electron/core/paths';
import { runScan, type ScanResult } from '../../electron/core/scan/scan';
import { openDatabase } from '../../electron/core/store/db';
import { listSources } from '../../electron/core/store/sources';
import { MOTO_ACCOUNT, MOTO_ROOT_KEYS, startMoto, type MotoServer } from '../helpers/moto';
import { SCENARIOS, createScenarios, turnOnAccountBpa } from '../helpers/s3-scenarios';

/**
 * Each exposure and protection scenario set up through the AWS SDK on moto, then scanned live
 * by Canvass: first with no account-level Block Public Access, then with all four settings on
 * through S3 Control.
 */
describe('a live scan of the exposure and protection scenarios (moto)', () => {
  let moto: MotoServer;
  let before: ScanResult;
  let after: ScanResult;
  const db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'canvass-live-')), 'c.db'));
  const scan = () =>
    runScan(
      db,
      {
        jurisdiction: 'Test County',
        auditor: 'Pat Clerk',
        sources: [{ kind: 'live', options: { endpoint: moto.endpoint, pathStyle: true, region: 'us-east-1', credentials: MOTO_ROOT_KEYS } }],
      },
      { resourcesDir: findResourcesDir() },
    );

  beforeAll(async () => {
    moto = await startMoto();
    await createScenarios(moto.endpoint);
    before = await scan();
    await turnOnAccountBpa(moto.endpoint);
    after = await scan();
  });
  afterAll(async () => {
    db.close();
    await moto?.stop();
  });

  const finding = (r: ScanResult, checkId: string, name: string): Finding | undefined =>
    r.findings.find((f) => f.checkId === checkId && f.resource.name === name);

  it('reads every bucket, and records the live source with the identity that read it', () => {
    expect(before.audit.status).toBe('complete');
    expect(before.audit.accountId).toBe(MOTO_ACCOUNT);
    const buckets = new Set(before.findings.filter((f) => f.resource.type === 'bucket').map((f) => f.resource.name));
    expect([...buckets].sort()).toEqual(SCENARIOS.map((s) => s.bucket).sort());
    expect(listSources(db, before.audit.id)).toEqual([{ kind: 'live', ref: `${moto.endpoint} as arn:aws:sts::${MOTO_ACCOUNT}:user/moto` }]);
  });

  describe('with no account-level Block Public Access', () => {
    for (const sc of SCENARIOS) {
      for (const [checkId, status] of Object.entries(sc.expected)) {
        it(`${sc.bucket}: ${checkId} is ${status}`, () => {
          expect(finding(before, checkId, sc.bucket), `${checkId} on ${sc.bucket}`).toMatchObject({ status });
        });
      }
    }

    it('the account check fails: no account-level Block Public Access is configured', () => {
      expect(finding(before, 's3.account.block-public-access', `AWS account ${MOTO_ACCOUNT}`)).toMatchObject({ status: 'fail' });
    });

    it('a public bucket holding voter data is critical, and the finding shows the statement', () => {
      const f = finding(before, 's3.bucket.public-read', 'cv-public-policy')!;
      expect(f.severity).toBe('critical');
      expect(JSON.stringify(f.evidence)).toContain('PublicRead');
    });

    it('an object with a public-read ACL fails the object check', () => {
      const f = before.findings.find((x) => x.checkId === 's3.object.public-acl' && x.resource.name === 'cv-public-object/results/precinct-results.csv');
      expect(f).toMatchObject({ status: 'fail' });
    });

    it('every call was answered: no exposure verdict is unknown', () => {
      const exposure = before.findings.filter((f) => /^s3\.bucket\.public-(read|list|write)$/.test(f.checkId));
      expect(exposure.length).toBe(3 * SCENARIOS.length);
      expect(exposure.filter((f) => f.status === 'unknown')).toEqual([]);
    });
  });

  describe('with account-level Block Public Access on (S3 Control)', () => {
    it('the account check passes', () => {
      expect(finding(after, 's3.account.block-public-access', `AWS account ${MOTO_ACCOUNT}`)).toMatchObject({ status: 'pass' });
    });

    for (const sc of SCENARIOS) {
      for (const [checkId, status] of Object.entries({ ...sc.expected, ...sc.withAccountBpa })) {
        it(`${sc.bucket}: ${checkId} is ${status}`, () => {
          expect(finding(after, checkId, sc.bucket), `${checkId} on ${sc.bucket}`).toMatchObject({ status });
        });
      }
    }

    it('no bucket is exposed any more: every public grant is neutralized', () => {
      const exposed = after.findings.filter((f) => /^s3\.(bucket\.public-(read|list|write)|object\.public-acl)$/.test(f.checkId) && f.status !== 'pass');
      expect(exposed).toEqual([]);
    });
  });
});
