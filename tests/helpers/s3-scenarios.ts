import {
  CreateBucketCommand,
  GetBucketAclCommand,
  PutBucketAclCommand,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketLoggingCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketReplicationCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutBucketWebsiteCommand,
  PutObjectCommand,
  PutObjectLockConfigurationCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  type Grant,
} from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { ipEndpointProvider } from '../../electron/core/collect/live/ip-endpoint';
import { MOTO_ACCOUNT, MOTO_ROOT_KEYS } from './moto';

/**
 * Buckets set up through the AWS SDK (not through Canvass) for each exposure and protection
 * scenario, with the verdicts the checks must give them. moto stores what it is told and
 * enforces no Block Public Access, so public grants can coexist with BPA here, as they do on
 * buckets made public before BPA was turned on.
 */

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** Plain SDK clients, the way a county's IT would make changes (not the scanning clients). */
export function adminClients(endpoint: string, credentials: Credentials = MOTO_ROOT_KEYS) {
  return {
    s3: new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials }),
    s3control: new S3ControlClient({ endpoint, region: 'us-east-1', credentials, endpointProvider: ipEndpointProvider(endpoint) }),
  };
}

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const LOG_DELIVERY = 'http://acs.amazonaws.com/groups/s3/LogDelivery';
const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

export const VOTER_CSV =
  'VOTER_ID,LAST_NAME,FIRST_NAME,DATE_OF_BIRTH,RES_ADDRESS,RES_ZIP,PARTY,PRECINCT,REGISTRATION_DATE\n' +
  '836792451,ZULSEVQUIST,MORZUL,10/18/1963,4036 VESPERFALL AVE,00041,UNA,HC-101,12/10/1994\n' +
  '602871067,CASNYQUIST,NYARAA,06/01/1996,803 MARROWBEND RD,00041,DEM,HC-214,08/08/2009\n';

const publicReadPolicy = (b: string) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${b}/*` }],
});

/** Grants, one per permission (moto reads back only the first permission of a canned ACL). */
async function grant(s3: S3Client, Bucket: string, grants: Array<{ uri: string; permission: string }>) {
  const { Owner } = await s3.send(new GetBucketAclCommand({ Bucket }));
  const Grants: Grant[] = [
    { Grantee: { Type: 'CanonicalUser', ID: Owner?.ID }, Permission: 'FULL_CONTROL' },
    ...grants.map((g) => ({ Grantee: { Type: 'Group' as const, URI: g.uri }, Permission: g.permission as Grant['Permission'] })),
  ];
  await s3.send(new PutBucketAclCommand({ Bucket, AccessControlPolicy: { Owner, Grants } }));
}

const policy = (s3: S3Client, Bucket: string, doc: object) => s3.send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify(doc) }));

export type Expected = Record<string, 'fail' | 'pass' | 'unknown' | 'not_applicable'>;

export interface Scenario {
  bucket: string;
  setup: (s3: S3Client) => Promise<void>;
  /** Bucket checks' verdicts with no account-level Block Public Access. */
  expected: Expected;
  /** Where account-level Block Public Access (all four on) changes them. */
  withAccountBpa?: Expected;
  /** Object checks' verdicts, by object key (the finding's resource is bucket/key). */
  objects?: Record<string, { expected: Expected; withAccountBpa?: Expected }>;
}

export const SCENARIOS: Scenario[] = [
  {
    bucket: 'cv-private',
    setup: async () => {},
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
      's3.bucket.sensitive-files': 'pass',
      's3.bucket.authenticated-users': 'pass',
      's3.bucket.cross-account': 'pass',
      's3.bucket.policy-status-disagrees': 'not_applicable',
      // A new bucket on moto has no Object Ownership setting: ACLs are on.
      's3.bucket.acls-enabled': 'fail',
      's3.bucket.website': 'pass',
      's3.bucket.cors-wildcard': 'pass',
      's3.bucket.object-lock': 'fail',
      's3.bucket.mfa-delete': 'fail',
      's3.bucket.lifecycle': 'fail',
      's3.bucket.replication': 'fail',
      's3.bucket.event-notifications': 'fail',
    },
    withAccountBpa: { 's3.bucket.block-public-access': 'pass' },
  },
  {
    bucket: 'cv-public-policy',
    setup: async (s3) => {
      await policy(s3, 'cv-public-policy', publicReadPolicy('cv-public-policy'));
      await s3.send(new PutObjectCommand({ Bucket: 'cv-public-policy', Key: 'voter-rolls/voter-extract-2026-10.csv', Body: VOTER_CSV }));
    },
    expected: {
      's3.bucket.public-read': 'fail',
      's3.bucket.public-list': 'pass',
      's3.bucket.public-write': 'pass',
      's3.bucket.voter-data': 'fail',
      's3.bucket.sensitive-files': 'pass',
      's3.bucket.secure-transport': 'fail',
      // moto 5.2.5 and Canvass both say public: a plain Principal "*" Allow.
      's3.bucket.policy-status-disagrees': 'pass',
      // Its one statement is public, which the public-* checks report; it names no other account.
      's3.bucket.cross-account': 'pass',
    },
    withAccountBpa: { 's3.bucket.public-read': 'pass', 's3.bucket.voter-data': 'fail' },
    // The object itself carries the default (owner-only) ACL: the bucket policy is what exposes it.
    objects: { 'voter-rolls/voter-extract-2026-10.csv': { expected: { 's3.object.public-acl': 'pass' } } },
  },
  {
    bucket: 'cv-acl-allusers-read',
    setup: (s3) => grant(s3, 'cv-acl-allusers-read', [{ uri: ALL_USERS, permission: 'READ' }]),
    expected: { 's3.bucket.public-list': 'fail', 's3.bucket.public-write': 'pass', 's3.bucket.acls-enabled': 'fail' },
    withAccountBpa: { 's3.bucket.public-list': 'pass' },
  },
  {
    bucket: 'cv-acl-allusers-write',
    setup: (s3) => grant(s3, 'cv-acl-allusers-write', [{ uri: ALL_USERS, permission: 'WRITE' }, { uri: ALL_USERS, permission: 'READ_ACP' }]),
    expected: { 's3.bucket.public-write': 'fail', 's3.bucket.public-list': 'pass' },
    withAccountBpa: { 's3.bucket.public-write': 'pass' },
  },
  {
    bucket: 'cv-acl-authenticated',
    setup: (s3) => grant(s3, 'cv-acl-authenticated', [{ uri: AUTHENTICATED_USERS, permission: 'READ' }]),
    expected: { 's3.bucket.authenticated-users': 'fail' },
    withAccountBpa: { 's3.bucket.authenticated-users': 'pass' },
  },
  {
    bucket: 'cv-bucket-bpa',
    setup: async (s3) => {
      await policy(s3, 'cv-bucket-bpa', publicReadPolicy('cv-bucket-bpa'));
      await grant(s3, 'cv-bucket-bpa', [{ uri: ALL_USERS, permission: 'READ' }]);
      await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'cv-bucket-bpa', PublicAccessBlockConfiguration: ALL_ON }));
    },
    expected: {
      's3.bucket.public-read': 'pass',
      's3.bucket.public-list': 'pass',
      's3.bucket.public-write': 'pass',
      's3.bucket.block-public-access': 'pass',
    },
  },
  {
    bucket: 'cv-versioned',
    setup: (s3) => s3.send(new PutBucketVersioningCommand({ Bucket: 'cv-versioned', VersioningConfiguration: { Status: 'Enabled' } })).then(() => {}),
    expected: { 's3.bucket.versioning': 'pass', 's3.bucket.mfa-delete': 'fail' },
  },
  {
    bucket: 'cv-logs',
    // The log target must let the LogDelivery group write (moto checks, as S3 did).
    setup: (s3) => grant(s3, 'cv-logs', [{ uri: LOG_DELIVERY, permission: 'WRITE' }, { uri: LOG_DELIVERY, permission: 'READ_ACP' }]),
    expected: { 's3.bucket.access-logging': 'fail' },
  },
  {
    bucket: 'cv-logged',
    setup: (s3) =>
      s3
        .send(new PutBucketLoggingCommand({ Bucket: 'cv-logged', BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'cv-logs', TargetPrefix: 'cv-logged/' } } }))
        .then(() => {}),
    expected: { 's3.bucket.access-logging': 'pass' },
  },
  {
    bucket: 'cv-kms',
    setup: (s3) =>
      s3
        .send(
          new PutBucketEncryptionCommand({
            Bucket: 'cv-kms',
            ServerSideEncryptionConfiguration: {
              Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: `arn:aws:kms:us-east-1:${MOTO_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` }, BucketKeyEnabled: true }],
            },
          }),
        )
        .then(() => {}),
    expected: { 's3.bucket.default-encryption': 'pass' },
  },
  {
    bucket: 'cv-sse-s3',
    setup: (s3) =>
      s3
        .send(new PutBucketEncryptionCommand({ Bucket: 'cv-sse-s3', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }))
        .then(() => {}),
    expected: { 's3.bucket.default-encryption': 'fail' },
  },
  {
    bucket: 'cv-tls-only',
    setup: (s3) =>
      policy(s3, 'cv-tls-only', {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: ['arn:aws:s3:::cv-tls-only', 'arn:aws:s3:::cv-tls-only/*'],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }).then(() => {}),
    expected: {
      's3.bucket.secure-transport': 'pass',
      's3.bucket.public-read': 'pass',
      // A Deny grants nothing: moto and Canvass agree the policy is not public, and it shares nothing.
      's3.bucket.policy-status-disagrees': 'pass',
      's3.bucket.cross-account': 'pass',
    },
  },
  {
    bucket: 'cv-records-retention',
    setup: configureEverythingElse,
    expected: {
      's3.bucket.acls-enabled': 'pass',
      's3.bucket.object-lock': 'pass',
      's3.bucket.lifecycle': 'pass',
      's3.bucket.replication': 'pass',
      's3.bucket.event-notifications': 'pass',
      's3.bucket.website': 'fail',
      's3.bucket.cors-wildcard': 'fail',
    },
  },
  {
    bucket: 'cv-public-object',
    setup: async (s3) => {
      await s3.send(new PutObjectCommand({ Bucket: 'cv-public-object', Key: 'results/precinct-results.csv', Body: 'PRECINCT,VOTES\nP1,120\n', ACL: 'public-read' }));
    },
    expected: {},
    objects: { 'results/precinct-results.csv': { expected: { 's3.object.public-acl': 'fail' }, withAccountBpa: { 's3.object.public-acl': 'pass' } } },
  },
];

/** The configuration calls the other scenarios leave unset, all set on one bucket. */
async function configureEverythingElse(s3: S3Client) {
  const Bucket = 'cv-records-retention';
  await s3.send(new PutBucketOwnershipControlsCommand({ Bucket, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
  await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(
    new PutObjectLockConfigurationCommand({ Bucket, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 670 } } } }),
  );
  await s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket,
      LifecycleConfiguration: { Rules: [{ ID: 'to-glacier', Status: 'Enabled', Filter: { Prefix: '' }, Transitions: [{ Days: 120, StorageClass: 'GLACIER' }] }] },
    }),
  );
  await s3.send(
    new PutBucketReplicationCommand({
      Bucket,
      ReplicationConfiguration: {
        Role: `arn:aws:iam::${MOTO_ACCOUNT}:role/replication`,
        Rules: [{ ID: 'to-dr', Priority: 1, Status: 'Enabled', Filter: { Prefix: '' }, DeleteMarkerReplication: { Status: 'Disabled' }, Destination: { Bucket: 'arn:aws:s3:::cv-versioned' } }],
      },
    }),
  );
  // moto keeps an EventBridgeConfiguration but never returns it: a queue it is.
  await s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket,
      NotificationConfiguration: { QueueConfigurations: [{ Id: 'records-removed', QueueArn: `arn:aws:sqs:us-east-1:${MOTO_ACCOUNT}:records-alerts`, Events: ['s3:ObjectRemoved:*'] }] },
    }),
  );
  await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'Department', Value: 'Elections' }] } }));
  await s3.send(new PutBucketWebsiteCommand({ Bucket, WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' } } }));
  await s3.send(
    new PutBucketCorsCommand({ Bucket, CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'], AllowedHeaders: ['*'], MaxAgeSeconds: 3000 }] } }),
  );
}

/** A policy with one Allow statement on the bucket's objects. */
const allowObjects = (Bucket: string, Sid: string, Principal: unknown, Condition?: object) => ({
  Version: '2012-10-17',
  Statement: [{ Sid, Effect: 'Allow', Principal, Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*`, ...(Condition ? { Condition } : {}) }],
});

/** Another AWS account (a vendor's), fixed, never one moto serves. */
export const OTHER_ACCOUNT = '777788889999';

/**
 * A state voter-file layout (North Carolina's ncvoter extract: tab-separated, quoted), with
 * made-up people. The object's name says nothing of voters: its header does.
 */
export const STATE_LAYOUT_EXTRACT =
  ['county_id', 'county_desc', 'voter_reg_num', 'ncid', 'last_name', 'first_name', 'middle_name', 'status_cd', 'res_street_address', 'res_city_desc', 'state_cd', 'zip_code', 'registr_dt', 'party_cd', 'birth_year', 'precinct_abbrv']
    .map((c) => `"${c}"`)
    .join('\t') +
  '\n' +
  [
    ['41', 'GUILFORD', '000012345678', 'AA123456', 'ZULSEVQUIST', 'MORZUL', 'T', 'A', '4036 VESPERFALL AVE', 'GREENSBORO', 'NC', '00041', '12/10/1994', 'UNA', '1963', 'G01'],
    ['41', 'GUILFORD', '000023456789', 'AA234567', 'CASNYQUIST', 'NYARAA', '', 'A', '803 MARROWBEND RD', 'GREENSBORO', 'NC', '00041', '08/08/2009', 'DEM', '1996', 'G07'],
  ]
    .map((r) => r.map((v) => `"${v}"`).join('\t'))
    .join('\n') +
  '\n';

/** Poll workers have names and addresses, but no voter id, registration date or party: not a voter file. */
export const POLL_WORKER_ROSTER =
  'WORKER_ID,LAST_NAME,FIRST_NAME,STREET_ADDRESS,CITY,ZIP,PHONE,ASSIGNED_POLLING_PLACE,POSITION,TRAINING_COMPLETED\n' +
  'PW-0113,QUILLEBRANT,OSWIN,12 LANTERNWAY CT,HALCYON,00041,555-0142,HALCYON LIBRARY,CHIEF JUDGE,2026-09-14\n' +
  'PW-0127,VARNHOLT,EDDA,9 SEDGEMOOR LN,HALCYON,00041,555-0178,FIRE STATION 3,CLERK,2026-09-21\n';

/**
 * Buckets that give the rest of the checks their passing and failing sides. They are kept
 * apart from SCENARIOS, which other test files set up bucket by bucket and count calls on
 * (the offline-parity test expects exactly two object ACLs there).
 */
export const MORE_SCENARIOS: Scenario[] = [
  {
    bucket: 'cv-vendor-share',
    // The ballot printer's account may read the files: a share with one fixed other account.
    setup: (s3) => policy(s3, 'cv-vendor-share', allowObjects('cv-vendor-share', 'BallotPrinterRead', { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` })).then(() => {}),
    expected: {
      's3.bucket.cross-account': 'fail',
      's3.bucket.public-read': 'pass',
      // Neither moto nor Canvass calls a policy for one named account public.
      's3.bucket.policy-status-disagrees': 'pass',
    },
    // RestrictPublicBuckets cuts off other accounts only when the policy is public; this one is not.
    withAccountBpa: { 's3.bucket.cross-account': 'fail' },
  },
  {
    bucket: 'cv-owner-only',
    setup: async (s3) => {
      await policy(s3, 'cv-owner-only', allowObjects('cv-owner-only', 'CountyAccountRead', { AWS: `arn:aws:iam::${MOTO_ACCOUNT}:root` }));
      await s3.send(
        new PutBucketCorsCommand({
          Bucket: 'cv-owner-only',
          CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['https://elections.example-county.gov'], AllowedHeaders: ['*'] }] },
        }),
      );
    },
    expected: {
      's3.bucket.cross-account': 'pass',
      's3.bucket.public-read': 'pass',
      's3.bucket.policy-status-disagrees': 'pass',
      's3.bucket.cors-wildcard': 'pass',
    },
  },
  {
    bucket: 'cv-policy-office-ip',
    // Principal "*" from the county office's fixed /24: not public by AWS's rules, nor by
    // moto's (it counts any statement with a Condition as not public), so the two agree.
    setup: (s3) =>
      policy(s3, 'cv-policy-office-ip', allowObjects('cv-policy-office-ip', 'CountyOfficeOnly', '*', { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } })).then(() => {}),
    expected: {
      's3.bucket.public-read': 'pass',
      's3.bucket.policy-status-disagrees': 'pass',
      // Anyone on that network, AWS account or not, is outside the county's account: a share.
      's3.bucket.cross-account': 'fail',
    },
  },
  {
    bucket: 'cv-policy-any-ip',
    // aws:SourceIp 0.0.0.0/0 is every address: public by AWS's rules (a range broader than /8)
    // and by Canvass's. moto says IsPublic false because the statement has a Condition: a real
    // disagreement between the server's verdict and Canvass's.
    setup: (s3) =>
      policy(s3, 'cv-policy-any-ip', allowObjects('cv-policy-any-ip', 'AnyAddress', '*', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } })).then(() => {}),
    expected: {
      's3.bucket.public-read': 'fail',
      's3.bucket.policy-status-disagrees': 'fail',
      // A public statement is the public-read check's finding, not a share.
      's3.bucket.cross-account': 'pass',
    },
    // The account's RestrictPublicBuckets neutralizes the grant; the two verdicts on the policy still differ.
    withAccountBpa: { 's3.bucket.public-read': 'pass', 's3.bucket.policy-status-disagrees': 'fail' },
  },
  {
    bucket: 'cv-backups',
    setup: async (s3) => {
      await s3.send(new PutObjectCommand({ Bucket: 'cv-backups', Key: 'eims/nightly-2026-10-31.sql.gz', Body: 'a stand-in for a compressed database dump' }));
      await s3.send(new PutObjectCommand({ Bucket: 'cv-backups', Key: 'sftp/county-upload.pem', Body: 'a stand-in for a private key' }));
    },
    expected: { 's3.bucket.sensitive-files': 'fail', 's3.bucket.voter-data': 'pass', 's3.bucket.public-read': 'pass' },
    objects: {
      'eims/nightly-2026-10-31.sql.gz': { expected: { 's3.object.public-acl': 'pass' } },
      'sftp/county-upload.pem': { expected: { 's3.object.public-acl': 'pass' } },
    },
  },
  {
    bucket: 'cv-state-extract',
    setup: (s3) => s3.send(new PutObjectCommand({ Bucket: 'cv-state-extract', Key: 'exports/county41-extract.txt', Body: STATE_LAYOUT_EXTRACT })).then(() => {}),
    expected: { 's3.bucket.voter-data': 'fail', 's3.bucket.sensitive-files': 'pass', 's3.bucket.public-read': 'pass' },
    withAccountBpa: { 's3.bucket.voter-data': 'fail' },
  },
  {
    bucket: 'cv-poll-workers',
    setup: (s3) =>
      s3.send(new PutObjectCommand({ Bucket: 'cv-poll-workers', Key: 'staff/poll-worker-roster-2026-general.csv', Body: POLL_WORKER_ROSTER })).then(() => {}),
    expected: { 's3.bucket.voter-data': 'pass', 's3.bucket.sensitive-files': 'pass' },
  },
  {
    bucket: 'cv-rules-disabled',
    // Rules that exist but are switched off protect nothing.
    setup: async (s3) => {
      const Bucket = 'cv-rules-disabled';
      await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
      await s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket,
          LifecycleConfiguration: { Rules: [{ ID: 'paused-cleanup', Status: 'Disabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 30 } }] },
        }),
      );
      await s3.send(
        new PutBucketReplicationCommand({
          Bucket,
          ReplicationConfiguration: {
            Role: `arn:aws:iam::${MOTO_ACCOUNT}:role/replication`,
            Rules: [{ ID: 'paused-dr', Priority: 1, Status: 'Disabled', Filter: { Prefix: '' }, DeleteMarkerReplication: { Status: 'Disabled' }, Destination: { Bucket: 'arn:aws:s3:::cv-versioned' } }],
          },
        }),
      );
    },
    expected: { 's3.bucket.versioning': 'pass', 's3.bucket.lifecycle': 'fail', 's3.bucket.replication': 'fail' },
  },
  {
    bucket: 'cv-mfa-delete',
    // MFA delete as the account owner would turn it on. moto accepts the call and drops
    // MFADelete (GetBucketVersioning never returns it), so the check can only fail here: the
    // passing side is a documented moto exception (live-scenarios.test.ts).
    setup: (s3) =>
      s3
        .send(
          new PutBucketVersioningCommand({
            Bucket: 'cv-mfa-delete',
            MFA: `arn:aws:iam::${MOTO_ACCOUNT}:mfa/root-account-mfa-device 123456`,
            VersioningConfiguration: { Status: 'Enabled', MFADelete: 'Enabled' },
          }),
        )
        .then(() => {}),
    expected: { 's3.bucket.versioning': 'pass', 's3.bucket.mfa-delete': 'fail' },
  },
];

/** Every scenario bucket: SCENARIOS and MORE_SCENARIOS. */
export const ALL_SCENARIOS: Scenario[] = [...SCENARIOS, ...MORE_SCENARIOS];

/** Who signs a scan's requests. */
export type ScanIdentity = 'moto-default-keys' | 'iam-user-keys' | 'assumed-role';

/** One scan of the moto account: who scans, in which account state, and the account checks' verdicts. */
export interface AccountScan {
  name: string;
  identity: ScanIdentity;
  /** Account-level Block Public Access, all four on (S3 Control), before this scan. */
  accountBpa: boolean;
  /** The caller identity moto gives. */
  arn: string;
  expected: Expected;
}

/** In order: the scans without account-level Block Public Access come first. */
export const ACCOUNT_SCANS: AccountScan[] = [
  {
    name: "moto's default keys, no account-level Block Public Access",
    identity: 'moto-default-keys',
    accountBpa: false,
    // moto answers GetCallerIdentity for keys it did not issue with an ARN AWS never gives
    // (an STS "user/"): Canvass cannot tell what kind of credentials these are.
    arn: `arn:aws:sts::${MOTO_ACCOUNT}:user/moto`,
    expected: { 's3.account.block-public-access': 'fail', 'creds.scan-identity.long-lived': 'unknown' },
  },
  {
    name: 'an assumed role, account-level Block Public Access on',
    identity: 'assumed-role',
    accountBpa: true,
    arn: `arn:aws:sts::${MOTO_ACCOUNT}:assumed-role/canvass-audit/canvass-scan`,
    expected: { 's3.account.block-public-access': 'pass', 'creds.scan-identity.long-lived': 'pass' },
  },
  {
    name: "an IAM user's access keys, account-level Block Public Access on",
    identity: 'iam-user-keys',
    accountBpa: true,
    arn: `arn:aws:iam::${MOTO_ACCOUNT}:user/canvass-scanner`,
    expected: { 's3.account.block-public-access': 'pass', 'creds.scan-identity.long-lived': 'fail' },
  },
];

/**
 * The credentials of each scan identity: an IAM user with its own access keys (made through
 * IAM), and a role that user assumes (through STS), as a county would set up a scanner.
 */
export async function scanIdentities(endpoint: string): Promise<Record<ScanIdentity, Credentials>> {
  const iam = new IAMClient({ endpoint, region: 'us-east-1', credentials: MOTO_ROOT_KEYS });
  try {
    await iam.send(new CreateUserCommand({ UserName: 'canvass-scanner' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'canvass-scanner' }));
    const user = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'canvass-audit',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT}:user/canvass-scanner` }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    const sts = new STSClient({ endpoint, region: 'us-east-1', credentials: user });
    const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/canvass-audit`, RoleSessionName: 'canvass-scan' }));
    sts.destroy();
    return {
      'moto-default-keys': MOTO_ROOT_KEYS,
      'iam-user-keys': user,
      'assumed-role': { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! },
    };
  } finally {
    iam.destroy();
  }
}

export async function createScenarios(endpoint: string, scenarios: Scenario[] = SCENARIOS, credentials: Credentials = MOTO_ROOT_KEYS): Promise<void> {
  const { s3 } = adminClients(endpoint, credentials);
  for (const sc of scenarios) await s3.send(new CreateBucketCommand({ Bucket: sc.bucket }));
  for (const sc of scenarios) await sc.setup(s3);
  s3.destroy();
}

/**
 * moto delivers server access logs for real: every request to cv-logged adds an object to
 * cv-logs. Tests that read one account twice and compare leave logging out.
 */
export const SCENARIOS_WITHOUT_LOGGING = SCENARIOS.filter((s) => s.bucket !== 'cv-logged');

/** Account-level Block Public Access through S3 Control, all four settings on. */
export async function turnOnAccountBpa(endpoint: string): Promise<void> {
  const { s3, s3control } = adminClients(endpoint);
  await s3control.send(new PutAccountPublicAccessBlockCommand({ AccountId: MOTO_ACCOUNT, PublicAccessBlockConfiguration: ALL_ON }));
  s3.destroy();
  s3control.destroy();
}
