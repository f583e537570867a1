import { z } from 'zod';
import { configAclSchema, mapAcl } from './aws-config-acl';
import { readKey, unreadable } from './aws-config-values';
import type { BucketInventory, EncryptionRule, PublicAccessBlock } from './inventory';
import { missing, value, type Observed } from './observed';

/**
 * An AWS::S3::Bucket configuration item's supplementaryConfiguration, mapped to the
 * inventory the checks read, in the S3 API's field names. Keys and shapes follow AWS
 * Config's published resource schema (awslabs/aws-config-resource-schema,
 * AWS::S3::Bucket.properties.json) and the items AWS delivers. A key the item does not
 * carry is 'missing'; 'none' only where the item itself says "not configured"
 * (policyText null, no destination bucket for logs).
 */

const flag = z.boolean().nullish();
export const configPabSchema = z.object({
  blockPublicAcls: flag,
  ignorePublicAcls: flag,
  blockPublicPolicy: flag,
  restrictPublicBuckets: flag,
});
export const mapPab = (c: z.infer<typeof configPabSchema>): Observed<PublicAccessBlock> =>
  value({
    BlockPublicAcls: c.blockPublicAcls === true,
    IgnorePublicAcls: c.ignorePublicAcls === true,
    BlockPublicPolicy: c.blockPublicPolicy === true,
    RestrictPublicBuckets: c.restrictPublicBuckets === true,
  });

const text = z.string().nullish();
const texts = z.array(z.string()).nullish();
/** Drops null and undefined fields, so that evidence shows only what AWS recorded. */
const defined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]: NonNullable<T[K]> };

const policy = z.object({ policyText: text });
const versioning = z.object({ status: z.enum(['Off', 'Enabled', 'Suspended']), isMfaDeleteEnabled: flag });
const logging = z.object({ destinationBucketName: text, logFilePrefix: text });
const encryption = z.object({
  rules: z.array(
    z.object({
      applyServerSideEncryptionByDefault: z.object({ sseAlgorithm: z.string(), kmsMasterKeyID: text }).nullish(),
      bucketKeyEnabled: flag,
    }),
  ),
});
const objectLock = z.object({
  objectLockEnabled: text,
  rule: z.object({ defaultRetention: z.object({ mode: text, days: z.number().nullish(), years: z.number().nullish() }).nullish() }).nullish(),
});
const lifecycle = z.object({ rules: z.array(z.looseObject({ id: text, status: text })) });
const replication = z.object({
  roleARN: text,
  rules: z.record(z.string(), z.looseObject({ status: text, prefix: text, destinationConfig: z.looseObject({ bucketARN: text, Account: text }).nullish() })),
});
const NOTIFICATION_TYPES = new Map([
  ['TopicConfiguration', { list: 'TopicConfigurations', arn: 'topicARN', field: 'TopicArn' }],
  ['QueueConfiguration', { list: 'QueueConfigurations', arn: 'queueARN', field: 'QueueArn' }],
  ['LambdaConfiguration', { list: 'LambdaFunctionConfigurations', arn: 'functionARN', field: 'LambdaFunctionArn' }],
]);
const notifications = z.object({ configurations: z.record(z.string(), z.looseObject({ type: z.string(), events: texts })) });
const cors = z.object({
  rules: z.array(
    z.object({ id: text, allowedMethods: texts, allowedOrigins: texts, allowedHeaders: texts, exposedHeaders: texts, maxAgeSeconds: z.number().nullish() }),
  ),
});
const website = z.object({
  indexDocumentSuffix: text,
  errorDocument: text,
  redirectAllRequestsTo: z.object({ hostName: text, protocol: text }).nullish(),
  routingRules: z.array(z.unknown()).nullish(),
});

/** Days or years of 0 are how Config leaves the unused one of the two unset. */
const positive = (n: number | null | undefined) => (n ? n : undefined);

interface BucketSettings {
  policy: Observed<unknown>;
  acl: BucketInventory['acl'];
  publicAccessBlock: BucketInventory['publicAccessBlock'];
  encryption: BucketInventory['encryption'];
  versioning: BucketInventory['versioning'];
  logging: BucketInventory['logging'];
  website: BucketInventory['website'];
  cors: BucketInventory['cors'];
  objectLock: BucketInventory['objectLock'];
  lifecycle: BucketInventory['lifecycle'];
  replication: BucketInventory['replication'];
  notifications: BucketInventory['notifications'];
}

/**
 * Config leaves the key out when a bucket has no Block Public Access of its own. Reading that
 * as "all four off" can only add exposure, never take it away, so no check passes on it; and
 * the riskiest buckets (public, with no bucket-level block) then fail instead of going unknown.
 */
function absentPabIsOff(o: BucketInventory['publicAccessBlock']): BucketInventory['publicAccessBlock'] {
  return o.kind === 'missing' ? { kind: 'none', call: o.call, code: 'NotInConfigItem' } : o;
}

export function bucketSettings(s: Record<string, unknown>): BucketSettings {
  return {
    policy: readKey(s, 'BucketPolicy', policy, (p, call) => {
      if (p.policyText === null || p.policyText === undefined) return { kind: 'none', call, code: 'NoSuchBucketPolicy' };
      try {
        return value(JSON.parse(p.policyText) as unknown);
      } catch {
        return unreadable(call, 'the policyText is not valid JSON');
      }
    }),
    acl: readKey(s, 'AccessControlList', configAclSchema, mapAcl),
    publicAccessBlock: absentPabIsOff(readKey(s, 'PublicAccessBlockConfiguration', configPabSchema, mapPab)),
    encryption: readKey(s, 'ServerSideEncryptionConfiguration', encryption, (e) =>
      value(
        e.rules.flatMap((r): EncryptionRule[] =>
          r.applyServerSideEncryptionByDefault
            ? [
                defined({
                  SSEAlgorithm: r.applyServerSideEncryptionByDefault.sseAlgorithm,
                  KMSMasterKeyID: r.applyServerSideEncryptionByDefault.kmsMasterKeyID,
                  BucketKeyEnabled: r.bucketKeyEnabled,
                }),
              ]
            : [],
        ),
      ),
    ),
    // Config writes status "Off" for a bucket whose versioning was never enabled.
    versioning: readKey(s, 'BucketVersioningConfiguration', versioning, (v) =>
      value(
        defined({
          Status: v.status === 'Off' ? undefined : v.status,
          MFADelete: typeof v.isMfaDeleteEnabled === 'boolean' ? (v.isMfaDeleteEnabled ? 'Enabled' : 'Disabled') : undefined,
        }),
      ),
    ),
    // No destination bucket is how Config records logging that is off.
    logging: readKey(s, 'BucketLoggingConfiguration', logging, (l) =>
      value(l.destinationBucketName ? defined({ TargetBucket: l.destinationBucketName, TargetPrefix: l.logFilePrefix }) : null),
    ),
    website: readKey(s, 'BucketWebsiteConfiguration', website, (w) =>
      value(
        defined({
          IndexDocument: w.indexDocumentSuffix ? { Suffix: w.indexDocumentSuffix } : undefined,
          ErrorDocument: w.errorDocument ? { Key: w.errorDocument } : undefined,
          RedirectAllRequestsTo: w.redirectAllRequestsTo ? defined({ HostName: w.redirectAllRequestsTo.hostName, Protocol: w.redirectAllRequestsTo.protocol }) : undefined,
          RoutingRules: w.routingRules?.length ? w.routingRules : undefined,
        }),
      ),
    ),
    cors: readKey(s, 'BucketCrossOriginConfiguration', cors, (c) =>
      value(
        c.rules.map((r) =>
          defined({
            ID: r.id,
            AllowedMethods: r.allowedMethods,
            AllowedOrigins: r.allowedOrigins,
            AllowedHeaders: r.allowedHeaders,
            ExposeHeaders: r.exposedHeaders,
            MaxAgeSeconds: r.maxAgeSeconds,
          }),
        ),
      ),
    ),
    objectLock: readKey(s, 'ObjectLockConfiguration', objectLock, (o) => {
      const r = o.rule?.defaultRetention;
      const retention = r ? defined({ Mode: r.mode, Days: positive(r.days), Years: positive(r.years) }) : undefined;
      return value(defined({ ObjectLockEnabled: o.objectLockEnabled, Rule: retention ? { DefaultRetention: retention } : undefined }));
    }),
    lifecycle: readKey(s, 'BucketLifecycleConfiguration', lifecycle, (l) =>
      value(l.rules.map(({ id, status, ...rest }) => ({ ...defined({ ID: id, Status: status }), ...rest }))),
    ),
    // Config keys replication rules by their id.
    replication: readKey(s, 'BucketReplicationConfiguration', replication, (r) =>
      value(
        defined({
          Role: r.roleARN,
          Rules: Object.entries(r.rules).map(([id, rule]) =>
            defined({
              ID: id,
              Status: rule.status,
              Prefix: rule.prefix,
              Destination: rule.destinationConfig ? defined({ Bucket: rule.destinationConfig.bucketARN, Account: rule.destinationConfig.Account }) : undefined,
            }),
          ),
        }),
      ),
    ),
    notifications: readKey(s, 'BucketNotificationConfiguration', notifications, (n, call) => {
      const out: Record<string, Array<Record<string, unknown>>> = {};
      for (const [id, c] of Object.entries(n.configurations)) {
        const t = NOTIFICATION_TYPES.get(c.type);
        // A target Canvass cannot name (EventBridge is not in Config's schema) makes the answer unknown.
        if (!t) return unreadable(call, `notification "${id}" has type "${c.type}", which Canvass does not know`);
        (out[t.list] ??= []).push(defined({ Id: id, [t.field]: typeof c[t.arn] === 'string' ? c[t.arn] : undefined, Events: c.events }));
      }
      return value(out);
    }),
  };
}

/**
 * What AWS Config does not record: GetBucketPolicyStatus, Object Ownership (not in its
 * schema for AWS::S3::Bucket), and anything about objects.
 */
export const notInConfig = (): Pick<BucketInventory, 'policyStatus' | 'ownership' | 'objects' | 'objectAcls' | 'objectSamples'> => ({
  policyStatus: missing('get-bucket-policy-status'),
  ownership: missing('config:BucketOwnershipControls'),
  objects: missing('list-objects-v2'),
  objectAcls: missing('get-object-acl'),
  objectSamples: missing('object-samples'),
});
