import { z } from 'zod';

/**
 * The shapes of what the AWS CLI v2 prints with --output json, for each file of a
 * canvass-evidence/1 bundle. Unknown extra fields are allowed (AWS adds fields over time);
 * the fields the checks read must have the right type.
 */
const bool = z.boolean();
export const pabSchema = z.object({
  PublicAccessBlockConfiguration: z.object({
    BlockPublicAcls: bool.optional(),
    IgnorePublicAcls: bool.optional(),
    BlockPublicPolicy: bool.optional(),
    RestrictPublicBuckets: bool.optional(),
  }),
});

export const manifestSchema = z.object({
  format: z.string(),
  collectedAt: z.string().optional(),
  collector: z.string().optional(),
  accountId: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
  partition: z.string().optional(),
});

export const callerIdentitySchema = z.object({
  UserId: z.string().optional(),
  Account: z.string().optional(),
  Arn: z.string().optional(),
});

export const listBucketsSchema = z.object({
  Buckets: z.array(z.object({ Name: z.string(), CreationDate: z.string().optional(), BucketRegion: z.string().optional() })),
  Owner: z.object({ ID: z.string().optional(), DisplayName: z.string().optional() }).optional(),
});

const granteeSchema = z.object({
  Type: z.string(),
  URI: z.string().optional(),
  ID: z.string().optional(),
  DisplayName: z.string().optional(),
  EmailAddress: z.string().optional(),
});
export const aclSchema = z.object({
  Owner: z.object({ ID: z.string().optional(), DisplayName: z.string().optional() }).optional(),
  Grants: z.array(z.object({ Grantee: granteeSchema, Permission: z.string() })).default([]),
});

export const errorFileSchema = z.object({ code: z.string().min(1), message: z.string().default('') });

/** One entry per CALL of design.md section 3: its schema, and the error codes that mean "not configured". */
export const bucketCalls = {
  'get-bucket-location': { schema: z.object({ LocationConstraint: z.string().nullable().optional() }), none: [] },
  'get-bucket-policy': { schema: z.object({ Policy: z.string() }), none: ['NoSuchBucketPolicy'] },
  'get-bucket-policy-status': {
    schema: z.object({ PolicyStatus: z.object({ IsPublic: bool.optional() }) }),
    none: ['NoSuchBucketPolicy'],
  },
  'get-bucket-acl': { schema: aclSchema, none: [] },
  'get-public-access-block': { schema: pabSchema, none: ['NoSuchPublicAccessBlockConfiguration'] },
  'get-bucket-ownership-controls': {
    schema: z.object({ OwnershipControls: z.object({ Rules: z.array(z.object({ ObjectOwnership: z.string() })) }) }),
    none: ['OwnershipControlsNotFoundError'],
  },
  'get-bucket-encryption': {
    schema: z.object({
      ServerSideEncryptionConfiguration: z.object({
        Rules: z.array(
          z.object({
            ApplyServerSideEncryptionByDefault: z
              .object({ SSEAlgorithm: z.string(), KMSMasterKeyID: z.string().optional() })
              .optional(),
            BucketKeyEnabled: bool.optional(),
          }),
        ),
      }),
    }),
    none: ['ServerSideEncryptionConfigurationNotFoundError'],
  },
  'get-bucket-versioning': { schema: z.object({ Status: z.string().optional(), MFADelete: z.string().optional() }), none: [] },
  'get-bucket-logging': {
    schema: z.object({
      LoggingEnabled: z.object({ TargetBucket: z.string().optional(), TargetPrefix: z.string().optional() }).optional(),
    }),
    none: [],
  },
  'get-bucket-website': { schema: z.record(z.string(), z.unknown()), none: ['NoSuchWebsiteConfiguration'] },
  'get-bucket-cors': {
    schema: z.object({ CORSRules: z.array(z.record(z.string(), z.unknown())) }),
    none: ['NoSuchCORSConfiguration'],
  },
  'get-object-lock-configuration': {
    schema: z.object({ ObjectLockConfiguration: z.record(z.string(), z.unknown()) }),
    none: ['ObjectLockConfigurationNotFoundError'],
  },
  'get-bucket-lifecycle-configuration': {
    schema: z.object({ Rules: z.array(z.record(z.string(), z.unknown())) }),
    none: ['NoSuchLifecycleConfiguration'],
  },
  'get-bucket-replication': {
    schema: z.object({ ReplicationConfiguration: z.record(z.string(), z.unknown()) }),
    none: ['ReplicationConfigurationNotFoundError'],
  },
  'get-bucket-notification-configuration': { schema: z.record(z.string(), z.unknown()), none: [] },
  'get-bucket-tagging': {
    schema: z.object({ TagSet: z.array(z.object({ Key: z.string(), Value: z.string() })) }),
    none: ['NoSuchTagSet'],
  },
  'list-objects-v2': {
    schema: z.object({
      Contents: z
        .array(z.object({ Key: z.string(), Size: z.number().optional(), LastModified: z.string().optional() }))
        .optional(),
      IsTruncated: bool.optional(),
      NextContinuationToken: z.string().nullable().optional(),
    }),
    none: [],
  },
  'get-object-acl': { schema: z.record(z.string(), aclSchema), none: [] },
  'object-samples': {
    schema: z.array(
      z.object({
        key: z.string(),
        header: z.array(z.string()).optional(),
        rowShapes: z.array(z.array(z.string())).optional(),
        lineLength: z.number().int().positive().optional(),
        rowBytes: z.number().positive().optional(),
        // A kind name only (file-magic.ts); an unknown one from a newer collector is ignored, not refused.
        magic: z.string().regex(/^[a-z0-9-]{1,32}$/, 'must be a file kind such as "sqlite"').optional(),
      }),
    ),
    none: [],
  },
} as const;

export type BucketCall = keyof typeof bucketCalls;
export const BUCKET_CALLS = Object.keys(bucketCalls) as BucketCall[];
