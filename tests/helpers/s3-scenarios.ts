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
      's3.bucket.secure-transport': 'fail',
    },
    withAccountBpa: { 's3.bucket.public-read': 'pass', 's3.bucket.voter-data': 'fail' },
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
    expected: { 's3.bucket.secure-transport': 'pass', 's3.bucket.public-read': 'pass' },
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
