import {
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketReplicationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { BucketCall } from '../evidence-schemas';

type Send = (client: S3Client, Bucket: string, abortSignal?: AbortSignal) => Promise<object>;

/**
 * The configuration calls made for every bucket, by the name of the CLI call (and of the
 * bundle file) each one stands for. get-bucket-location, list-objects-v2 and the object
 * samples are made apart: the first decides the region, the others depend on the listing.
 */
export const BUCKET_CONFIG_COMMANDS: Partial<Record<BucketCall, Send>> = {
  'get-bucket-policy': (c, Bucket, abortSignal) => c.send(new GetBucketPolicyCommand({ Bucket }), { abortSignal }),
  'get-bucket-policy-status': (c, Bucket, abortSignal) => c.send(new GetBucketPolicyStatusCommand({ Bucket }), { abortSignal }),
  'get-bucket-acl': (c, Bucket, abortSignal) => c.send(new GetBucketAclCommand({ Bucket }), { abortSignal }),
  'get-public-access-block': (c, Bucket, abortSignal) => c.send(new GetPublicAccessBlockCommand({ Bucket }), { abortSignal }),
  'get-bucket-ownership-controls': (c, Bucket, abortSignal) =>
    c.send(new GetBucketOwnershipControlsCommand({ Bucket }), { abortSignal }),
  'get-bucket-encryption': (c, Bucket, abortSignal) => c.send(new GetBucketEncryptionCommand({ Bucket }), { abortSignal }),
  'get-bucket-versioning': (c, Bucket, abortSignal) => c.send(new GetBucketVersioningCommand({ Bucket }), { abortSignal }),
  'get-bucket-logging': (c, Bucket, abortSignal) => c.send(new GetBucketLoggingCommand({ Bucket }), { abortSignal }),
  'get-bucket-website': (c, Bucket, abortSignal) => c.send(new GetBucketWebsiteCommand({ Bucket }), { abortSignal }),
  'get-bucket-cors': (c, Bucket, abortSignal) => c.send(new GetBucketCorsCommand({ Bucket }), { abortSignal }),
  'get-object-lock-configuration': (c, Bucket, abortSignal) =>
    c.send(new GetObjectLockConfigurationCommand({ Bucket }), { abortSignal }),
  'get-bucket-lifecycle-configuration': (c, Bucket, abortSignal) =>
    c.send(new GetBucketLifecycleConfigurationCommand({ Bucket }), { abortSignal }),
  'get-bucket-replication': (c, Bucket, abortSignal) => c.send(new GetBucketReplicationCommand({ Bucket }), { abortSignal }),
  'get-bucket-notification-configuration': (c, Bucket, abortSignal) =>
    c.send(new GetBucketNotificationConfigurationCommand({ Bucket }), { abortSignal }),
  'get-bucket-tagging': (c, Bucket, abortSignal) => c.send(new GetBucketTaggingCommand({ Bucket }), { abortSignal }),
};
