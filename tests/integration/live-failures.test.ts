import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResourcesDir } from '../../electron/core/paths';
import { runScan } from '../../electron/core/scan/scan';
import { openDatabase } from '../../electron/core/store/db';
import { isolatedAwsEnv, runCli } from '../helpers/cli-run';
import { fakeServer } from '../helpers/fake-server';
import { filesHolding } from '../helpers/files-holding';
import { startMoto, type MotoServer } from '../helpers/moto';
import { SCENARIOS_WITHOUT_LOGGING, createScenarios } from '../helpers/s3-scenarios';


const oneLine = (stderr: string) => stderr.trim().split('\n');
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'canvass-fail-'));

describe('a live scan that cannot start says why in one line, exits 1 and writes nothing', () => {
  let moto: MotoServer;
  const keys = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  async function scanFails(args: string[], env: NodeJS.ProcessEnv) {
    const dir = tmp();
    const r = await runCli(['scan', ...args, '--json', path.join(dir, 'out.json')], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
    return oneLine(r.stderr);
  }

  it('no credentials anywhere', async () => {
    expect(await scanFails(['--endpoint', moto.endpoint, '--path-style'], isolatedAwsEnv())).toEqual([
      'canvass: no AWS credentials found: pass --profile NAME (a profile of ~/.aws/config or ~/.aws/credentials), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    ]);
  });

  it('a profile that does not exist', async () => {
    const [line, ...rest] = await scanFails(['--profile', 'no-such-profile', '--endpoint', moto.endpoint, '--path-style'], isolatedAwsEnv());
    expect(rest).toEqual([]);
    expect(line).toMatch(/^canvass: no usable credentials for profile no-such-profile in ~\/\.aws\/config or ~\/\.aws\/credentials/);
  });

  it('an expired SSO session', async () => {
    const env = isolatedAwsEnv();
    const startUrl = 'https://harlow-county.awsapps.com/start';
    mkdirSync(path.join(env.HOME!, '.aws', 'sso', 'cache'), { recursive: true });
    writeFileSync(
      env.AWS_CONFIG_FILE!,
      `[profile county-sso]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = ElectionsAuditor\nregion = us-east-1\n`,
    );
    // The AWS CLI's token cache: named by the SHA-1 of the start URL, expired a while ago.
    writeFileSync(
      path.join(env.HOME!, '.aws', 'sso', 'cache', `${createHash('sha1').update(startUrl).digest('hex')}.json`),
      JSON.stringify({ startUrl, region: 'us-east-1', accessToken: 'expired-token', expiresAt: '2026-01-01T00:00:00Z' }),
    );
    expect(await scanFails(['--profile', 'county-sso', '--endpoint', moto.endpoint, '--path-style'], env)).toEqual([
      'canvass: the AWS SSO session of profile county-sso has expired or was never started: run `aws sso login --profile county-sso`, then try again',
    ]);
  });

  it('an endpoint that answers with a web page, not S3', async () => {
    const web = await fakeServer(200, 'text/html', '<html><body>County intranet</body></html>');
    try {
      expect(await scanFails(['--endpoint', web.endpoint, '--path-style'], isolatedAwsEnv(keys))).toEqual([
        `canvass: ${web.endpoint} does not answer like an S3 service (no owner and no bucket list in its answer to ListBuckets): check the --endpoint URL`,
      ]);
    } finally {
      web.close();
    }
  });

  it('an endpoint that answers 404 to everything', async () => {
    const web = await fakeServer(404, 'text/html', '<html><body>Not Found</body></html>');
    try {
      expect(await scanFails(['--endpoint', web.endpoint, '--path-style'], isolatedAwsEnv(keys))).toEqual([
        `canvass: ${web.endpoint} does not answer like an S3 service (NotFound to ListBuckets): check the --endpoint URL`,
      ]);
    } finally {
      web.close();
    }
  });

  it('a clock too far off', async () => {
    const skewed = await fakeServer(
      403,
      'application/xml',
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message></Error>',
    );
    try {
      const [line, ...rest] = await scanFails(['--endpoint', skewed.endpoint, '--path-style'], isolatedAwsEnv(keys));
      expect(rest).toEqual([]);
      expect(line).toMatch(new RegExp(`^canvass: this computer's clock differs from ${skewed.endpoint}'s by more than AWS allows \\(.+\\): set the date, time and time zone right, then try again$`));
    } finally {
      skewed.close();
    }
  });

  it('an endpoint nothing listens on', async () => {
    const closed = await fakeServer(200, 'text/plain', '');
    closed.close();
    const [line, ...rest] = await scanFails(['--endpoint', closed.endpoint, '--path-style'], isolatedAwsEnv(keys));
    expect(rest).toEqual([]);
    expect(line).toBe(`canvass: cannot reach ${closed.endpoint} (ECONNREFUSED): check the network and the --endpoint URL`);
  });

  it('an endpoint that is not a URL, or holds a password', async () => {
    expect(await scanFails(['--endpoint', 'not a url'], isolatedAwsEnv(keys))).toEqual([
      'canvass: --endpoint not a url is not a URL (for example https://s3.example.org or http://127.0.0.1:9000)',
    ]);
    expect(await scanFails(['--endpoint', 'https://clerk:hunter2@s3.example.org'], isolatedAwsEnv(keys))).toEqual([
      'canvass: --endpoint must not hold a user name or password; give credentials through a profile or the environment',
    ]);
  });
});

/** Credentials are never stored or shown: a recognizable fake secret is searched for in everything a scan leaves. */
describe('the secret key never leaves memory', () => {
  const SECRET = 'CanvassFakeSecretKey/DoNotLeak+0123456789abcdefXYZ';
  const TOKEN = 'CanvassFakeSessionToken/DoNotLeak+9876543210';
  let moto: MotoServer;

  beforeAll(async () => {
    moto = await startMoto();
    await createScenarios(moto.endpoint, SCENARIOS_WITHOUT_LOGGING);
  });
  afterAll(async () => {
    await moto?.stop();
  });

  const holdingSecret = (dir: string) => filesHolding(dir, [SECRET, TOKEN]);

  it('from the environment: not in the database, the JSON, the CSV, the report, the bundle or the terminal', async () => {
    const env = isolatedAwsEnv({ AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN });
    const dir = tmp();
    const scan = await runCli(
      ['scan', '--endpoint', moto.endpoint, '--path-style', '--db', path.join(dir, 'c.db'), '--json', path.join(dir, 'f.json'), '--csv', path.join(dir, 'f.csv'), '--report', path.join(dir, 'r.html')],
      env,
    );
    const collect = await runCli(['collect', '--out', path.join(dir, 'evidence'), '--endpoint', moto.endpoint, '--path-style'], env);
    const refused = await runCli(['scan', '--endpoint', 'http://127.0.0.1:1', '--path-style', '--db', path.join(dir, 'c.db')], env);
    expect([scan.code, collect.code, refused.code]).toEqual([0, 0, 1]);
    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining(['c.db', 'evidence', 'f.csv', 'f.json', 'r.html']));
    expect(holdingSecret(dir)).toEqual([]);
    expect(holdingSecret(env.HOME!)).toEqual([]);
    for (const r of [scan, collect, refused]) {
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
    }
  });

  it('typed into the app (kept in memory): not in the database', async () => {
    const dir = tmp();
    const db = openDatabase(path.join(dir, 'c.db'));
    const { audit } = await runScan(
      db,
      {
        jurisdiction: 'Test County',
        auditor: 'Pat Clerk',
        sources: [
          { kind: 'live', options: { endpoint: moto.endpoint, pathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET, sessionToken: TOKEN } } },
        ],
      },
      { resourcesDir: findResourcesDir() },
    );
    db.close();
    expect(audit.status).toBe('complete');
    expect(holdingSecret(dir)).toEqual([]);
  });
});
