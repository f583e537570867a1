import { GetBucketVersioningCommand } from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../electron/core/checks/registry';
import type { Finding } from '../../electron/core/checks/types';
import { findResourcesDir } from '../../electron/core/paths';
import { runScan, type ScanResult } from '../../electron/core/scan/scan';
import { openDatabase } from '../../electron/core/store/db';
import { listSources } from '../../electron/core/store/sources';
import { MOTO_ACCOUNT, startMoto, type MotoServer } from '../helpers/moto';
import { ACCOUNT_SCANS, ALL_SCENARIOS, adminClients, createScenarios, scanIdentities, turnOnAccountBpa, type AccountScan, type Expected } from '../helpers/s3-scenarios';

/**
 * What moto cannot show, check by check: the side (pass or fail) no bucket set up through the
 * SDK on moto can give, and why. The coverage test below accepts a missing side only when it
 * is listed here, and refuses an entry that is no longer needed.
 *
 * - s3.bucket.mfa-delete cannot pass: moto accepts PutBucketVersioning with MFADelete Enabled
 *   (and the MFA header) but drops the setting; GetBucketVersioning never returns MFADelete.
 *   cv-mfa-delete is set up the way the account owner would turn MFA delete on, and is asserted
 *   to fail; a test below proves moto still drops the setting, so this entry stays honest.
 */
const MOTO_CANNOT_SHOW: Array<{ checkId: string; side: 'pass' | 'fail'; reason: string }> = [
  {
    checkId: 's3.bucket.mfa-delete',
    side: 'pass',
    reason: 'moto drops MFADelete from PutBucketVersioning: GetBucketVersioning never returns it, so no bucket on moto has MFA delete enabled',
  },
];

const ACCOUNT_RESOURCE = `AWS account ${MOTO_ACCOUNT}`;

/** A scenario's expectations in one account state: bucket findings by bucket, object findings by bucket/key. */
function expectationsIn(accountBpa: boolean): Array<{ resource: string; checkId: string; status: string }> {
  const out: Array<{ resource: string; checkId: string; status: string }> = [];
  const add = (resource: string, e: Expected) => {
    for (const [checkId, status] of Object.entries(e)) out.push({ resource, checkId, status });
  };
  for (const sc of ALL_SCENARIOS) {
    add(sc.bucket, accountBpa ? { ...sc.expected, ...sc.withAccountBpa } : sc.expected);
    for (const [key, o] of Object.entries(sc.objects ?? {})) add(`${sc.bucket}/${key}`, accountBpa ? { ...o.expected, ...o.withAccountBpa } : o.expected);
  }
  return out;
}

/**
 * Each exposure and protection scenario set up through the AWS SDK on moto, then scanned live
 * by Canvass three times: with moto's default keys and no account-level Block Public Access;
 * then, with all four account settings on through S3 Control, as an assumed role and as an
 * IAM user with access keys.
 */
describe('a live scan of the exposure and protection scenarios (moto)', () => {
  let moto: MotoServer;
  const results = new Map<AccountScan, ScanResult>();
  const db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'canvass-live-')), 'c.db'));

  beforeAll(async () => {
    moto = await startMoto();
    await createScenarios(moto.endpoint, ALL_SCENARIOS);
    const credentials = await scanIdentities(moto.endpoint);
    let bpaOn = false;
    for (const s of ACCOUNT_SCANS) {
      if (s.accountBpa && !bpaOn) {
        await turnOnAccountBpa(moto.endpoint);
        bpaOn = true;
      }
      if (!s.accountBpa && bpaOn) throw new Error('ACCOUNT_SCANS lists the scans without account-level Block Public Access first');
      results.set(
        s,
        await runScan(
          db,
          {
            jurisdiction: 'Test County',
            auditor: 'Pat Clerk',
            sources: [{ kind: 'live', options: { endpoint: moto.endpoint, pathStyle: true, region: 'us-east-1', credentials: credentials[s.identity] } }],
          },
          { resourcesDir: findResourcesDir() },
        ),
      );
    }
  });
  afterAll(async () => {
    db.close();
    await moto?.stop();
  });

  const finding = (r: ScanResult, checkId: string, name: string): Finding | undefined =>
    r.findings.find((f) => f.checkId === checkId && f.resource.name === name);
  const [before, after] = ACCOUNT_SCANS;
  const result = (s: AccountScan) => results.get(s)!;

  for (const s of ACCOUNT_SCANS) {
    describe(`as ${s.name}`, () => {
      it('reads every bucket, and records the live source with the identity that read it', () => {
        const r = result(s);
        expect(r.audit.status).toBe('complete');
        expect(r.audit.accountId).toBe(MOTO_ACCOUNT);
        const buckets = new Set(r.findings.filter((f) => f.resource.type === 'bucket').map((f) => f.resource.name));
        expect([...buckets].sort()).toEqual(ALL_SCENARIOS.map((x) => x.bucket).sort());
        expect(listSources(db, r.audit.id)).toEqual([{ kind: 'live', ref: `${moto.endpoint} as ${s.arn}` }]);
      });

      for (const [checkId, status] of Object.entries(s.expected)) {
        it(`the account: ${checkId} is ${status}`, () => {
          expect(finding(result(s), checkId, ACCOUNT_RESOURCE), checkId).toMatchObject({ status });
        });
      }

      for (const e of expectationsIn(s.accountBpa)) {
        it(`${e.resource}: ${e.checkId} is ${e.status}`, () => {
          expect(finding(result(s), e.checkId, e.resource), `${e.checkId} on ${e.resource}`).toMatchObject({ status: e.status });
        });
      }

      it('every call was answered: no exposure verdict is unknown', () => {
        const exposure = result(s).findings.filter((f) => /^s3\.bucket\.public-(read|list|write)$/.test(f.checkId));
        expect(exposure.length).toBe(3 * ALL_SCENARIOS.length);
        expect(exposure.filter((f) => f.status === 'unknown')).toEqual([]);
      });
    });
  }

  describe('what the findings say', () => {
    it('a public bucket holding voter data is critical, and the finding shows the statement', () => {
      const f = finding(result(before), 's3.bucket.public-read', 'cv-public-policy')!;
      expect(f.severity).toBe('critical');
      expect(JSON.stringify(f.evidence)).toContain('PublicRead');
    });

    it('a voter file is found by its state-layout header, though its name says nothing of voters', () => {
      const f = finding(result(before), 's3.bucket.voter-data', 'cv-state-extract')!;
      expect(f.detail).toContain('exports/county41-extract.txt');
      expect(f.evidence).toMatchObject({
        objects: [
          {
            key: 'exports/county41-extract.txt',
            columns: expect.arrayContaining(['voter_reg_num', 'ncid', 'party_cd', 'birth_year']),
            layout: expect.objectContaining({ state: 'NC' }),
          },
        ],
      });
    });

    it('a database dump and a private key are named for what they are', () => {
      const f = finding(result(before), 's3.bucket.sensitive-files', 'cv-backups')!;
      expect(f.evidence).toMatchObject({
        files: [
          { key: 'eims/nightly-2026-10-31.sql.gz', kind: 'database dump' },
          { key: 'sftp/county-upload.pem', kind: 'private key or certificate' },
        ],
      });
    });

    it('a share names the other account and the statement', () => {
      const f = finding(result(before), 's3.bucket.cross-account', 'cv-vendor-share')!;
      expect(f.evidence).toMatchObject({ accounts: ['777788889999'], shares: [{ statement: '"BallotPrinterRead"' }] });
    });

    it('a Principal "*" limited to the office network is a share with that network, not a public grant', () => {
      const f = finding(result(before), 's3.bucket.cross-account', 'cv-policy-office-ip')!;
      expect(f.detail).toContain('198.51.100.0/24');
    });

    /**
     * moto 5.2.5 counts any Allow statement with a Condition as not public. aws:SourceIp
     * 0.0.0.0/0 is public by AWS's published rules, and Canvass says so: the one real
     * disagreement moto can show. A fixed /24 (cv-policy-office-ip) is not one: moto and
     * Canvass both say not public there. The other direction (the server says public, Canvass
     * does not: the check's high-severity failure) cannot happen on moto: moto says public only
     * for an Allow to Principal "*" (or {"AWS":"*"}) with no Condition, which Canvass always
     * counts as public too.
     */
    it('the server says not public where Canvass says public: a low finding that shows both verdicts', () => {
      for (const r of [result(before), result(after)]) {
        const f = finding(r, 's3.bucket.policy-status-disagrees', 'cv-policy-any-ip')!;
        expect(f).toMatchObject({ status: 'fail', severity: 'low', evidence: { awsIsPublic: false, canvassIsPublic: true } });
      }
      expect(finding(result(before), 's3.bucket.policy-status-disagrees', 'cv-policy-office-ip')?.evidence).toMatchObject({ awsIsPublic: false, canvassIsPublic: false });
      expect(finding(result(before), 's3.bucket.policy-status-disagrees', 'cv-public-policy')?.evidence).toMatchObject({ awsIsPublic: true, canvassIsPublic: true });
    });

    it("moto's default keys are no identity Canvass recognizes: the identity check says unknown, never pass", () => {
      const f = finding(result(before), 'creds.scan-identity.long-lived', ACCOUNT_RESOURCE)!;
      expect(f.detail).toContain(`arn:aws:sts::${MOTO_ACCOUNT}:user/moto is not an AWS identity Canvass recognizes`);
    });

    it("an IAM user's access keys are permanent; an assumed role's are temporary", () => {
      const [, role, user] = ACCOUNT_SCANS;
      expect(finding(result(user), 'creds.scan-identity.long-lived', ACCOUNT_RESOURCE)?.detail).toContain(`IAM user arn:aws:iam::${MOTO_ACCOUNT}:user/canvass-scanner`);
      expect(finding(result(role), 'creds.scan-identity.long-lived', ACCOUNT_RESOURCE)?.detail).toContain('temporary credentials of an assumed role');
    });

    it('with account-level Block Public Access on, no bucket is exposed any more: every public grant is neutralized', () => {
      const exposed = result(after).findings.filter((f) => /^s3\.(bucket\.public-(read|list|write)|object\.public-acl)$/.test(f.checkId) && f.status !== 'pass');
      expect(exposed).toEqual([]);
    });

    it('who scans changes only the identity check: the other bucket and account verdicts are the same', () => {
      const [, role, user] = ACCOUNT_SCANS;
      const verdicts = (r: ScanResult) =>
        Object.fromEntries(
          r.findings
            .filter((f) => f.checkId !== 'creds.scan-identity.long-lived' && f.resource.type !== 'object')
            .map((f) => [`${f.checkId} ${f.resource.name}`, f.status]),
        );
      expect(verdicts(result(user))).toEqual(verdicts(result(role)));
    });

    it(`moto still drops MFA delete (why ${MOTO_CANNOT_SHOW[0].checkId} cannot pass on moto)`, async () => {
      const { s3 } = adminClients(moto.endpoint);
      const v = await s3.send(new GetBucketVersioningCommand({ Bucket: 'cv-mfa-delete' }));
      s3.destroy();
      expect(v.Status).toBe('Enabled');
      expect(v.MFADelete).toBeUndefined();
    });
  });
});

/**
 * Every check of the registry has a bucket (or account state) set up through the SDK that it
 * must pass and one it must fail, on moto, except where MOTO_CANNOT_SHOW says why not. A check
 * added to the registry without scenarios fails here.
 */
describe('every check has a passing and a failing scenario', () => {
  const declared = new Map<string, Set<string>>();
  /** Where each check was given an expectation: 'bucket', 'objects' or 'account', as its kind must be. */
  const placed = new Set<string>();
  const declare = (checkId: string, status: string, kind: string) => {
    if (!declared.has(checkId)) declared.set(checkId, new Set());
    declared.get(checkId)!.add(status);
    placed.add(`${checkId} ${kind}`);
  };
  for (const sc of ALL_SCENARIOS) {
    for (const e of [sc.expected, sc.withAccountBpa ?? {}]) for (const [id, st] of Object.entries(e)) declare(id, st, 'bucket');
    for (const o of Object.values(sc.objects ?? {})) {
      for (const e of [o.expected, o.withAccountBpa ?? {}]) for (const [id, st] of Object.entries(e)) declare(id, st, 'objects');
    }
  }
  for (const s of ACCOUNT_SCANS) for (const [id, st] of Object.entries(s.expected)) declare(id, st, 'account');

  it('every expectation names a check of the registry, where that kind of check gives its findings', () => {
    const byId = new Map(CHECKS.map((c) => [c.meta.id, c.kind]));
    const wrong = [...placed].filter((k) => {
      const [id, kind] = k.split(' ');
      return byId.get(id) !== kind;
    });
    expect(wrong).toEqual([]);
  });

  // The local-drive checks read files, not buckets: tests/cli/local-scan.test.ts and the demo folder show both sides.
  for (const check of CHECKS.filter((c) => c.kind !== 'files')) {
    it(`${check.meta.id} passes somewhere and fails somewhere (or moto's limit is documented)`, () => {
      const missing = (['pass', 'fail'] as const).filter((side) => !declared.get(check.meta.id)?.has(side));
      const excused = MOTO_CANNOT_SHOW.filter((x) => x.checkId === check.meta.id).map((x) => x.side);
      const why = `${check.meta.id}: no scenario expected to ${missing.join(' or ') || '(none missing)'}; documented moto exceptions: ${excused.join(', ') || 'none'}`;
      expect(missing, why).toEqual(excused);
    });
  }

  it('each documented exception names a check of the registry and says why', () => {
    for (const x of MOTO_CANNOT_SHOW) {
      expect(CHECKS.some((c) => c.meta.id === x.checkId), x.checkId).toBe(true);
      expect(x.reason.length).toBeGreaterThan(20);
    }
  });
});
