import {
  CreateBucketCommand,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketWebsiteCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../electron/core/checks/registry';
import type { Finding } from '../../electron/core/checks/types';
import type { ChecklistStep } from '../../electron/core/remediation/checklist-schema';
import { checklistsDir, commandArgv, fillChecklist, loadChecklists, placeholderValues, type PlaceholderValues } from '../../electron/core/remediation/checklists';
import { findResourcesDir } from '../../electron/core/paths';
import { runScan, type ScanResult } from '../../electron/core/scan/scan';
import { openDatabase } from '../../electron/core/store/db';
import { startAwsCliSession, type AwsCliResult, type AwsCliSession } from '../helpers/aws-cli-session';
import { isolatedAwsEnv } from '../helpers/cli-run';
import { startLoopbackProxy } from '../helpers/loopback-proxy';
import { MOTO_ACCOUNT, MOTO_ROOT_KEYS, startMoto, type MotoServer } from '../helpers/moto';
import { ALL_SCENARIOS, VOTER_CSV, adminClients, scanIdentities } from '../helpers/s3-scenarios';

/**
 * The checklists' own AWS CLI v2 commands, filled in from a live finding, fix what they say
 * they fix. Each case makes a bucket (or account) fail its check on moto, scans it live with
 * Canvass, works the checklist step by step through Debian's AWS CLI v2 (/usr/bin/aws's own
 * driver, argv without a shell, in a folder holding the checklist's files, with `> file`
 * written where a command saves its output), and scans again: what the checklist's
 * verify.rescan promises must hold.
 *
 * Steps that only read or record run too: their saved output is what the person reads before
 * the manual steps (bucket-policy-before.json becomes bucket-policy-after.json). A manual step
 * that changes something is done here the way its text says, and each case says how, or why
 * the step does not apply to its bucket.
 *
 * moto serves unsigned requests whatever a bucket's settings, so the verify commands with
 * --no-sign-request (which AWS would refuse once the fix holds) only show here that the CLI
 * accepts them; the re-scan is what proves the fix.
 *
 * Nothing leaves the machine: every CLI request goes through a loopback proxy that hands it to
 * moto (S3 Control puts the account id in front of 127.0.0.1, a name that would otherwise be
 * looked up), and the last test checks which hosts were asked for.
 */

const catalogue = loadChecklists(checklistsDir(findResourcesDir()));
const ACCOUNT = `AWS account ${MOTO_ACCOUNT}`;

/**
 * Operations moto 5.2.5 does not serve (it answers 500): read-only steps that save evidence
 * or check a policy. checklists.test.ts validates these commands against the CLI offline.
 */
const MOTO_LACKS: Record<string, string> = {
  'cloudtrail lookup-events': 'moto answers LookupEvents with a 500 (it keeps no CloudTrail event history)',
  'accessanalyzer validate-policy': 'moto has no IAM Access Analyzer',
};

/** How a test stands in for the person doing one step. */
interface Hand {
  /** Runs command `i` of the step, filled in (with these inputs over the case's). */
  run(i: number, inputs?: Record<string, string>): Promise<AwsCliResult | undefined>;
  /** A command of the test's own, for a manual step the checklist gives no command for. */
  cli(argv: string[]): Promise<AwsCliResult>;
  read(file: string): string;
  write(file: string, content: string): void;
  /** The inputs of the case, as filled so far (a step may set one from a command's output). */
  inputs: Record<string, string>;
  values: PlaceholderValues;
}

type StepPlan = { notApplicable: string } | { by: string; run: (h: Hand) => Promise<void> };

interface Case {
  checkId: string;
  /** The name of the finding's resource: a bucket, bucket/key, or the account. */
  resource: string;
  /** Buckets the case makes (created empty, then set up), when they are not scenario buckets. */
  setup?: (s3: S3Client) => Promise<void>;
  /** Inputs whose value comes from this account rather than the checklist's example. */
  inputs?: Record<string, string>;
  /** How each manual step that changes something is done (and any other step done differently). */
  steps?: Record<number, StepPlan>;
  /** What the verify commands must print (stdout and stderr together). */
  verifyShows?: string[];
  /** Why the re-scan cannot pass on moto: the case then asserts that it still fails. */
  motoCannotShow?: string;
  /** Account-wide cases run after the bucket cases have been re-scanned. */
  accountWide?: boolean;
}

// ---------------------------------------------------------------------------------------
// The person's edits of a policy.

interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}
interface Policy {
  Version: string;
  Statement: Statement[];
}

const anyone = (p: unknown) => p === '*' || (typeof p === 'object' && p !== null && (p as { AWS?: unknown }).AWS === '*');
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** bucket-policy-before.json as step 1 saved it, or undefined when the bucket had no policy (the get failed). */
function policyBefore(h: Hand): Policy | undefined {
  const text = h.read('bucket-policy-before.json').trim();
  return text ? (JSON.parse(text) as Policy) : undefined;
}

/**
 * The public-read, public-list and public-write checklists' manual policy step: remove the
 * statements that let anyone (Principal "*") do what `allows` matches; delete the whole policy
 * when nothing else is left (the first command), or put the rest in place (the second).
 */
const removePublicStatements = (allows: RegExp): StepPlan => ({
  by: 'bucket-policy-before.json edited as the step says: its statements letting anyone in are removed, the rest kept',
  run: async (h) => {
    const before = policyBefore(h);
    if (!before) return; // No policy: the step does not apply.
    const kept = before.Statement.filter((s) => !(s.Effect === 'Allow' && anyone(s.Principal) && actions(s).some((a) => allows.test(a))));
    if (kept.length === before.Statement.length) return;
    if (kept.length === 0) {
      await h.run(0);
      return;
    }
    h.write('bucket-policy-after.json', JSON.stringify({ ...before, Statement: kept }, null, 2));
    await h.run(1);
  },
});

const READS = /^(s3:(\*|Get.*)|\*)$/;
const LISTS = /^(s3:(\*|List.*)|\*)$/;
const WRITES = /^(s3:(\*|Put.*|Delete.*)|\*)$/;

const policyDoc = (...Statement: Statement[]): string => JSON.stringify({ Version: '2012-10-17', Statement });
const objects = (b: string) => `arn:aws:s3:::${b}/*`;
const VENDOR = '777788889999';
const vendorRead = (b: string): Statement => ({ Sid: 'BallotPrinterRead', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${VENDOR}:root` }, Action: 's3:GetObject', Resource: objects(b) });
const countyRead = (b: string): Statement => ({ Sid: 'CountyAccountRead', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT}:root` }, Action: 's3:GetObject', Resource: objects(b) });
const put = (s3: S3Client, Bucket: string, Key: string, Body: string) => s3.send(new PutObjectCommand({ Bucket, Key, Body })).then(() => {});
const setPolicy = (s3: S3Client, Bucket: string, Policy: string) => s3.send(new PutBucketPolicyCommand({ Bucket, Policy })).then(() => {});
const wildcardCors = (s3: S3Client, Bucket: string) =>
  s3.send(new PutBucketCorsCommand({ Bucket, CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET'] }] } })).then(() => {});
const scenario = (bucket: string) => ALL_SCENARIOS.find((s) => s.bucket === bucket);

/** The county's other buckets, named as the checklists' examples name them. */
const COUNTY_BUCKETS = ['harlow-county-access-logs', 'harlow-county-voter-data', 'harlow-county-backups'];

const PUBLIC_OBJECT = 'results/precinct turnout (2026).csv';

const CASES: Case[] = [
  {
    checkId: 's3.bucket.block-public-access',
    resource: 'cl-no-bpa',
  },
  {
    checkId: 's3.bucket.public-read',
    // Its one statement is public: the policy is deleted (the step's first command).
    resource: 'cv-public-policy',
    inputs: { SAMPLE_KEY: 'voter-rolls/voter-extract-2026-10.csv', LOG_PREFIX: 'cv-public-policy/' },
    steps: { 4: removePublicStatements(READS) },
    verifyShows: ['NoSuchBucketPolicy', '"BlockPublicAcls": true'],
  },
  {
    checkId: 's3.bucket.public-read',
    // A public statement beside one to keep: the person writes bucket-policy-after.json (the second command).
    resource: 'cl-public-and-county',
    setup: async (s3) => {
      await setPolicy(s3, 'cl-public-and-county', policyDoc({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: objects('cl-public-and-county') }, countyRead('cl-public-and-county')));
      await put(s3, 'cl-public-and-county', 'voter-rolls/voter-extract-2026-10.csv', VOTER_CSV);
    },
    inputs: { SAMPLE_KEY: 'voter-rolls/voter-extract-2026-10.csv' },
    steps: { 4: removePublicStatements(READS) },
    verifyShows: ['"IsPublic": false'],
  },
  {
    checkId: 's3.bucket.public-list',
    // The access list lets anyone list; there is no policy, so step 5 finds nothing to remove.
    resource: 'cv-acl-allusers-read',
    steps: { 5: removePublicStatements(LISTS) },
  },
  {
    checkId: 's3.bucket.public-list',
    resource: 'cl-public-listing-policy',
    setup: (s3) => setPolicy(s3, 'cl-public-listing-policy', policyDoc({ Sid: 'PublicList', Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::cl-public-listing-policy' })),
    steps: { 5: removePublicStatements(LISTS) },
  },
  {
    checkId: 's3.bucket.public-write',
    resource: 'cv-acl-allusers-write',
    steps: {
      5: removePublicStatements(WRITES),
      6: { notApplicable: 'the bucket was made writable by this test a moment ago: nothing was added, changed or deleted by strangers' },
    },
  },
  {
    checkId: 's3.bucket.public-write',
    resource: 'cl-public-upload',
    setup: (s3) =>
      setPolicy(s3, 'cl-public-upload', policyDoc({ Sid: 'AnyoneUploads', Effect: 'Allow', Principal: '*', Action: ['s3:PutObject'], Resource: objects('cl-public-upload') }, countyRead('cl-public-upload'))),
    steps: {
      5: removePublicStatements(WRITES),
      6: { notApplicable: 'the bucket holds nothing: no file to compare' },
    },
  },
  {
    checkId: 's3.bucket.authenticated-users',
    resource: 'cv-acl-authenticated',
  },
  {
    checkId: 's3.bucket.policy-status-disagrees',
    // aws:SourceIp 0.0.0.0/0: Canvass says public; moto says not (it counts any Condition as
    // not public). On AWS both would say public: this disagreement is the one moto can show.
    resource: 'cv-policy-any-ip',
    steps: {
      2: {
        by: "AWS's verdict in policy-status-before.json decides, as the step says: the command only when IsPublic is true",
        run: async (h) => {
          if ((JSON.parse(h.read('policy-status-before.json')) as { PolicyStatus: { IsPublic: boolean } }).PolicyStatus.IsPublic) await h.run(0);
        },
      },
      3: {
        by: "the engineer learns the statement was meant for the county office's network and rewrites 0.0.0.0/0 as 198.51.100.0/24 in bucket-policy-after.json",
        run: async (h) => {
          const before = policyBefore(h)!;
          const after = JSON.stringify(before).replaceAll('0.0.0.0/0', '198.51.100.0/24');
          expect(after).not.toBe(JSON.stringify(before));
          h.write('bucket-policy-after.json', after);
          await h.run(0);
        },
      },
    },
    verifyShows: ['"IsPublic": false'],
  },
  {
    checkId: 's3.bucket.cross-account',
    // Its one statement is a share with a vendor whose contract ended: no statement is left.
    resource: 'cv-vendor-share',
    steps: {
      3: { by: 'the clerk decided in step 2 to end the share with the vendor account', run: writeWithoutShares },
      4: { by: 'the policy is deleted (first command) when no statement is left, else put in place (second)', run: async (h) => putOrDelete(h) },
    },
    verifyShows: ['NoSuchBucketPolicy'],
  },
  {
    checkId: 's3.bucket.cross-account',
    resource: 'cl-vendor-and-county',
    setup: (s3) => setPolicy(s3, 'cl-vendor-and-county', policyDoc(vendorRead('cl-vendor-and-county'), countyRead('cl-vendor-and-county'))),
    steps: {
      3: { by: 'the clerk decided in step 2 to end the share with the vendor account; the county statement stays', run: writeWithoutShares },
      4: { by: 'the policy is deleted (first command) when no statement is left, else put in place (second)', run: async (h) => putOrDelete(h) },
    },
    verifyShows: ['CountyAccountRead'],
  },
  {
    checkId: 's3.bucket.acls-enabled',
    resource: 'cl-acls-on',
    steps: { 2: { notApplicable: "the bucket's access list grants only the owner (a new bucket)" } },
    verifyShows: ['BucketOwnerEnforced'],
  },
  {
    checkId: 's3.bucket.website',
    resource: 'cl-results-site',
    setup: async (s3) => {
      await s3.send(new PutBucketWebsiteCommand({ Bucket: 'cl-results-site', WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' } } }));
      await put(s3, 'cl-results-site', 'index.html', '<h1>Unofficial results</h1>');
    },
    steps: {
      3: { notApplicable: 'the site holds only its index page, which was meant to be public' },
      5: { notApplicable: 'the clerk decided the site is not wanted (step 4)' },
    },
    verifyShows: ['NoSuchWebsiteConfiguration'],
  },
  {
    checkId: 's3.bucket.cors-wildcard',
    resource: 'cl-cors-unused',
    setup: (s3) => wildcardCors(s3, 'cl-cors-unused'),
    steps: { 4: { notApplicable: 'no site needs the rules: they were deleted (step 3)' } },
    verifyShows: ['NoSuchCORSConfiguration'],
  },
  {
    checkId: 's3.bucket.cors-wildcard',
    resource: 'cl-cors-site',
    setup: (s3) => wildcardCors(s3, 'cl-cors-site'),
    steps: { 3: { notApplicable: "the county's results site needs the rules: they are limited to it (step 4)" } },
    verifyShows: ['https://results.harlowcounty.example.gov'],
  },
  {
    checkId: 's3.bucket.secure-transport',
    resource: 'cl-no-tls-policy',
    steps: { 3: { notApplicable: 'the bucket had no policy: step 2 put one in place' } },
    verifyShows: ['DenyInsecureTransport'],
  },
  {
    checkId: 's3.bucket.default-encryption',
    resource: 'cl-sse-s3',
    setup: async (s3) => {
      await s3.send(new PutBucketEncryptionCommand({ Bucket: 'cl-sse-s3', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }));
      await put(s3, 'cl-sse-s3', 'exports/absentee-requests.csv', VOTER_CSV);
    },
    steps: {
      3: {
        by: 'the commands as written; <KMS_KEY_ARN> is the Arn that create-key prints, as the person reads it',
        run: async (h) => {
          const created = await h.run(0);
          h.inputs.KMS_KEY_ARN = (JSON.parse(created!.stdout) as { KeyMetadata: { Arn: string } }).KeyMetadata.Arn;
          await h.run(1);
          await h.run(2);
        },
      },
      4: { notApplicable: 'moto does not enforce key permissions; on AWS, every reader of the bucket gets kms:Decrypt and kms:GenerateDataKey first' },
    },
    verifyShows: ['aws:kms'],
  },
  {
    checkId: 's3.bucket.versioning',
    resource: 'cl-unversioned',
    verifyShows: ['"Status": "Enabled"'],
  },
  {
    checkId: 's3.bucket.mfa-delete',
    resource: 'cv-versioned',
    motoCannotShow:
      'moto accepts PutBucketVersioning with MFADelete=Enabled and the MFA header, then drops MFADelete (GetBucketVersioning never returns it); on AWS only the root user with its MFA device can run the command',
  },
  {
    checkId: 's3.bucket.object-lock',
    // Empty: moto refuses object lock on a bucket that holds files ("Bucket needs to be
    // empty"), which AWS stopped requiring in 2023 (versioning on is enough).
    resource: 'cl-unlocked',
    steps: {
      4: {
        by: 'the record is stored after step 3 (the bucket had to be empty on moto), then the command gives it its retention',
        run: async (h) => {
          h.write('record.pdf', 'a stand-in for the signed canvass report');
          await h.cli(['s3api', 'put-object', '--bucket', h.values.bucket!, '--key', h.inputs.RECORD_KEY, '--body', 'record.pdf']);
          await h.run(0);
        },
      },
    },
    verifyShows: ['"Days": 730'],
  },
  {
    checkId: 's3.bucket.access-logging',
    resource: 'cl-unlogged',
    steps: {
      1: { by: "the county's log bucket harlow-county-access-logs exists, private (made by this test)", run: async () => {} },
      2: { notApplicable: 'the command-line way: steps 3 and 4' },
      3: {
        by: 'the statement of log-delivery-statement.json becomes the log bucket\'s policy (it had none), put in place with the test\'s own command',
        run: async (h) => {
          const statement = JSON.parse(h.read('log-delivery-statement.json')) as Statement;
          h.write('log-bucket-policy.json', policyDoc(statement));
          await h.cli(['s3api', 'put-bucket-policy', '--bucket', h.inputs.LOG_BUCKET, '--policy', 'file://log-bucket-policy.json']);
        },
      },
    },
    verifyShows: ['"TargetBucket": "harlow-county-access-logs"'],
  },
  {
    checkId: 's3.bucket.lifecycle',
    // Its one rule is switched off; the checklist's rules replace it.
    resource: 'cv-rules-disabled',
    verifyShows: ['abort-incomplete-uploads-after-7-days'],
  },
  {
    checkId: 's3.bucket.replication',
    resource: 'cv-rules-disabled',
    steps: {
      2: {
        by: 'the destination bucket is made with versioning on, in the same moto account (there is no second account here)',
        run: async (h) => {
          await h.cli(['s3api', 'create-bucket', '--bucket', h.inputs.DESTINATION_BUCKET]);
          await h.cli(['s3api', 'put-bucket-versioning', '--bucket', h.inputs.DESTINATION_BUCKET, '--versioning-configuration', 'Status=Enabled']);
        },
      },
      5: { notApplicable: 'the bucket holds no files yet' },
    },
    verifyShows: ['copy-to-second-account'],
  },
  {
    checkId: 's3.bucket.event-notifications',
    resource: 'cl-silent',
    steps: { 4: { notApplicable: 'the e-mail alert (SNS and an EventBridge rule) is beyond the bucket; step 3 is what the check reads' } },
    motoCannotShow:
      'moto 5.2.5 accepts EventBridgeConfiguration and stores it, but GetBucketNotificationConfiguration never returns it (only topic, queue and Lambda configurations), so the bucket still reads as sending nothing',
  },
  {
    checkId: 's3.bucket.voter-data',
    resource: 'cv-state-extract',
    inputs: { OBJECT_KEY: 'exports/county41-extract.txt' },
    steps: { 6: { notApplicable: 'the one voter file was moved to the voter-data bucket (step 5)' } },
  },
  {
    checkId: 's3.bucket.sensitive-files',
    resource: 'cv-backups',
    steps: {
      2: { notApplicable: 'the key file is a stand-in that nothing uses; on AWS its owner replaces the key first' },
      3: { by: 'the command, for the private key', run: async (h) => void (await h.run(0, { OBJECT_KEY: 'sftp/county-upload.pem' })) },
      4: { by: 'the command, for the database dump', run: async (h) => void (await h.run(0, { OBJECT_KEY: 'eims/nightly-2026-10-31.sql.gz' })) },
    },
  },
  {
    checkId: 's3.object.public-acl',
    // A key that needs quoting in a shell: the finding fills {key}.
    resource: `cl-public-object/${PUBLIC_OBJECT}`,
    setup: (s3) => s3.send(new PutObjectCommand({ Bucket: 'cl-public-object', Key: PUBLIC_OBJECT, Body: 'PRECINCT,TURNOUT\nHC-101,0.61\n', ACL: 'public-read' })).then(() => {}),
  },
  {
    checkId: 'creds.scan-identity.long-lived',
    // The first scan signs with the IAM user canvass-scanner's access keys; the re-scan with the
    // new sign-in's temporary credentials (profile canvass-scan, below), since the check reads
    // who signs. That the old keys are gone is what the verify command's empty list proves.
    resource: ACCOUNT,
    inputs: { SSO_PROFILE: 'canvass-scan', IAM_USER: 'canvass-scanner' },
    steps: {
      1: {
        by: 'IAM Identity Center is not in moto: the role canvass-audit, which canvass-scanner assumes, stands for the permission set and gets the policy of canvass-read-only.json (the test\'s own command)',
        run: async (h) => {
          await h.cli(['iam', 'put-role-policy', '--role-name', 'canvass-audit', '--policy-name', 'canvass-read-only', '--policy-document', 'file://canvass-read-only.json']);
        },
      },
      2: {
        by: "aws configure sso and aws sso login ask questions and open a browser; moto has no IAM Identity Center. What they leave, a profile with the role's temporary credentials, is written before the CLI starts",
        run: async () => {},
      },
      4: {
        by: 'the commands as written; <ACCESS_KEY_ID> is the key id that list-access-keys prints, as the person reads it',
        run: async (h) => {
          const listed = await h.run(0);
          h.inputs.ACCESS_KEY_ID = (JSON.parse(listed!.stdout) as { AccessKeyMetadata: Array<{ AccessKeyId: string }> }).AccessKeyMetadata[0].AccessKeyId;
          await h.run(1);
        },
      },
      7: { notApplicable: 'the scan used an IAM user, not the root user' },
    },
    verifyShows: ['assumed-role/canvass-audit/canvass-scan', '"AccessKeyMetadata": []'],
  },
  {
    checkId: 's3.account.block-public-access',
    resource: ACCOUNT,
    accountWide: true,
    steps: { 2: { notApplicable: "no bucket of this account has to stay public: the public ones are this test's failing buckets" } },
    verifyShows: ['"RestrictPublicBuckets": true'],
  },
];

/** cross-account step 3: bucket-policy-after.json without the statements that name the vendor's account, then its check. */
async function writeWithoutShares(h: Hand): Promise<void> {
  const before = policyBefore(h)!;
  const kept = before.Statement.filter((s) => !JSON.stringify(s.Principal ?? '').includes(VENDOR));
  expect(kept.length).toBeLessThan(before.Statement.length);
  h.write('bucket-policy-after.json', JSON.stringify({ ...before, Statement: kept }, null, 2));
  await h.run(0);
}

async function putOrDelete(h: Hand): Promise<void> {
  const after = JSON.parse(h.read('bucket-policy-after.json')) as Policy;
  await h.run(after.Statement.length === 0 ? 0 : 1);
}

/** Buckets the cases make themselves (the scenario buckets come from s3-scenarios). */
const OWN_BUCKETS = [...new Set(CASES.filter((c) => c.resource !== ACCOUNT && !scenario(c.resource.split('/')[0])).map((c) => c.resource.split('/')[0]))];
const SCENARIO_BUCKETS = [...new Set(CASES.map((c) => c.resource.split('/')[0]).filter((b) => scenario(b)))];

/**
 * Checklists with a command that changes something but no case here, and why. The test
 * below fails for a checklist of a check Canvass runs that has neither.
 */
const NOT_RUN: Record<string, string> = {
  'local.credential.aws-access-key': 'its commands act on IAM and its re-check reads a file: tests/integration/checklist-local-key.test.ts works it on moto',
  'local.credential.azure-storage': 'its commands are az (Azure), which neither moto nor this machine has',
  'local.credential.gcp-service-account': 'its commands are gcloud (Google Cloud), which neither moto nor this machine has',
  'local.credential.presigned-url': 'its one changing command (aws s3 mv of the linked object) is plain S3 that moto serves, but the re-check reads the file holding the link, which the step does not change: the link stays in the file until the person removes it by hand',
};

// ---------------------------------------------------------------------------------------

interface Worked {
  before?: Finding;
  after?: Finding;
  /** Every command run, with its exit code, or why it was not run. */
  log: string[];
  /** Commands that did not do what the step needs. */
  problems: string[];
  /** stdout and stderr of the verify commands. */
  verifyOutput: string;
}

describe("the checklists' AWS CLI v2 commands fix their check on moto", () => {
  let moto: MotoServer;
  let proxy: Awaited<ReturnType<typeof startLoopbackProxy>>;
  let cli: AwsCliSession;
  const work = mkdtempSync(path.join(os.tmpdir(), 'canvass-checklist-cmds-'));
  const db = openDatabase(path.join(work, 'c.db'));
  const worked = new Map<Case, Worked>();
  let scans: { before: ScanResult; buckets: ScanResult; account: ScanResult };

  beforeAll(async () => {
    moto = await startMoto();
    proxy = await startLoopbackProxy(moto.port);
    const identities = await scanIdentities(moto.endpoint);
    const { s3 } = adminClients(moto.endpoint);
    for (const b of [...SCENARIO_BUCKETS, ...OWN_BUCKETS, ...COUNTY_BUCKETS]) await s3.send(new CreateBucketCommand({ Bucket: b }));
    for (const b of SCENARIO_BUCKETS) await scenario(b)!.setup(s3);
    for (const c of CASES) {
      await c.setup?.(s3).catch((e: Error) => {
        throw new Error(`setting up ${c.resource} for ${c.checkId}: ${e.name} ${e.message}`);
      });
    }
    s3.destroy();

    // What `aws configure sso` and `aws sso login` would leave: a profile that signs in as the role.
    const role = identities['assumed-role'];
    const env = cliEnv(proxy.url);
    mkdirSync(path.dirname(env.AWS_CONFIG_FILE!), { recursive: true });
    writeFileSync(
      env.AWS_CONFIG_FILE!,
      `[profile canvass-scan]\nregion = us-east-1\naws_access_key_id = ${role.accessKeyId}\naws_secret_access_key = ${role.secretAccessKey}\naws_session_token = ${role.sessionToken}\n`,
    );
    cli = startAwsCliSession(env);

    const scan = (credentials: typeof role) =>
      runScan(
        db,
        { jurisdiction: 'Test County', auditor: 'Pat Clerk', sources: [{ kind: 'live', options: { endpoint: moto.endpoint, pathStyle: true, region: 'us-east-1', credentials } }] },
        { resourcesDir: findResourcesDir() },
      );
    const before = await scan(identities['iam-user-keys']);
    for (const c of CASES.filter((x) => !x.accountWide)) worked.set(c, await workChecklist(c, before));
    const buckets = await scan(role);
    for (const c of CASES.filter((x) => x.accountWide)) worked.set(c, await workChecklist(c, before));
    const account = await scan(role);
    scans = { before, buckets, account };
  }, 240_000);

  afterAll(async () => {
    db.close();
    await cli?.close();
    await proxy?.stop();
    await moto?.stop();
  });

  /** The case's checklist, worked step by step in a folder of its own. */
  async function workChecklist(c: Case, before: ScanResult): Promise<Worked> {
    const checklist = catalogue.checklists.get(c.checkId)!;
    const w: Worked = { before: findingOf(before, c.checkId, c.resource), log: [], problems: [], verifyOutput: '' };
    if (!w.before) {
      w.problems.push(`the first scan has no ${c.checkId} finding for ${c.resource}`);
      return w;
    }
    const values = placeholderValues(w.before.resource, MOTO_ACCOUNT);
    const inputs: Record<string, string> = { ...Object.fromEntries((checklist.inputs ?? []).map((i) => [i.name, i.example])), ...c.inputs };
    const cwd = mkdtempSync(path.join(work, `${c.checkId}-`));
    for (const f of fillChecklist(checklist, values, inputs).files) if (f.content !== undefined) writeFileSync(path.join(cwd, f.name), f.content);

    const global = ['--endpoint-url', moto.endpoint, '--region', 'us-east-1'];
    const runTemplate = async (where: string, template: string, mustSucceed: boolean, over: Record<string, string> = {}): Promise<AwsCliResult | undefined> => {
      const { argv, redirect } = commandArgv(template, values, { ...inputs, ...over });
      const op = `${argv[1]} ${argv[2]}`;
      if (MOTO_LACKS[op]) {
        w.log.push(`${where}: not run: ${MOTO_LACKS[op]}`);
        return undefined;
      }
      const r = await cli.run([...global, ...argv.slice(1)], cwd);
      if (redirect) writeFileSync(path.join(cwd, redirect), r.stdout);
      w.log.push(`${where}: ${argv.slice(1, 3).join(' ')} exited ${r.rc}`);
      // A step that only reads may meet an error the service answers (no policy yet: 254).
      const ok = r.rc === 0 || (!mustSucceed && r.rc === 254);
      if (!ok) w.problems.push(`${where}: ${template}\n  exited ${r.rc}: ${r.stderr.trim().slice(0, 400)}`);
      return r;
    };
    const hand = (s: ChecklistStep): Hand => ({
      run: (i, over) => runTemplate(`step ${s.n}`, s.cli![i], s.changes, over),
      cli: async (argv) => {
        const r = await cli.run([...global, ...argv], cwd);
        w.log.push(`step ${s.n} (test's own command): ${argv.slice(0, 2).join(' ')} exited ${r.rc}`);
        if (r.rc !== 0) w.problems.push(`step ${s.n}, the test's own command aws ${argv.join(' ')}\n  exited ${r.rc}: ${r.stderr.trim().slice(0, 400)}`);
        return r;
      },
      read: (f) => readFileSync(path.join(cwd, f), 'utf8'),
      write: (f, content) => writeFileSync(path.join(cwd, f), content),
      inputs,
      values,
    });

    for (const s of checklist.steps) {
      const plan = c.steps?.[s.n];
      if (plan && 'notApplicable' in plan) {
        w.log.push(`step ${s.n}: not applicable: ${plan.notApplicable}`);
      } else if (plan) {
        w.log.push(`step ${s.n}: ${plan.by}`);
        try {
          await plan.run(hand(s));
        } catch (e) {
          w.problems.push(`step ${s.n}: ${(e as Error).message}`);
        }
      } else if (s.manual && s.changes) {
        w.problems.push(`step ${s.n} is manual and changes something: the case must say how it is done, or why it does not apply`);
      } else if (!s.manual) {
        for (const [i, template] of (s.cli ?? []).entries()) await runTemplate(`step ${s.n}${s.cli!.length > 1 ? ` command ${i + 1}` : ''}`, template, s.changes);
      }
    }
    for (const template of checklist.verify.cli ?? []) {
      const r = await runTemplate('verify', template, false);
      if (r) w.verifyOutput += r.stdout + r.stderr;
    }
    return w;
  }

  const findingOf = (r: ScanResult, checkId: string, resource: string) => r.findings.find((f) => f.checkId === checkId && f.resource.name === resource);

  for (const c of CASES) {
    const verb = c.motoCannotShow ? 'is accepted, but moto cannot show the re-scan passing' : 'and the re-scan passes';
    it(`${c.checkId} on ${c.resource}: fails, the checklist is worked, ${verb}`, () => {
      const w = worked.get(c)!;
      expect(w.before?.status, `${c.checkId} before the checklist, on ${c.resource}: ${w.before?.detail}`).toBe('fail');
      expect(w.problems, w.log.join('\n')).toEqual([]);
      for (const text of c.verifyShows ?? []) expect(w.verifyOutput, 'what the verify commands print').toContain(text);

      const after = c.accountWide ? scans.account : scans.buckets;
      const claims = rescanClaims(c, w.before!.resource.name);
      expect(claims.map((x) => x.checkId), 'the checklist promises its own check passes').toContain(c.checkId);
      for (const claim of claims) {
        const f = findingOf(after, claim.checkId, claim.resource);
        if (c.motoCannotShow && claim.checkId === c.checkId) {
          // Still failing: when moto starts keeping the setting, this case must prove the pass instead.
          expect(f?.status, `${claim.checkId} on ${claim.resource} after the checklist (${c.motoCannotShow})`).toBe('fail');
        } else {
          expect(f?.status, `${claim.checkId} on ${claim.resource} after the checklist: ${f?.detail}`).toBe('pass');
        }
      }
    });
  }

  /** What verify.rescan promises: "X passes for bucket {bucket}", "for account {account}", "for {bucket}/{key}", "for every bucket", "Y passes too". */
  function rescanClaims(c: Case, resource: string): Array<{ checkId: string; resource: string }> {
    const rescan = catalogue.checklists.get(c.checkId)!.verify.rescan;
    const bucket = resource.split('/')[0];
    const out: Array<{ checkId: string; resource: string }> = [];
    for (const m of rescan.matchAll(/\b((?:s3|creds)\.[a-z-]+(?:\.[a-z-]+)+) passes (for bucket \{bucket\}|for account \{account\}|for \{bucket\}\/\{key\}|for every bucket|too)/g)) {
      const where = m[2];
      if (where === 'for every bucket') {
        const all = [...new Set(scans.account.findings.filter((f) => f.resource.type === 'bucket').map((f) => f.resource.name))];
        for (const b of all) out.push({ checkId: m[1], resource: b });
      } else {
        const r = where === 'for account {account}' ? ACCOUNT : where === 'for {bucket}/{key}' ? resource : where === 'too' ? (out[out.length - 1]?.resource ?? bucket) : bucket;
        out.push({ checkId: m[1], resource: r });
      }
    }
    return out;
  }

  it("every checklist whose commands change something, for a check Canvass runs, has a case here (or says why not)", () => {
    const changesByCommand = [...catalogue.checklists.values()].filter((c) => c.steps.some((s) => s.changes && s.cli?.length));
    const covered = new Set(CASES.map((c) => c.checkId));
    const missing = changesByCommand.map((c) => c.checkId).filter((id) => !covered.has(id) && !NOT_RUN[id]);
    expect(missing).toEqual([]);
    const checksRun = new Set(CHECKS.map((c) => c.meta.id));
    // Every excuse is for a checklist that exists, and every case for a check Canvass runs.
    expect(Object.keys(NOT_RUN).filter((id) => !catalogue.checklists.has(id))).toEqual([]);
    expect(CASES.map((c) => c.checkId).filter((id) => !checksRun.has(id))).toEqual([]);
  });

  it('sent every CLI request to moto through the loopback proxy: nothing was looked up or left the machine', () => {
    const hosts = proxy.hosts();
    expect(hosts.length).toBeGreaterThan(50);
    expect(hosts.filter((h) => !new RegExp(`^(${MOTO_ACCOUNT}\\.)?127\\.0\\.0\\.1:${moto.port}$`).test(h))).toEqual([]);
    // S3 Control's account-id host went through the proxy, not to DNS.
    expect(hosts).toContain(`${MOTO_ACCOUNT}.127.0.0.1:${moto.port}`);
  });
});

/**
 * The AWS CLI's environment: moto's root keys, no AWS setting of the machine's, and every
 * request (http or https, any host) to the loopback proxy; no proxy exceptions.
 */
function cliEnv(proxyUrl: string): NodeJS.ProcessEnv {
  const env = isolatedAwsEnv({ AWS_ACCESS_KEY_ID: MOTO_ROOT_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: MOTO_ROOT_KEYS.secretAccessKey });
  for (const k of Object.keys(env)) if (/_proxy$/i.test(k)) delete env[k];
  return { ...env, HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl, http_proxy: proxyUrl, https_proxy: proxyUrl };
}
