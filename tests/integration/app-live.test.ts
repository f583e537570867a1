import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readEvidenceBundle } from '../../electron/core/collect/evidence-bundle';
import { findResourcesDir } from '../../electron/core/paths';
import { openDatabase } from '../../electron/core/store/db';
import type { EventName, Input, MethodName } from '../../electron/ipc/contract';
import { createHandlers } from '../../electron/ipc/handlers';
import type { Host } from '../../electron/ipc/host';
import { createRouter } from '../../electron/ipc/router';
import { fakeServer } from '../helpers/fake-server';
import { filesHolding } from '../helpers/files-holding';
import { MOTO_ACCOUNT, MOTO_ROOT_KEYS, startMoto, type MotoServer } from '../helpers/moto';
import { ADMIN_SETUP_REQUESTS, makeAdmin, makeUserDenied, type Keys } from '../helpers/moto-iam';
import { SCENARIOS, createScenarios } from '../helpers/s3-scenarios';

/**
 * The app's live source through the real router and handlers against moto: the profile list,
 * Test connection and each way it can fail (one line, naming the form's parts), a live scan,
 * and Collect evidence only. Typed keys must never reach the database, an event, a message
 * or the log.
 */

const SECRET = 'CanvassFakeSecretKey/DoNotLeak+0123456789abcdefXYZ';
const TOKEN = 'CanvassFakeSessionToken/DoNotLeak+9876543210';
const MOTO_USER = `arn:aws:sts::${MOTO_ACCOUNT}:user/moto`;
/** The SDK marks a credentials object it was given (a "$source" key), and the scenarios' admin clients are given MOTO_ROOT_KEYS: send a copy of the two fields. */
const ROOT_KEYS = { accessKeyId: MOTO_ROOT_KEYS.accessKeyId, secretAccessKey: MOTO_ROOT_KEYS.secretAccessKey };

const tmp = (prefix = 'canvass-app-live-') => mkdtempSync(path.join(os.tmpdir(), prefix));

interface Harness {
  call<M extends MethodName>(method: M, input: Input<M>): ReturnType<ReturnType<typeof createRouter>['handle']>;
  events: Array<{ event: EventName; payload: unknown }>;
  logs: string[];
  dir: string;
  collectFolders: Array<string | null>;
  close(): void;
}

function harness(): Harness {
  const dir = tmp();
  const db = openDatabase(path.join(dir, 'canvass.db'));
  const collectFolders: Array<string | null> = [];
  const host: Host = {
    chooseEvidence: async () => null,
    chooseReportPath: async () => null,
    chooseCollectFolder: async () => collectFolders.shift() ?? null,
    chooseAttachment: async () => null,
    htmlToPdf: async () => Buffer.from(''),
  };
  const logs: string[] = [];
  const events: Harness['events'] = [];
  const router = createRouter(createHandlers({ db, host, resourcesDir: findResourcesDir(), dataDir: dir, version: '0.0.0-test', log: (m) => logs.push(m) }), (m) =>
    logs.push(m),
  );
  return {
    call: (method, input) => router.handle(method, input, { emit: (event, payload) => events.push({ event, payload }) }),
    events,
    logs,
    dir,
    collectFolders,
    close: () => db.close(),
  };
}

async function finished(h: Harness, event: 'scan.finished' | 'collect.finished', id: string) {
  const idKey = event === 'scan.finished' ? 'scanId' : 'collectId';
  const match = () => h.events.find((e) => e.event === event && (e.payload as Record<string, string>)[idKey] === id)?.payload;
  await expect.poll(match, { timeout: 30_000 }).toBeTruthy();
  return match() as Record<string, unknown>;
}


/** This process's AWS settings, for the SDK's standard chain: none but what the test gives, and no instance metadata lookup. */
function isolateAws(extra: Record<string, string> = {}): string {
  const home = tmp('canvass-home-');
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_') && k !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED') vi.stubEnv(k, undefined);
  vi.stubEnv('HOME', home);
  vi.stubEnv('USERPROFILE', home);
  vi.stubEnv('AWS_CONFIG_FILE', path.join(home, '.aws', 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(home, '.aws', 'credentials'));
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  for (const [k, v] of Object.entries(extra)) vi.stubEnv(k, v);
  mkdirSync(path.join(home, '.aws'));
  return home;
}

const holdingSecret = (dir: string) => filesHolding(dir, [SECRET, TOKEN]);

let moto: MotoServer;
let h: Harness;
const live = () => ({ endpoint: moto.endpoint, pathStyle: true, region: 'us-east-1' });

beforeAll(async () => {
  moto = await startMoto();
  await createScenarios(moto.endpoint, SCENARIOS.filter((s) => ['cv-private', 'cv-public-policy'].includes(s.bucket)));
});
afterAll(async () => {
  await moto?.stop();
});
afterEach(() => {
  vi.unstubAllEnvs();
  h?.close();
});

describe('profiles', () => {
  it('lists the profile names of the files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name, default first, and no setting', async () => {
    h = harness();
    const home = isolateAws();
    writeFileSync(
      path.join(home, '.aws', 'config'),
      [
        '# county profiles',
        '[profile county-sso]',
        'sso_session = county',
        'sso_account_id = 123456789012',
        '[sso-session county]',
        'sso_start_url = https://harlow-county.awsapps.com/start',
        '[services local-s3]',
        's3 =',
        '  endpoint_url = http://127.0.0.1:9000',
        '[profile never-filled]',
        '[default]',
        'region = us-east-1 ; the office default',
        '[not-a-profile-in-config]',
        'region = us-west-2',
      ].join('\n'),
    );
    writeFileSync(path.join(home, '.aws', 'credentials'), `[county-readonly]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${SECRET}\n`);
    const r = await h.call('live.profiles', {});
    expect(r).toEqual({ ok: true, value: { profiles: ['default', 'county-readonly', 'county-sso'] } });
    expect(JSON.stringify(r)).not.toContain('DoNotLeak');
  });

  it('no files: no profiles', async () => {
    h = harness();
    isolateAws();
    expect(await h.call('live.profiles', {})).toEqual({ ok: true, value: { profiles: [] } });
  });
});

describe('Test connection', () => {
  it('with keys typed in: the account, the identity, and that they are permanent keys', async () => {
    h = harness();
    isolateAws();
    expect(await h.call('live.testConnection', { ...live(), credentials: ROOT_KEYS })).toEqual({
      ok: true,
      value: { accountId: MOTO_ACCOUNT, identityArn: MOTO_USER, longLivedKeys: true },
    });
    expect(await h.call('live.testConnection', { ...live(), credentials: { ...ROOT_KEYS, sessionToken: TOKEN } })).toMatchObject({
      ok: true,
      value: { longLivedKeys: false },
    });
  });

  it('with the standard chain (the environment) and with a named profile', async () => {
    h = harness();
    const home = isolateAws({ AWS_ACCESS_KEY_ID: MOTO_ROOT_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: SECRET });
    expect(await h.call('live.testConnection', live())).toMatchObject({ ok: true, value: { accountId: MOTO_ACCOUNT } });
    writeFileSync(path.join(home, '.aws', 'credentials'), `[county-readonly]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${SECRET}\n`);
    expect(await h.call('live.testConnection', { ...live(), profile: 'county-readonly' })).toMatchObject({ ok: true, value: { accountId: MOTO_ACCOUNT } });
  });

  it('no credentials: says where they could come from, in the words of the form', async () => {
    h = harness();
    isolateAws();
    expect(await h.call('live.testConnection', live())).toEqual({
      ok: false,
      error: { code: 'bad_input', message: 'no AWS credentials found on this computer: choose a profile of ~/.aws/config or ~/.aws/credentials, or type an access key' },
    });
  });

  it('an expired SSO session: says to sign in again', async () => {
    h = harness();
    const home = isolateAws();
    const startUrl = 'https://harlow-county.awsapps.com/start';
    mkdirSync(path.join(home, '.aws', 'sso', 'cache'), { recursive: true });
    writeFileSync(
      path.join(home, '.aws', 'config'),
      `[profile county-sso]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = ElectionsAuditor\n`,
    );
    writeFileSync(
      path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(startUrl).digest('hex')}.json`),
      JSON.stringify({ startUrl, region: 'us-east-1', accessToken: 'expired-token', expiresAt: '2026-01-01T00:00:00Z' }),
    );
    expect(await h.call('live.testConnection', { ...live(), profile: 'county-sso' })).toEqual({
      ok: false,
      error: {
        code: 'bad_input',
        message: 'the AWS SSO session of profile county-sso has expired or was never started: run `aws sso login --profile county-sso`, then try again',
      },
    });
  });

  it('a wrong endpoint (nothing listens): cannot reach it, check the endpoint under Advanced', async () => {
    h = harness();
    isolateAws();
    const closed = await fakeServer(200, 'text/plain', '');
    closed.close();
    expect(await h.call('live.testConnection', { endpoint: closed.endpoint, pathStyle: true, credentials: ROOT_KEYS })).toEqual({
      ok: false,
      error: { code: 'bad_input', message: `cannot reach ${closed.endpoint} (ECONNREFUSED): check the network and the endpoint URL under Advanced` },
    });
  });

  it('an endpoint that is a web page, not S3', async () => {
    h = harness();
    isolateAws();
    const web = await fakeServer(200, 'text/html', '<html><body>County intranet</body></html>');
    try {
      const r = await h.call('live.testConnection', { endpoint: web.endpoint, pathStyle: true, credentials: ROOT_KEYS });
      expect(r).toEqual({
        ok: false,
        error: {
          code: 'bad_input',
          message: `${web.endpoint} does not answer like an S3 service (no owner and no bucket list in its answer to ListBuckets): check the endpoint URL under Advanced`,
        },
      });
    } finally {
      web.close();
    }
  });

  it('a clock too far off', async () => {
    h = harness();
    isolateAws();
    const skewed = await fakeServer(
      403,
      'application/xml',
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message></Error>',
    );
    try {
      const r = await h.call('live.testConnection', { endpoint: skewed.endpoint, pathStyle: true, credentials: ROOT_KEYS });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad_input');
        expect(r.error.message).toMatch(/^this computer's clock differs from .+ by more than AWS allows \(.+\): set the date, time and time zone right, then try again$/);
      }
    } finally {
      skewed.close();
    }
  });
});

describe('with IAM enforced (moto)', () => {
  let iamMoto: MotoServer;
  let admin: Keys;
  let noList: Keys;

  beforeAll(async () => {
    iamMoto = await startMoto({ initialNoAuthActionCount: ADMIN_SETUP_REQUESTS });
    admin = await makeAdmin(iamMoto.endpoint);
    noList = await makeUserDenied(iamMoto.endpoint, admin, 'county-no-list', ['s3:ListAllMyBuckets']);
  });
  afterAll(async () => {
    await iamMoto?.stop();
  });

  it('access denied: names the identity and the permission it needs', async () => {
    h = harness();
    isolateAws();
    expect(await h.call('live.testConnection', { endpoint: iamMoto.endpoint, pathStyle: true, credentials: noList })).toEqual({
      ok: false,
      error: {
        code: 'bad_input',
        message: `access denied on ListBuckets for arn:aws:iam::${MOTO_ACCOUNT}:user/county-no-list: the identity needs s3:ListAllMyBuckets to find the buckets (AccessDenied)`,
      },
    });
  });

  it('a wrong secret key is refused, and the secret is in no message, event, log or file', async () => {
    h = harness();
    isolateAws();
    const wrong = { accessKeyId: admin.accessKeyId, secretAccessKey: SECRET, sessionToken: TOKEN };
    const tested = await h.call('live.testConnection', { endpoint: iamMoto.endpoint, pathStyle: true, credentials: wrong });
    expect(tested).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/refused the credentials/) } });
    const started = await h.call('scan.start', {
      jurisdiction: 'Test County',
      auditor: 'Pat Clerk',
      sources: [{ kind: 'live', endpoint: iamMoto.endpoint, pathStyle: true, credentials: wrong }],
    });
    expect(started.ok).toBe(true);
    const end = await finished(h, 'scan.finished', (started as { value: { scanId: string } }).value.scanId);
    expect(end).toMatchObject({ status: 'failed', error: { code: 'bad_input', message: expect.stringMatching(/refused the credentials/) } });
    const everything = JSON.stringify([tested, started, h.events, h.logs]);
    expect(everything).not.toContain('DoNotLeak');
    expect(holdingSecret(h.dir)).toEqual([]);
  });
});

describe('a live scan and Collect evidence only, with keys typed in', () => {
  const typed = { accessKeyId: ROOT_KEYS.accessKeyId, secretAccessKey: SECRET, sessionToken: TOKEN };

  it('scans: the audit names the endpoint and the identity, never the keys; progress and finished events carry no secret', async () => {
    h = harness();
    isolateAws();
    const started = await h.call('scan.start', { jurisdiction: 'Test County', auditor: 'Pat Clerk', sources: [{ kind: 'live', ...live(), credentials: typed }] });
    expect(started.ok).toBe(true);
    const end = await finished(h, 'scan.finished', (started as { value: { scanId: string } }).value.scanId);
    expect(end).toMatchObject({ status: 'complete', error: null });
    const audit = await h.call('audits.get', { auditId: end.auditId as string });
    expect(audit.ok).toBe(true);
    if (!audit.ok) return;
    const value = audit.value as { audit: { accountId: string; sources: unknown[] }; summary: { publicRead: string[] } };
    expect(value.audit.accountId).toBe(MOTO_ACCOUNT);
    expect(value.audit.sources).toEqual([{ kind: 'live', ref: `${moto.endpoint} as ${MOTO_USER}` }]);
    expect(value.summary.publicRead).toEqual(['cv-public-policy']);
    expect(h.events.some((e) => e.event === 'scan.progress')).toBe(true);
    expect(JSON.stringify([h.events, h.logs, audit])).not.toContain('DoNotLeak');
    expect(holdingSecret(h.dir)).toEqual([]);
  });

  it('collects into the folder the host gives: a bundle the reader accepts, with progress, and no secret in it', async () => {
    h = harness();
    isolateAws();
    const out = path.join(h.dir, 'evidence-for-the-air-gapped-machine');
    h.collectFolders.push(out);
    const started = await h.call('collect.start', { ...live(), credentials: typed });
    expect(started).toEqual({ ok: true, value: { collectId: expect.any(String), path: out } });
    const { collectId } = (started as { value: { collectId: string } }).value;
    const end = await finished(h, 'collect.finished', collectId);
    expect(end).toEqual({ collectId, status: 'complete', path: out, result: { bucketCount: 2, accountId: MOTO_ACCOUNT, calls: expect.any(Number) }, error: null });
    const progress = h.events.filter((e) => e.event === 'collect.progress').map((e) => e.payload as { bucketsDone: number; bucketsFound: number });
    expect(progress.at(-1)).toMatchObject({ bucketsDone: 2, bucketsFound: 2 });
    const inventory = await readEvidenceBundle(out);
    expect(inventory.account.accountId).toBe(MOTO_ACCOUNT);
    expect(inventory.buckets.map((b) => b.name).sort()).toEqual(['cv-private', 'cv-public-policy']);
    expect(JSON.stringify([h.events, h.logs])).not.toContain('DoNotLeak');
    expect(holdingSecret(h.dir)).toEqual([]);
  });

  it('a closed dialog starts nothing; a folder that is not empty is refused before any call', async () => {
    h = harness();
    isolateAws();
    expect(await h.call('collect.start', { ...live(), credentials: typed })).toEqual({ ok: true, value: { collectId: null, path: null } });
    const full = path.join(h.dir, 'full');
    mkdirSync(full);
    writeFileSync(path.join(full, 'notes.txt'), 'minutes of the board');
    h.collectFolders.push(full);
    const before = moto.requests().length;
    expect(await h.call('collect.start', { ...live(), credentials: typed })).toEqual({
      ok: false,
      error: { code: 'bad_input', message: `${full} exists and is not empty: choose a new folder for the evidence` },
    });
    expect(moto.requests().length).toBe(before);
    expect(h.events).toEqual([]);
  });

  it('a cancelled collection writes nothing and says cancelled', async () => {
    h = harness();
    isolateAws();
    const out = path.join(h.dir, 'cancelled');
    h.collectFolders.push(out);
    const started = await h.call('collect.start', { ...live(), credentials: typed });
    const { collectId } = (started as { value: { collectId: string } }).value;
    expect(await h.call('collect.cancel', { collectId })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await finished(h, 'collect.finished', collectId)).toEqual({ collectId, status: 'cancelled', path: out, result: null, error: null });
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(h.dir).filter((f) => f.includes('cancelled'))).toEqual([]);
    expect(await h.call('collect.cancel', { collectId })).toEqual({ ok: true, value: { cancelled: false } });
  });
});
