import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResourcesDir } from '../../electron/core/paths';
import { runScan, type ScanResult } from '../../electron/core/scan/scan';
import { openDatabase } from '../../electron/core/store/db';
import { isolatedAwsEnv, runCli } from '../helpers/cli-run';
import { MOTO_ACCOUNT, startMoto, type MotoServer } from '../helpers/moto';
import { ADMIN_SETUP_REQUESTS, makeAdmin, makeUserDenied, type Keys } from '../helpers/moto-iam';
import { SCENARIOS, createScenarios } from '../helpers/s3-scenarios';

const EXPOSURE = ['s3.bucket.public-read', 's3.bucket.public-list', 's3.bucket.public-write'];
/** Buckets whose exposure depends on the policy or the ACL (no Block Public Access decides for them). */
const BUCKETS = ['cv-private', 'cv-public-policy', 'cv-acl-allusers-read', 'cv-acl-allusers-write'];

/**
 * moto with IAM enforced: an auditor denied s3:GetBucketAcl and s3:GetBucketPolicy must get
 * "unknown" for every exposure check, naming the call and the error, where Prowler says pass.
 */
describe('a live scan by an identity denied GetBucketAcl and GetBucketPolicy (moto, IAM enforced)', () => {
  let moto: MotoServer;
  let admin: Keys;
  let auditor: Keys;
  let noList: Keys;
  let noLocation: Keys;
  let denied: ScanResult;
  let allowed: ScanResult;
  const db = openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'canvass-denied-')), 'c.db'));
  const scan = (credentials: Keys) =>
    runScan(
      db,
      { jurisdiction: 'Test County', auditor: 'Pat Clerk', sources: [{ kind: 'live', options: { endpoint: moto.endpoint, pathStyle: true, region: 'us-east-1', credentials } }] },
      { resourcesDir: findResourcesDir() },
    );

  beforeAll(async () => {
    moto = await startMoto({ initialNoAuthActionCount: ADMIN_SETUP_REQUESTS });
    admin = await makeAdmin(moto.endpoint);
    await createScenarios(moto.endpoint, SCENARIOS.filter((s) => BUCKETS.includes(s.bucket)), admin);
    auditor = await makeUserDenied(moto.endpoint, admin, 'county-auditor', ['s3:GetBucketAcl', 's3:GetBucketPolicy']);
    noList = await makeUserDenied(moto.endpoint, admin, 'county-no-list', ['s3:ListAllMyBuckets']);
    noLocation = await makeUserDenied(moto.endpoint, admin, 'county-no-location', ['s3:GetBucketLocation']);
    denied = await scan(auditor);
    allowed = await scan(admin);
  });
  afterAll(async () => {
    db.close();
    await moto?.stop();
  });

  it('the administrator sees the public buckets fail (the setup is what it claims)', () => {
    const fails = allowed.findings.filter((f) => EXPOSURE.includes(f.checkId) && f.status === 'fail').map((f) => `${f.checkId} ${f.resource.name}`);
    expect(fails.sort()).toEqual(['s3.bucket.public-list cv-acl-allusers-read', 's3.bucket.public-read cv-public-policy', 's3.bucket.public-write cv-acl-allusers-write']);
  });

  for (const bucket of BUCKETS) {
    for (const checkId of EXPOSURE) {
      it(`${bucket}: ${checkId} is unknown, naming the denied call and AccessDenied`, () => {
        const f = denied.findings.find((x) => x.checkId === checkId && x.resource.name === bucket)!;
        expect(f.status).toBe('unknown');
        expect(f.detail).toMatch(/get-bucket-(policy|acl) failed with AccessDenied/);
      });
    }
  }

  it('no bucket check reads pass where it needed the policy or the ACL', () => {
    const passing = denied.findings.filter((f) => ['s3.bucket.cross-account', 's3.bucket.authenticated-users', ...EXPOSURE].includes(f.checkId) && f.status === 'pass');
    expect(passing).toEqual([]);
  });

  it('the calls that were allowed still give verdicts (versioning, encryption)', () => {
    const v = denied.findings.filter((f) => f.checkId === 's3.bucket.versioning');
    expect(v.map((f) => f.status)).toEqual(BUCKETS.map(() => 'fail'));
  });

  it('a bucket whose location cannot be read is still read and judged, never dropped', async () => {
    const r = await scan(noLocation);
    const verdicts = (x: ScanResult) =>
      x.findings.filter((f) => EXPOSURE.includes(f.checkId)).map((f) => `${f.checkId} ${f.resource.name} ${f.status}`).sort();
    expect(verdicts(r)).toEqual(verdicts(allowed));
    expect(verdicts(r)).toHaveLength(EXPOSURE.length * BUCKETS.length);
  });

  it('canvass collect keeps the refusals as CALL.error.json files', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'canvass-denied-')), 'evidence');
    const r = await runCli(['collect', '--out', out, '--endpoint', moto.endpoint, '--path-style'], isolatedAwsEnv({ AWS_ACCESS_KEY_ID: auditor.accessKeyId, AWS_SECRET_ACCESS_KEY: auditor.secretAccessKey }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, 'buckets/cv-public-policy/get-bucket-acl.error.json'), 'utf8'))).toMatchObject({ code: 'AccessDenied' });
    expect(JSON.parse(readFileSync(path.join(out, 'buckets/cv-public-policy/get-bucket-policy.error.json'), 'utf8'))).toMatchObject({ code: 'AccessDenied' });
  });

  it('access denied on ListBuckets: one clear line, exit 1, nothing written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-denied-'));
    const r = await runCli(
      ['scan', '--endpoint', moto.endpoint, '--path-style', '--json', path.join(dir, 'out.json')],
      isolatedAwsEnv({ AWS_ACCESS_KEY_ID: noList.accessKeyId, AWS_SECRET_ACCESS_KEY: noList.secretAccessKey }),
    );
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `canvass: access denied on ListBuckets for arn:aws:iam::${MOTO_ACCOUNT}:user/county-no-list: the identity needs s3:ListAllMyBuckets to find the buckets (AccessDenied)`,
    ]);
    expect(r.stdout).toBe('');
  });
});
