import { scanIdentityLongLived } from './creds/scan-identity-long-lived';
import { localAwsAccessKey } from './local/credential-aws-access-key';
import { localAzureStorage } from './local/credential-azure-storage';
import { localGcpServiceAccount } from './local/credential-gcp-service-account';
import { localPresignedUrl } from './local/credential-presigned-url';
import { localVoterFile } from './local/voter-file';
import { accountBlockPublicAccess } from './s3/account-block-public-access';
import { bucketAccessLogging } from './s3/bucket-access-logging';
import { bucketAclsEnabled } from './s3/bucket-acls-enabled';
import { bucketAuthenticatedUsers } from './s3/bucket-authenticated-users';
import { bucketBlockPublicAccess } from './s3/bucket-block-public-access';
import { bucketCorsWildcard } from './s3/bucket-cors-wildcard';
import { bucketCrossAccount } from './s3/bucket-cross-account';
import { bucketDefaultEncryption } from './s3/bucket-default-encryption';
import { bucketEventNotifications } from './s3/bucket-event-notifications';
import { bucketLifecycle } from './s3/bucket-lifecycle';
import { bucketMfaDelete } from './s3/bucket-mfa-delete';
import { bucketObjectLock } from './s3/bucket-object-lock';
import { bucketPolicyStatusDisagrees } from './s3/bucket-policy-status-disagrees';
import { bucketPublicList } from './s3/bucket-public-list';
import { bucketPublicRead } from './s3/bucket-public-read';
import { bucketPublicWrite } from './s3/bucket-public-write';
import { bucketReplication } from './s3/bucket-replication';
import { bucketSecureTransport } from './s3/bucket-secure-transport';
import { bucketSensitiveFiles } from './s3/bucket-sensitive-files';
import { bucketVersioning } from './s3/bucket-versioning';
import { bucketVoterData } from './s3/bucket-voter-data';
import { bucketWebsite } from './s3/bucket-website';
import { objectPublicAcl } from './s3/object-public-acl';
import type { Check, CheckMeta } from './types';

/** Every check Canvass runs, in the order a clerk should read them: exposure, data, protection, hygiene. */
export const CHECKS: readonly Check[] = [
  bucketPublicRead,
  bucketPublicWrite,
  bucketPublicList,
  objectPublicAcl,
  bucketAuthenticatedUsers,
  bucketPolicyStatusDisagrees,
  bucketVoterData,
  bucketSensitiveFiles,
  localVoterFile,
  localAwsAccessKey,
  localAzureStorage,
  localGcpServiceAccount,
  localPresignedUrl,
  accountBlockPublicAccess,
  bucketBlockPublicAccess,
  bucketCrossAccount,
  bucketAclsEnabled,
  scanIdentityLongLived,
  bucketSecureTransport,
  bucketWebsite,
  bucketCorsWildcard,
  bucketVersioning,
  bucketAccessLogging,
  bucketObjectLock,
  bucketDefaultEncryption,
  bucketMfaDelete,
  bucketLifecycle,
  bucketReplication,
  bucketEventNotifications,
];

/** The version of the check catalogue; stored with each audit. */
export const CHECKS_VERSION = '2026.11.3';

export function catalog(): CheckMeta[] {
  return CHECKS.map((c) => c.meta);
}

export function checkMeta(id: string): CheckMeta | undefined {
  return CHECKS.find((c) => c.meta.id === id)?.meta;
}
