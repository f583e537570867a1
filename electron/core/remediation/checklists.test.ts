import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { awsCliPython } from '../../../tests/helpers/test-tools';
import { account, bucket, ctx, v } from '../../../tests/helpers/inventory';
import type { BucketInventory } from '../collect/inventory';
import { CHECKS } from '../checks/registry';
import { InputError } from '../errors';
import { findResourcesDir } from '../paths';
import { lexCommand, PLACEHOLDERS, type Checklist } from './checklist-schema';
import { checklistsDir, commandArgv, fillChecklist, fillCommand, loadChecklists, placeholderValues, shellQuote, type PlaceholderValues } from './checklists';

const repo = path.resolve(__dirname, '../../..');
const dir = checklistsDir(findResourcesDir(__dirname));
const catalogue = loadChecklists(dir);
const all = [...catalogue.checklists.values()];

/** The check identifiers of design.md section 4 (the table), as the contract this catalogue follows. */
const DESIGN_IDS = [
  's3.account.block-public-access',
  's3.bucket.block-public-access',
  's3.bucket.public-read',
  's3.bucket.public-list',
  's3.bucket.public-write',
  's3.bucket.authenticated-users',
  's3.bucket.cross-account',
  's3.bucket.acls-enabled',
  's3.bucket.website',
  's3.bucket.cors-wildcard',
  's3.bucket.secure-transport',
  's3.bucket.default-encryption',
  's3.bucket.versioning',
  's3.bucket.mfa-delete',
  's3.bucket.object-lock',
  's3.bucket.access-logging',
  's3.bucket.lifecycle',
  's3.bucket.replication',
  's3.bucket.event-notifications',
  's3.bucket.voter-data',
  's3.bucket.sensitive-files',
  's3.object.public-acl',
  'creds.scan-identity.long-lived',
  'local.credential.aws-access-key',
  'local.credential.azure-storage',
  'local.credential.gcp-service-account',
  'local.credential.presigned-url',
  'local.voter-file',
];

/** Every command of a checklist, with where it is. */
function commandsOf(c: Checklist): Array<{ where: string; cmd: string }> {
  return [
    ...c.steps.flatMap((s) => (s.cli ?? []).map((cmd) => ({ where: `${c.checkId} step ${s.n}`, cmd }))),
    ...(c.verify.cli ?? []).map((cmd) => ({ where: `${c.checkId} verify`, cmd })),
  ];
}

/** Realistic values for every blank: the demo county, with a key that needs quoting. */
const DEMO: PlaceholderValues = {
  bucket: 'harlow-county-voter-rolls-public',
  account: '210987654321',
  key: 'voter-rolls/harlow voter extract (2026-10).csv',
  file: '/home/clerk/Desktop/old laptop/aws credentials.txt',
};
const examples = (c: Checklist) => Object.fromEntries((c.inputs ?? []).map((i) => [i.name, i.example]));

describe('the checklist catalogue', () => {
  it('loads every file, each valid against the schema, with a catalogue version', () => {
    expect(catalogue.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    expect(catalogue.checklists.size).toBe(29);
  });

  it('has a checklist for every check Canvass runs', () => {
    const missing = CHECKS.map((c) => c.meta.id).filter((id) => !catalogue.checklists.has(id));
    expect(missing).toEqual([]);
  });

  it('has a checklist for every check id of design.md section 4', () => {
    const missing = DESIGN_IDS.filter((id) => !catalogue.checklists.has(id));
    expect(missing).toEqual([]);
  });

  it('names no unknown check', () => {
    const known = new Set([...CHECKS.map((c) => c.meta.id), ...DESIGN_IDS]);
    expect(all.map((c) => c.checkId).filter((id) => !known.has(id))).toEqual([]);
  });

  it('cites at least the references of each check, so report and checklist agree', () => {
    for (const check of CHECKS) {
      const c = catalogue.checklists.get(check.meta.id)!;
      const nistAndCis = check.meta.references.filter((r) => /^(NIST|CIS) /.test(r));
      const missing = nistAndCis.filter((r) => !c.references.includes(r));
      expect(missing, check.meta.id).toEqual([]);
    }
  });

  it('orders a public bucket safely: evidence first, then blocking, then who needs access', () => {
    for (const id of ['s3.bucket.public-read', 's3.bucket.public-write', 's3.bucket.public-list']) {
      const steps = catalogue.checklists.get(id)!.steps;
      const firstChange = steps.findIndex((s) => s.changes);
      const preserve = steps.slice(0, firstChange);
      expect(preserve.length, id).toBeGreaterThanOrEqual(2);
      expect(preserve.some((s) => s.cli?.some((c) => c.includes('get-bucket-policy'))), id).toBe(true);
      expect(preserve.some((s) => s.cli?.some((c) => c.includes('aws s3 cp s3://<LOG_BUCKET>'))), id).toBe(true);
      expect(steps[firstChange].cli?.[0], id).toContain('put-public-access-block');
    }
  });

  it('brings the election specifics where they apply', () => {
    for (const id of ['s3.bucket.object-lock', 's3.bucket.versioning']) {
      const text = JSON.stringify(catalogue.checklists.get(id));
      expect(text, id).toContain('22 months');
      expect(text, id).toContain('52 U.S.C. 20701');
    }
    for (const id of ['s3.bucket.voter-data', 'local.voter-file', 's3.bucket.public-read']) {
      expect(JSON.stringify(catalogue.checklists.get(id)), id).toMatch(/chain of custody/i);
    }
  });

  it('rotates, deactivates and deletes credentials with the real commands', () => {
    const text = (id: string) => commandsOf(catalogue.checklists.get(id)!).map((c) => c.cmd);
    expect(text('local.credential.aws-access-key')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws iam create-access-key /),
        expect.stringMatching(/^aws iam update-access-key .*--status Inactive$/),
        expect.stringMatching(/^aws iam delete-access-key /),
      ]),
    );
    expect(text('local.credential.azure-storage')).toEqual(expect.arrayContaining([expect.stringMatching(/^az storage account keys renew /)]));
    expect(text('local.credential.gcp-service-account')).toEqual(expect.arrayContaining([expect.stringMatching(/^gcloud iam service-accounts keys delete /)]));
  });

  it('fills every blank of every checklist from a finding and the examples', () => {
    for (const c of all) {
      const filled = fillChecklist(c, DEMO, examples(c));
      for (const s of [...filled.steps, filled.verify]) expect(s.missing, `${c.checkId}`).toEqual([]);
      const rest = JSON.stringify(filled).match(/\{(bucket|account|key|file)\}|<[A-Z][A-Z0-9_]*>/g);
      expect(rest, c.checkId).toBeNull();
      for (const f of filled.files) if (f.content !== undefined) expect(() => JSON.parse(f.content!), `${c.checkId} ${f.name}`).not.toThrow();
    }
  });
});

describe('what the checklists put in place passes their check', () => {
  const name = 'harlow-county-voter-rolls-public';
  /** The content of a checklist's file, filled in for bucket `name`, as JSON. */
  const file = (id: string, fileName: string) => {
    const c = catalogue.checklists.get(id)!;
    const f = fillChecklist(c, { bucket: name, account: '111122223333' }, examples(c)).files.find((x) => x.name === fileName)!;
    return JSON.parse(f.content!) as Record<string, unknown>;
  };
  /** The JSON a command passes inline to an option. */
  const inline = (id: string, option: string) => {
    const cmd = commandsOf(catalogue.checklists.get(id)!).find((x) => x.cmd.includes(option))!.cmd;
    const argv = commandArgv(cmd, { bucket: name }).argv;
    return JSON.parse(argv[argv.indexOf(option) + 1]) as Record<string, unknown>;
  };
  const verdictOf = (id: string, over: Partial<BucketInventory>) => {
    const check = CHECKS.find((c) => c.meta.id === id)!;
    if (check.kind !== 'bucket') throw new Error(`${id} is not a bucket check`);
    return check.evaluate(bucket(name, over), ctx(account())).status;
  };

  it('fails before and passes after, check by check', () => {
    const cases: Array<[string, Partial<BucketInventory>, Partial<BucketInventory>]> = [
      ['s3.bucket.secure-transport', {}, { policy: v(file('s3.bucket.secure-transport', 'deny-insecure-transport.json')) }],
      [
        's3.bucket.default-encryption',
        { encryption: v([{ SSEAlgorithm: 'AES256' }]) },
        { encryption: v((file('s3.bucket.default-encryption', 'encryption.json').Rules as Array<{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: string } }>).map((r) => r.ApplyServerSideEncryptionByDefault)) },
      ],
      ['s3.bucket.cors-wildcard', { cors: v([{ AllowedOrigins: ['*'], AllowedMethods: ['GET'] }]) }, { cors: v(file('s3.bucket.cors-wildcard', 'cors.json').CORSRules as Array<Record<string, unknown>>) }],
      ['s3.bucket.lifecycle', {}, { lifecycle: v(file('s3.bucket.lifecycle', 'lifecycle.json').Rules as Array<Record<string, unknown>>) }],
      ['s3.bucket.replication', {}, { replication: v(file('s3.bucket.replication', 'replication.json')) }],
      ['s3.bucket.access-logging', { logging: v(null) }, { logging: v(file('s3.bucket.access-logging', 'logging.json').LoggingEnabled as { TargetBucket: string }) }],
      ['s3.bucket.event-notifications', {}, { notifications: v(inline('s3.bucket.event-notifications', '--notification-configuration')) }],
    ];
    for (const [id, before, after] of cases) {
      expect(verdictOf(id, before), `${id} before`).toBe('fail');
      expect(verdictOf(id, after), `${id} after`).toBe('pass');
    }
  });
});

describe('placeholders from a finding', () => {
  it('takes the bucket, the object key and the account from the finding', () => {
    expect(placeholderValues({ type: 'bucket', id: 'arn:aws:s3:::b', name: 'b' }, '210987654321')).toEqual({ bucket: 'b', account: '210987654321' });
    expect(placeholderValues({ type: 'object', id: 'arn:aws:s3:::b/dir/a b.csv', name: 'b/dir/a b.csv' }, '210987654321')).toEqual({
      bucket: 'b',
      key: 'dir/a b.csv',
      account: '210987654321',
    });
    expect(placeholderValues({ type: 'account', id: '210987654321', name: 'AWS account 210987654321' })).toEqual({ account: '210987654321' });
    expect(placeholderValues({ type: 'file', id: '/srv/share/creds.txt', name: 'creds.txt' })).toEqual({ file: '/srv/share/creds.txt' });
  });

  it('fills the bucket into the public-read checklist, in commands, console paths and files', () => {
    const c = fillChecklist(catalogue.checklists.get('s3.bucket.public-read')!, { bucket: 'harlow-county-voter-rolls-public' });
    const step3 = c.steps[2];
    expect(step3.cli).toEqual([
      'aws s3api put-public-access-block --bucket harlow-county-voter-rolls-public --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    ]);
    expect(step3.console).toContain('S3 > Buckets > harlow-county-voter-rolls-public > Permissions > Block public access (bucket settings) > Edit');
    expect(c.steps[1].missing).toEqual(['<LOG_BUCKET>', '<LOG_PREFIX>']);
    const tls = fillChecklist(catalogue.checklists.get('s3.bucket.secure-transport')!, { bucket: 'b"1' });
    expect(JSON.parse(tls.files[0].content!).Statement[0].Resource).toEqual(['arn:aws:s3:::b"1', 'arn:aws:s3:::b"1/*']);
  });
});

describe('shell quoting of filled-in values', () => {
  const template = 'aws s3api put-object-acl --bucket {bucket} --key {key} --acl private';

  it('leaves plain values alone and quotes the rest', () => {
    expect(shellQuote('harlow-county-voter-rolls')).toBe('harlow-county-voter-rolls');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('$(reboot)')).toBe("'$(reboot)'");
    expect(() => shellQuote('a\0b')).toThrow(InputError);
  });

  it('keeps a key with spaces and quotes one argument', () => {
    const cmd = fillCommand(template, { bucket: 'b', key: `voters "final" it's 2026.csv` });
    expect(cmd).toBe(`aws s3api put-object-acl --bucket b --key 'voters "final" it'\\''s 2026.csv' --acl private`);
    expect(bashArgv([cmd])[0]).toEqual(['aws', 's3api', 'put-object-acl', '--bucket', 'b', '--key', `voters "final" it's 2026.csv`, '--acl', 'private']);
  });

  it('joins a value starting with "-" to its option, so the CLI cannot read it as one', () => {
    const cmd = fillCommand(template, { bucket: 'b', key: '--acl public-read' });
    expect(cmd).toBe("aws s3api put-object-acl --bucket b --key='--acl public-read' --acl private");
    expect(() => fillCommand('gcloud iam service-accounts keys disable <KEY_ID> --iam-account=x', {}, { KEY_ID: '-x' })).toThrow(/starts with "-"/);
  });

  it('leaves an unfilled input as it is, which bash refuses to run', () => {
    const missing = new Set<string>();
    const cmd = fillCommand('aws iam update-access-key --user-name <IAM_USER> --access-key-id <ACCESS_KEY_ID> --status Inactive', {}, { ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' }, missing);
    expect(cmd).toBe('aws iam update-access-key --user-name <IAM_USER> --access-key-id AKIAIOSFODNN7EXAMPLE --status Inactive');
    expect([...missing]).toEqual(['<IAM_USER>']);
    // bash reads <IAM_USER> as input from a file IAM_USER, which does not exist: the command never starts.
    const cwd = mkdtempSync(path.join(tmpdir(), 'canvass-unfilled-'));
    const r = spawnSync('bash', ['--norc', '-c', `aws() { echo RAN; }\n${cmd}`], { cwd, encoding: 'utf8' });
    rmSync(cwd, { recursive: true, force: true });
    expect(r.status).not.toBe(0);
    expect(r.stdout).not.toContain('RAN');
    expect(r.stderr).toContain('IAM_USER: No such file or directory');
    expect(() => commandArgv('aws iam list-access-keys --user-name <IAM_USER>', {})).toThrow('needs a value for <IAM_USER>');
  });

  it('passes hostile values through bash as exactly the arguments the template means, for every command', () => {
    const hostile: PlaceholderValues = {
      bucket: `b'; rm -rf ~; echo '`,
      account: '$(id) `id` ${HOME}',
      key: "-dir/*.csv {a,b} [x]\nnext line\t'\"\\",
      file: '~/notes ; & | < > #!',
    };
    const cases: Array<{ filled: string; expected: string[] }> = [];
    for (const c of all) {
      const inputs = Object.fromEntries((c.inputs ?? []).map((i) => [i.name, `${i.example} $(x) 'y'`]));
      for (const { cmd } of commandsOf(c)) {
        const noRedirect = cmd.replace(/ > [A-Za-z0-9._-]+$/, '');
        cases.push({ filled: fillCommand(noRedirect, hostile, inputs), expected: commandArgv(noRedirect, hostile, inputs).argv });
      }
    }
    const actual = bashArgv(cases.map((c) => c.filled));
    cases.forEach((c, i) => expect(joinOptionValues(actual[i], c.expected), c.filled).toEqual(c.expected));
  });
});

/** bash's view of each command: the arguments its program would receive. */
function bashArgv(commands: string[]): string[][] {
  const script = [
    "show() { printf '%s\\0' \"$@\"; printf '\\036'; }",
    'aws() { show aws "$@"; }',
    'az() { show az "$@"; }',
    'gcloud() { show gcloud "$@"; }',
    ...commands,
  ].join('\n');
  const cwd = mkdtempSync(path.join(tmpdir(), 'canvass-bash-'));
  try {
    const out = execFileSync('bash', ['--norc', '--noprofile', '-c', script], { cwd, encoding: 'utf8' });
    return out
      .split('\x1e')
      .slice(0, -1)
      .map((rec) => rec.split('\0').slice(0, -1));
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** `--key=-x` as fillCommand writes it is the two arguments `--key`, `-x` to the CLI. */
function joinOptionValues(actual: string[], expected: string[]): string[] {
  const out: string[] = [];
  for (const a of actual) {
    const m = /^(--[a-z0-9][a-z0-9-]*)=(-[\s\S]*)$/.exec(a);
    if (m && expected[out.length] === m[1]) out.push(m[1], m[2]);
    else out.push(a);
  }
  return out;
}

interface CheckerResult {
  skeleton: Array<{ rc: number; err: string }>;
  commands: Array<{ ok: boolean; err: string | null; how?: string }>;
}

/** Runs aws-cli-check.py under the AWS CLI v2's own Python: offline, nothing is sent. */
function runChecker(work: string, skeleton: string[][], commands: string[][]): CheckerResult {
  const python = awsCliPython();
  const r = spawnSync(python, [path.join(__dirname, '../../../tests/helpers/aws-cli-check.py')], {
    input: JSON.stringify({ skeleton, commands }),
    encoding: 'utf8',
    cwd: work,
    timeout: 25_000,
    env: {
      PATH: process.env.PATH,
      HOME: work,
      AWS_CONFIG_FILE: path.join(work, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(work, 'no-credentials'),
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      // Nothing may reach the network: a proxy that does not exist.
      HTTPS_PROXY: 'http://127.0.0.1:9',
      HTTP_PROXY: 'http://127.0.0.1:9',
    },
  });
  if (r.status !== 0) throw new Error(`aws-cli-check.py failed (${r.status ?? r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout) as CheckerResult;
}

/** API operations have a skeleton; the CLI's own commands (aws s3 cp, aws configure sso, aws sso login) do not. */
const hasSkeleton = (op: string) => !/^(s3|configure) /.test(op) && op !== 'sso login';

describe('every AWS CLI command is real AWS CLI v2 syntax', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'canvass-cli-check-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('names a real service and operation, and parses and validates against the CLI installed here', () => {
    const commands: Array<{ where: string; cmd: string; argv: string[] }> = [];
    for (const c of all) {
      // Each checklist's files, filled in, where file://NAME finds them; files the person writes get a stand-in.
      const cwd = path.join(work, c.checkId);
      mkdirSync(cwd, { recursive: true });
      const filled = fillChecklist(c, DEMO, examples(c));
      for (const f of filled.files) writeFileSync(path.join(cwd, f.name), f.content ?? '{}');
      for (const { where, cmd } of commandsOf(c)) {
        if (!cmd.startsWith('aws ')) continue;
        const argv = commandArgv(cmd, DEMO, examples(c)).argv.slice(1).map((a) => a.replace(/^file:\/\//, `file://${cwd}/`));
        commands.push({ where, cmd, argv });
      }
    }
    const ops = [...new Set(commands.map((c) => `${c.argv[0]} ${c.argv[1]}`))].sort();
    expect(ops).toEqual(expect.arrayContaining(['s3api put-public-access-block', 's3control put-public-access-block', 'iam update-access-key']));

    const skeletonOps = ops.filter(hasSkeleton);
    const result = runChecker(
      work,
      skeletonOps.map((o) => o.split(' ')),
      commands.map((c) => c.argv),
    );
    const badOps = skeletonOps.flatMap((o, i) => (result.skeleton[i].rc === 0 ? [] : [`aws ${o} --generate-cli-skeleton: ${result.skeleton[i].err}`]));
    expect(badOps).toEqual([]);
    const bad = commands.flatMap((c, i) => (result.commands[i].ok ? [] : [`${c.where}: ${c.cmd}\n  ${result.commands[i].err}`]));
    expect(bad).toEqual([]);
    expect(result.commands.filter((c) => c.how === 'parsed and validated').length).toBeGreaterThan(60);
  });

  it('catches what a typo would break: operation, option, shorthand key, enum value, type, missing file', () => {
    writeFileSync(path.join(work, 'ok.json'), '{"Rules": []}');
    const result = runChecker(
      work,
      [
        ['s3api', 'put-public-access-blocks'],
        ['s3api', 'put-public-access-block'],
      ],
      [
        ['s3api', 'put-public-access-block', '--bucket', 'b', '--public-access-block-configuration', 'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true'],
        ['s3api', 'put-public-access-block', '--bucket', 'b', '--public-access-block-configuration', 'BlockPublicAclz=true'],
        ['s3api', 'put-public-access-block', '--bucket', 'b', '--public-access-block-configuration', 'BlockPublicAcls=maybe'],
        ['s3api', 'put-bucket-acl', '--bucket', 'b', '--acl', 'privat'],
        ['s3api', 'put-bucket-versioning', '--bucket', 'b', '--versioning-configuration', 'Status=On'],
        ['s3api', 'put-bucket-policy', '--bucket', 'b', '--policy', 'file://missing.json'],
        ['s3api', 'put-bucket-lifecycle-configuration', '--bucket', 'b', '--lifecycle-configuration', `file://${path.join(work, 'ok.json')}`],
        ['s3api', 'put-bucket-versioning', '--bucket', 'b', '--versioning', 'Status=Enabled'],
        ['s3api', 'delete-bucket-website'],
        ['s3control', 'put-public-access-block', '--bucket', 'b'],
        ['iam', 'deactivate-access-key', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE'],
        ['s3', 'cp', 's3://b/k', '.', '--recursiv'],
        ['s3', 'cp', 's3://b/k', '.', '--recursive'],
      ],
    );
    expect(result.skeleton.map((s) => s.rc === 0)).toEqual([false, true]);
    expect(result.commands.map((c) => c.ok)).toEqual([true, false, false, false, false, false, true, false, false, false, false, false, true]);
    expect(result.commands[3].err).toContain('privat');
    expect(result.commands[12].how).toBe('options checked');
  });
});

describe('loading a folder of checklists', () => {
  const base = catalogue.checklists.get('s3.bucket.versioning')!;
  const folder = (files: Record<string, unknown>) => {
    const d = mkdtempSync(path.join(tmpdir(), 'canvass-checklists-'));
    const index = { ...catalogue.index, checklists: Object.fromEntries(Object.values(files).map((f) => [(f as Checklist).checkId, (f as Checklist).version])) };
    writeFileSync(path.join(d, 'index.json'), JSON.stringify(index));
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(d, name), typeof content === 'string' ? content : JSON.stringify(content));
    return d;
  };
  const loadError = (d: string) => {
    try {
      loadChecklists(d);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('expected an InputError');
  };

  it('loads a good folder', () => {
    expect(loadChecklists(folder({ 's3.bucket.versioning.json': base })).checklists.get('s3.bucket.versioning')).toEqual(base);
  });

  it('names the file and the field when a step lacks a required field', () => {
    const { title: _, ...noTitle } = base.steps[1];
    const d = folder({ 's3.bucket.versioning.json': { ...base, steps: [base.steps[0], noTitle, base.steps[2]] } });
    expect(loadError(d)).toBe(`${path.join(d, 's3.bucket.versioning.json')}: steps[1].title: is missing`);
  });

  it('names the file and the field when a command uses an unknown placeholder', () => {
    const steps = structuredClone(base.steps);
    steps[1].cli = ['aws s3api put-bucket-versioning --bucket {bucket-name} --versioning-configuration Status=Enabled'];
    const d = folder({ 's3.bucket.versioning.json': { ...base, steps } });
    const message = loadError(d);
    expect(message).toBe(
      `${path.join(d, 's3.bucket.versioning.json')}: steps[1].cli[0]: uses the unknown placeholder {bucket-name} (allowed: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`,
    );
    expect(message.split('\n')).toHaveLength(1);
  });

  it('refuses a file that is not JSON, a misnamed file, and an index out of step with the files', () => {
    let d = folder({ 's3.bucket.versioning.json': '{"checkId": ' });
    expect(loadError(d)).toMatch(new RegExp(`^${escape(path.join(d, 's3.bucket.versioning.json'))}: not valid JSON`));
    d = folder({ 'versioning.json': base });
    expect(loadError(d)).toBe(`${path.join(d, 'versioning.json')}: checkId is s3.bucket.versioning, so the file must be named s3.bucket.versioning.json`);
    d = folder({ 's3.bucket.versioning.json': { ...base, version: '1.0.1' } });
    writeFileSync(path.join(d, 'index.json'), JSON.stringify({ ...catalogue.index, checklists: { 's3.bucket.versioning': '1.0.0' } }));
    expect(loadError(d)).toContain('lists s3.bucket.versioning at version 1.0.0, but s3.bucket.versioning.json is version 1.0.1');
    d = folder({});
    writeFileSync(path.join(d, 'index.json'), JSON.stringify({ ...catalogue.index, checklists: { 's3.bucket.versioning': '1.0.0' } }));
    expect(loadError(d)).toContain('lists s3.bucket.versioning, but there is no s3.bucket.versioning.json');
    rmSync(path.join(d, 'index.json'));
    expect(loadError(d)).toContain('index.json: missing');
  });
});

describe('the template lexer matches bash on the templates themselves', () => {
  it('reads every command of the catalogue', () => {
    for (const c of all) for (const { where, cmd } of commandsOf(c)) expect('problem' in lexCommand(cmd) ? lexCommand(cmd) : 'ok', where).toBe('ok');
  });
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
