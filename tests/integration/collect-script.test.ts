import {
  CreateBucketCommand,
  GetBucketAclCommand,
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type Grant,
} from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryFiles } from '../../electron/core/collect/bundle-files';
import { readEvidenceBundle, readEvidenceFiles } from '../../electron/core/collect/evidence-bundle';
import { bucketCalls } from '../../electron/core/collect/evidence-schemas';
import { ipEndpointProvider } from '../../electron/core/collect/live/ip-endpoint';
import { readLiveEvidence } from '../../electron/core/collect/live/read-live';
import { evaluate } from '../../electron/core/checks/engine';
import { CHECKS } from '../../electron/core/checks/registry';
import type { Finding } from '../../electron/core/checks/types';
import { findResourcesDir } from '../../electron/core/paths';
import { startLoopbackProxy } from '../helpers/loopback-proxy';
import { MOTO_ACCOUNT, MOTO_ROOT_KEYS, startMoto, type MotoServer } from '../helpers/moto';
import { awsCliV2 } from '../helpers/test-tools';

/**
 * resources/collect/collect-s3-evidence.sh run for real, with the AWS CLI v2, against moto's
 * S3 server: the bundle it writes must read as evidence, give the verdicts the buckets were
 * made for, and be the same bundle `canvass collect` writes of the same account.
 */

const COLLECT = path.join(findResourcesDir(), 'collect');
const SH = path.join(COLLECT, 'collect-s3-evidence.sh');
const PS1 = path.join(COLLECT, 'collect-s3-evidence.ps1');
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const LOG_DELIVERY = 'http://acs.amazonaws.com/groups/s3/LogDelivery';
const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
/** Blocks new public grants but leaves the existing ones working: not "all four on". */
const ACCOUNT_BPA = { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false };
const VOTER_CSV =
  'VOTER_ID,LAST_NAME,FIRST_NAME,DATE_OF_BIRTH,RES_ADDRESS,RES_ZIP,PARTY,PRECINCT,REGISTRATION_DATE\n' +
  '836792451,ZULSEVQUIST,MORZUL,10/18/1963,4036 VESPERFALL AVE,00041,UNA,HC-101,12/10/1994\n' +
  '602871067,CASNYQUIST,NYARAA,06/01/1996,803 MARROWBEND RD,00041,DEM,HC-214,08/08/2009\n';
/**
 * The first bytes of a PostgreSQL custom-format dump, under a name that does not say so, and a
 * file with no extension that is only text: the script's awk must name the first as Canvass
 * does and keep nothing of the second.
 */
const PGDMP = Buffer.concat([Buffer.from('PGDMP\x01\x0e\x00\x04\x08\x08\x01\x01', 'latin1'), Buffer.alloc(2000, 0x41)]);
/** Keys the shell must pass through untouched: quotes, spaces, a leading dash, non-ASCII. */
const ODD_KEYS = ['results/2026 general/precinct "final" results.csv', '-notes/draft $HOME `x` \\n.txt', 'archive/Ünïcødé 😀.csv'];

const publicRead = (b: string) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${b}/*` }],
});
const tlsOnly = (b: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
});

/** ACL grants, one per permission: moto reads a canned ACL back with its first permission only. */
async function grant(s3: S3Client, Bucket: string, grants: Array<[string, Grant['Permission']]>) {
  const { Owner } = await s3.send(new GetBucketAclCommand({ Bucket }));
  const Grants: Grant[] = [
    { Grantee: { Type: 'CanonicalUser', ID: Owner?.ID }, Permission: 'FULL_CONTROL' },
    ...grants.map(([URI, Permission]) => ({ Grantee: { Type: 'Group' as const, URI }, Permission })),
  ];
  await s3.send(new PutBucketAclCommand({ Bucket, AccessControlPolicy: { Owner, Grants } }));
}

type Status = Finding['status'];
/** Each bucket, how it is set up, and the verdicts of the checks it was made for. */
const BUCKETS: Array<{ name: string; setup: (s3: S3Client) => Promise<unknown>; expected: Record<string, Status> }> = [
  {
    // A private bucket, and the log target of cv-protected (S3 needs the LogDelivery group to
    // be able to write to it).
    name: 'cv-logs',
    setup: (s3) => grant(s3, 'cv-logs', [[LOG_DELIVERY, 'WRITE'], [LOG_DELIVERY, 'READ_ACP']]),
    expected: {
      's3.bucket.public-read': 'pass',
      's3.bucket.public-list': 'pass',
      's3.bucket.public-write': 'pass',
      's3.bucket.block-public-access': 'fail',
      's3.bucket.versioning': 'fail',
      's3.bucket.access-logging': 'fail',
      's3.bucket.default-encryption': 'fail',
      's3.bucket.secure-transport': 'fail',
      's3.bucket.voter-data': 'pass',
    },
  },
  {
    name: 'cv-public-policy',
    setup: async (s3) => {
      await s3.send(new PutBucketPolicyCommand({ Bucket: 'cv-public-policy', Policy: JSON.stringify(publicRead('cv-public-policy')) }));
      // Named so that only its columns, not its name, show it is a voter file.
      await s3.send(new PutObjectCommand({ Bucket: 'cv-public-policy', Key: 'exports/extract-2026-10.csv', Body: VOTER_CSV }));
      await s3.send(new PutObjectCommand({ Bucket: 'cv-public-policy', Key: 'exports/data.bin', Body: PGDMP }));
      await s3.send(new PutObjectCommand({ Bucket: 'cv-public-policy', Key: 'exports/NOTES', Body: 'plain text\n' }));
    },
    expected: {
      's3.bucket.public-read': 'fail',
      's3.bucket.public-write': 'pass',
      's3.bucket.voter-data': 'fail',
      's3.bucket.secure-transport': 'fail',
      's3.bucket.sensitive-files': 'fail',
    },
  },
  {
    name: 'cv-acl-public',
    setup: (s3) => grant(s3, 'cv-acl-public', [[ALL_USERS, 'READ'], [ALL_USERS, 'WRITE']]),
    expected: { 's3.bucket.public-list': 'fail', 's3.bucket.public-write': 'fail', 's3.bucket.public-read': 'pass', 's3.bucket.acls-enabled': 'fail' },
  },
  {
    name: 'cv-bucket-bpa',
    setup: async (s3) => {
      await s3.send(new PutBucketPolicyCommand({ Bucket: 'cv-bucket-bpa', Policy: JSON.stringify(publicRead('cv-bucket-bpa')) }));
      await grant(s3, 'cv-bucket-bpa', [[ALL_USERS, 'READ'], [ALL_USERS, 'WRITE']]);
      await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'cv-bucket-bpa', PublicAccessBlockConfiguration: ALL_ON }));
    },
    expected: { 's3.bucket.public-read': 'pass', 's3.bucket.public-list': 'pass', 's3.bucket.public-write': 'pass', 's3.bucket.block-public-access': 'pass' },
  },
  {
    name: 'cv-protected',
    setup: async (s3) => {
      await s3.send(new PutBucketVersioningCommand({ Bucket: 'cv-protected', VersioningConfiguration: { Status: 'Enabled' } }));
      await s3.send(
        new PutBucketLoggingCommand({ Bucket: 'cv-protected', BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'cv-logs', TargetPrefix: 'cv-protected/' } } }),
      );
      const KMSMasterKeyID = `arn:aws:kms:us-east-1:${MOTO_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
      await s3.send(
        new PutBucketEncryptionCommand({
          Bucket: 'cv-protected',
          ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID }, BucketKeyEnabled: true }] },
        }),
      );
      await s3.send(new PutBucketPolicyCommand({ Bucket: 'cv-protected', Policy: JSON.stringify(tlsOnly('cv-protected')) }));
    },
    expected: {
      's3.bucket.versioning': 'pass',
      's3.bucket.access-logging': 'pass',
      's3.bucket.default-encryption': 'pass',
      's3.bucket.secure-transport': 'pass',
      's3.bucket.public-read': 'pass',
    },
  },
  {
    name: 'cv-public-object',
    setup: async (s3) => {
      await s3.send(new PutObjectCommand({ Bucket: 'cv-public-object', Key: ODD_KEYS[0], Body: 'PRECINCT,VOTES\nP1,120\n', ACL: 'public-read' }));
      await s3.send(new PutObjectCommand({ Bucket: 'cv-public-object', Key: ODD_KEYS[1], Body: 'draft\n' }));
      await s3.send(new PutObjectCommand({ Bucket: 'cv-public-object', Key: ODD_KEYS[2], Body: 'A,B\n1,2\n' }));
    },
    // One public object ACL is enough for anyone to read that object.
    expected: { 's3.bucket.public-read': 'fail' },
  },
];

/**
 * moto writes cv-protected's access logs into cv-logs as requests come, so that listing (and
 * what is sampled from it) changes between two reads: those files are compared by name only.
 */
const MOVING = new Set(['list-objects-v2.json', 'get-object-acl.json', 'object-samples.json'].map((f) => `buckets/cv-logs/${f}`));

/** The checks registered now (others are being added): assert only those. */
const REGISTERED = new Set(CHECKS.map((c) => c.meta.id));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the script with a clean environment: only the AWS CLI v2's folder and the system's on
 * PATH (pip's CLI v1 may come first on a developer's PATH), a HOME of its own, no EC2
 * metadata lookups, and every AWS request through the loopback proxy.
 */
function runScript(args: string[], env: NodeJS.ProcessEnv, onStderr?: (text: string, kill: () => void) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [SH, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      onStderr?.(stderr, () => child.kill('SIGINT'));
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The processes (Linux /proc) whose environment holds an entry. */
function processesWith(entry: string): string[] {
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(entry);
    } catch {
      return false;
    }
  });
}

function filesOf(root: string, rel = ''): string[] {
  return readdirSync(path.join(root, rel)).flatMap((name) => {
    const r = rel ? `${rel}/${name}` : name;
    return statSync(path.join(root, r)).isDirectory() ? filesOf(root, r) : [r];
  });
}

const verdicts = (findings: Finding[]) =>
  findings.map((f) => ({ checkId: f.checkId, status: f.status, severity: f.severity, resource: f.resource })).sort((a, b) =>
    `${a.checkId} ${a.resource.type} ${a.resource.id}`.localeCompare(`${b.checkId} ${b.resource.type} ${b.resource.id}`),
  );

describe('the collection scripts as written', () => {
  const sh = readFileSync(SH, 'utf8');
  const ps1 = readFileSync(PS1, 'utf8');
  const code = (text: string, comment: RegExp) => text.split('\n').filter((l) => !comment.test(l)).join('\n');
  const shCode = code(sh, /^\s*#/);
  const psCode = code(ps1.replace(/<#[\s\S]*?#>/g, ''), /^\s*#/);
  const shList = /^BUCKET_CONFIG_CALLS=\(\n([\s\S]*?)\n\)/m.exec(sh)![1].trim().split(/\s+/);
  const psList = [.../^\$BucketConfigCalls = @\(\n([\s\S]*?)\n\)/m.exec(ps1)![1].matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]);

  /** Every AWS call a script makes, as "service verb", the bucket calls taken from their list. */
  const shCalls = () =>
    new Set([...shCode.matchAll(/\b(s3api|s3control|sts|configure)\s+("\$call"|[a-z0-9-]+)/g)].flatMap((m) =>
      m[2] === '"$call"' ? shList.map((c) => `${m[1]} ${c}`) : [`${m[1]} ${m[2]}`],
    ));
  const psCalls = () =>
    new Set([...psCode.matchAll(/'(s3api|s3control|sts|configure)',\s*('[a-z0-9-]+'|\$Item\.Call)/g)].flatMap((m) =>
      m[2] === '$Item.Call' ? psList.map((c) => `${m[1]} ${c}`) : [`${m[1]} ${m[2].slice(1, -1)}`],
    ));

  it('call AWS read-only: sts get-caller-identity and get-/list- calls, nothing else', () => {
    for (const calls of [shCalls(), psCalls()]) {
      for (const call of calls) expect(call).toMatch(/^(sts get-caller-identity|configure get|(s3api|s3control) (get|list)-[a-z0-9-]+)$/);
    }
    // No write verb anywhere in the code, in any form (PowerShell's own Verb-Noun names are capitalized).
    const WRITE = /\b(put|delete|create|copy|restore|upload|abort|complete|write|update|select|replicate|rename|remove)-[a-z]/;
    expect(shCode).not.toMatch(WRITE);
    expect([...psCode.matchAll(/'([^'\n]*)'/g)].map((m) => m[1]).filter((s) => WRITE.test(s))).toEqual([]);
    expect(sh).toMatch(/^# Read-only: /m);
    expect(ps1).toMatch(/^Read-only: /m);
  });

  it('make the same calls, bash and PowerShell: every bundle call of design.md section 3', () => {
    expect(psList).toEqual(shList);
    expect([...psCalls()].sort()).toEqual([...shCalls()].sort());
    const made = new Set([...shCalls()].filter((c) => c.startsWith('s3api ')).map((c) => c.slice(6)));
    const inBundle = Object.keys(bucketCalls).filter((c) => c !== 'object-samples');
    expect(inBundle.filter((c) => !made.has(c))).toEqual([]);
    expect(made).toContain('get-object');
    expect([...shCalls()]).toEqual(expect.arrayContaining(['sts get-caller-identity', 's3api list-buckets', 's3control get-public-access-block']));
  });

  it('name the same version as Canvass in the manifest', () => {
    const { version } = JSON.parse(readFileSync(path.join(findResourcesDir(), '..', 'package.json'), 'utf8')) as { version: string };
    expect(/^readonly VERSION=(.*)$/m.exec(sh)?.[1]).toBe(version);
    expect(/^\$Version = '(.*)'$/m.exec(ps1)?.[1]).toBe(version);
  });

  it('take the same options', () => {
    const shOptions = [...new Set([...sh.matchAll(/^\s+(--[a-z-]+)\)/gm)].map((m) => m[1]))].sort();
    expect(shOptions).toEqual(['--acl-sample', '--endpoint-url', '--max-keys', '--out', '--profile', '--region']);
    const psParams = /^param\(([\s\S]*?)^\)/m.exec(ps1)![1];
    const names = [...psParams.matchAll(/\[(?:string|int)\] \$(\w+)/g)].map((m) => m[1]);
    expect(names).toEqual(['Out', 'AwsProfile', 'Region', 'EndpointUrl', 'MaxKeys', 'AclSample']);
    expect(psParams).toContain("[Alias('Profile')] [string] $AwsProfile");
  });
});

describe('collect-s3-evidence.sh against moto', () => {
  let moto: MotoServer;
  let proxy: Awaited<ReturnType<typeof startLoopbackProxy>>;
  const work = mkdtempSync(path.join(os.tmpdir(), 'canvass-script-'));
  const bundle = path.join(work, 'evidence');
  let run: Run;

  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
    const home = mkdtempSync(path.join(work, 'home-'));
    const tmp = mkdtempSync(path.join(work, 'tmp-'));
    return {
      PATH: `${path.dirname(awsCliV2())}:/usr/bin:/bin`,
      HOME: home,
      TMPDIR: tmp,
      AWS_CONFIG_FILE: path.join(home, '.aws', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      HTTP_PROXY: proxy.url,
      HTTPS_PROXY: proxy.url,
      ...extra,
    };
  };
  const keys = { AWS_ACCESS_KEY_ID: MOTO_ROOT_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: MOTO_ROOT_KEYS.secretAccessKey };

  beforeAll(async () => {
    moto = await startMoto();
    proxy = await startLoopbackProxy(moto.port);
    const credentials = MOTO_ROOT_KEYS;
    const s3 = new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
    for (const b of BUCKETS) await s3.send(new CreateBucketCommand({ Bucket: b.name }));
    for (const b of BUCKETS) await b.setup(s3);
    s3.destroy();
    const s3control = new S3ControlClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials, endpointProvider: ipEndpointProvider(moto.endpoint) });
    await s3control.send(new PutAccountPublicAccessBlockCommand({ AccountId: MOTO_ACCOUNT, PublicAccessBlockConfiguration: ACCOUNT_BPA }));
    s3control.destroy();

    run = await runScript(['--out', bundle, '--endpoint-url', moto.endpoint, '--region', 'us-east-1'], env(keys));
  }, 600_000);
  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });

  it('exits 0, says what it does on stderr, and leaves no partial folder', () => {
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 0, stdout: '' });
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe(`collect-s3-evidence.sh: collecting as arn:aws:sts::${MOTO_ACCOUNT}:user/moto in account ${MOTO_ACCOUNT}, region us-east-1, endpoint ${moto.endpoint}`);
    expect(lines).toContain(`collect-s3-evidence.sh: found ${BUCKETS.length} bucket(s)`);
    expect(lines.at(-1)).toMatch(new RegExp(`^collect-s3-evidence.sh: wrote ${bundle}: ${BUCKETS.length} bucket\\(s\\) of account ${MOTO_ACCOUNT}; \\d+ call\\(s\\) failed`));
    expect(readdirSync(work).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('writes a manifest that names the account, the partition and the script', () => {
    const manifest = JSON.parse(readFileSync(path.join(bundle, 'manifest.json'), 'utf8'));
    expect(manifest).toEqual({
      format: 'canvass-evidence/1',
      collectedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      collector: expect.stringMatching(/^collect-s3-evidence\.sh\/\d+\.\d+\.\d+$/),
      accountId: MOTO_ACCOUNT,
      partition: 'aws',
    });
  });

  it('reads account Block Public Access through S3 Control, by way of the proxy, with no name looked up', () => {
    expect(JSON.parse(readFileSync(path.join(bundle, 'account', 'public-access-block.json'), 'utf8'))).toEqual({
      PublicAccessBlockConfiguration: ACCOUNT_BPA,
    });
    expect(proxy.hosts()).toContain(`${MOTO_ACCOUNT}.127.0.0.1:${moto.port}`);
  });

  it('writes a bundle the reader takes, with the verdicts each bucket was made for', async () => {
    const findings = evaluate(await readEvidenceBundle(bundle));
    const got: Record<string, Record<string, Status>> = {};
    const want: Record<string, Record<string, Status>> = {};
    for (const b of BUCKETS) {
      for (const [checkId, status] of Object.entries(b.expected)) {
        if (!REGISTERED.has(checkId)) continue;
        (want[b.name] ??= {})[checkId] = status;
        const f = findings.find((x) => x.checkId === checkId && x.resource.type === 'bucket' && x.resource.name === b.name);
        (got[b.name] ??= {})[checkId] = f?.status ?? ('missing' as Status);
      }
    }
    expect(got).toEqual(want);
    if (REGISTERED.has('s3.account.block-public-access')) {
      expect(findings.find((f) => f.checkId === 's3.account.block-public-access')?.status).toBe('fail');
    }
    if (REGISTERED.has('s3.object.public-acl')) {
      const objects = findings.filter((f) => f.checkId === 's3.object.public-acl' && f.resource.type === 'object');
      expect(objects.filter((f) => f.status === 'fail').map((f) => f.resource.name)).toEqual([expect.stringContaining(ODD_KEYS[0])]);
    }
    // Exposure meeting voter data is the worst there is.
    expect(findings.find((f) => f.checkId === 's3.bucket.public-read' && f.resource.name === 'cv-public-policy')?.severity).toBe('critical');
  });

  it('samples tables by their column names and row shapes, files by their kind, and keeps no value', () => {
    const samples = JSON.parse(readFileSync(path.join(bundle, 'buckets', 'cv-public-policy', 'object-samples.json'), 'utf8'));
    expect(samples).toEqual([
      {
        key: 'exports/extract-2026-10.csv',
        header: VOTER_CSV.split('\n')[0].split(','),
        rowShapes: [
          ['digits:9', 'alpha', 'alpha', 'date', 'mixed', 'digits:5', 'upper:3', 'alnum', 'date'],
          ['digits:9', 'alpha', 'alpha', 'date', 'mixed', 'digits:5', 'upper:3', 'alnum', 'date'],
        ],
      },
      { key: 'exports/data.bin', magic: 'pgdump' },
    ]);
    const everything = filesOf(bundle).map((f) => readFileSync(path.join(bundle, f), 'utf8')).join('\n');
    for (const value of ['836792451', 'ZULSEVQUIST', 'MORZUL', '4036 VESPERFALL', '12/10/1994']) expect(everything).not.toContain(value);
  });

  it('passes keys with quotes, spaces, a leading dash and non-ASCII through the shell unchanged', () => {
    const dir = path.join(bundle, 'buckets', 'cv-public-object');
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, 'get-object-acl.json'), 'utf8'))).sort()).toEqual([...ODD_KEYS].sort());
    expect(JSON.parse(readFileSync(path.join(dir, 'object-samples.json'), 'utf8')).map((s: { key: string }) => s.key).sort()).toEqual(
      [ODD_KEYS[0], ODD_KEYS[2]].sort(),
    );
  });

  it('writes the same bundle as Canvass reading the account live, file for file', async () => {
    const live = await readLiveEvidence({ endpoint: moto.endpoint, pathStyle: true, region: 'us-east-1', credentials: MOTO_ROOT_KEYS });
    const ours = filesOf(bundle).sort();
    expect(ours).toEqual([...live.files.keys()].sort());
    for (const rel of ours) {
      const a = JSON.parse(readFileSync(path.join(bundle, rel), 'utf8'));
      let b = JSON.parse(live.files.get(rel)!);
      // The script's awk keeps column names and row shapes only; the average row size and the
      // fixed-width line length that Canvass adds (for a row estimate) are all that differ.
      if (rel.endsWith('/object-samples.json')) b = (b as Array<Record<string, unknown>>).map(({ rowBytes: _r, lineLength: _l, ...rest }) => rest);
      if (rel === 'manifest.json') {
        expect({ ...a, collectedAt: 0, collector: 0 }).toEqual({ ...b, collectedAt: 0, collector: 0 });
      } else if (!MOVING.has(rel)) expect({ rel, json: a }).toEqual({ rel, json: b });
    }
    const settled = (findings: Finding[]) => verdicts(findings.filter((f) => !(f.resource.type === 'object' && f.resource.name.startsWith('cv-logs/'))));
    const offline = evaluate(await readEvidenceBundle(bundle));
    const online = evaluate(await readEvidenceFiles(memoryFiles('live', live.files)));
    expect(settled(offline)).toEqual(settled(online));
  });

  it('removes everything it wrote when interrupted (Ctrl-C)', async () => {
    const out = path.join(work, 'interrupted');
    const e = env(keys);
    let sent = false;
    const r = await runScript(['--out', out, '--endpoint-url', moto.endpoint, '--region', 'us-east-1'], e, (text, kill) => {
      // A moment into the first bucket: its calls are running side by side.
      if (!sent && /\[1\/\d+\] /.test(text)) {
        sent = true;
        setTimeout(kill, 1500);
      }
    });
    expect(sent).toBe(true);
    expect(r.code).toBe(130);
    expect(r.stderr.trim().split('\n').at(-1)).toBe('collect-s3-evidence.sh: interrupted: nothing was written');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect(readdirSync(e.TMPDIR!)).toEqual([]);
    // No AWS CLI of that run goes on: none is left with its environment.
    expect(processesWith(`TMPDIR=${e.TMPDIR}`)).toEqual([]);
  }, 120_000);

  it('refuses an --out folder that is not empty, and leaves it as it was', async () => {
    const out = mkdtempSync(path.join(work, 'full-'));
    writeFileSync(path.join(out, 'notes.txt'), 'keep me');
    const r = await runScript(['--out', out, '--endpoint-url', moto.endpoint], env(keys));
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 1,
      stderr: `collect-s3-evidence.sh: ${out} exists and is not empty: choose a new folder for the evidence\n`,
    });
    expect(readdirSync(out)).toEqual(['notes.txt']);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('says in one line that there are no credentials', async () => {
    const out = path.join(work, 'no-credentials');
    const r = await runScript(['--out', out, '--endpoint-url', moto.endpoint], env());
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'collect-s3-evidence.sh: no AWS credentials found: pass --profile NAME (a profile of ~/.aws/config or ~/.aws/credentials), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    ]);
    expect(existsSync(out) || existsSync(`${out}.partial`)).toBe(false);
  });

  it('says in one line that the SSO session has expired', async () => {
    const out = path.join(work, 'sso');
    const e = env();
    mkdirSync(path.dirname(e.AWS_CONFIG_FILE!), { recursive: true });
    writeFileSync(
      e.AWS_CONFIG_FILE!,
      [
        '[profile harlow-audit]',
        'sso_session = harlow',
        `sso_account_id = ${MOTO_ACCOUNT}`,
        'sso_role_name = CanvassAudit',
        'region = us-east-1',
        '[sso-session harlow]',
        'sso_start_url = https://harlow-county.example.org/start',
        'sso_region = us-east-1',
        '',
      ].join('\n'),
    );
    const r = await runScript(['--out', out, '--profile', 'harlow-audit', '--endpoint-url', moto.endpoint], e);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'collect-s3-evidence.sh: the AWS SSO session of profile harlow-audit has expired or was never started: run `aws sso login --profile harlow-audit`, then run this script again',
    ]);
    expect(existsSync(out) || existsSync(`${out}.partial`)).toBe(false);
  });
});

describe('collect-s3-evidence.sh denied ListBuckets (moto enforcing IAM)', () => {
  let moto: MotoServer;
  let proxy: Awaited<ReturnType<typeof startLoopbackProxy>>;

  beforeAll(async () => {
    // Two requests without authorization (the user and its key), then IAM is enforced.
    moto = await startMoto({ initialNoAuthActionCount: 2 });
    proxy = await startLoopbackProxy(moto.port);
  }, 120_000);
  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });

  it('says in one line that the identity may not list the buckets', async () => {
    const iam = new IAMClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: MOTO_ROOT_KEYS });
    await iam.send(new CreateUserCommand({ UserName: 'cv-no-permissions' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'cv-no-permissions' }));
    iam.destroy();
    const work = mkdtempSync(path.join(os.tmpdir(), 'canvass-denied-'));
    const out = path.join(work, 'evidence');
    const r = await runScript(['--out', out, '--endpoint-url', moto.endpoint, '--region', 'us-east-1'], {
      PATH: `${path.dirname(awsCliV2())}:/usr/bin:/bin`,
      HOME: work,
      AWS_CONFIG_FILE: path.join(work, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(work, 'none'),
      AWS_EC2_METADATA_DISABLED: 'true',
      HTTP_PROXY: proxy.url,
      HTTPS_PROXY: proxy.url,
      AWS_ACCESS_KEY_ID: AccessKey!.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: AccessKey!.SecretAccessKey,
    });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(
      /^collect-s3-evidence\.sh: access denied on ListBuckets( for arn:aws:iam::123456789012:user\/cv-no-permissions)?: the identity needs s3:ListAllMyBuckets to find the buckets$/,
    );
    expect(readdirSync(work)).toEqual([]);
  }, 120_000);
});
