import { accountBlockPublicAccess } from './s3/account-block-public-access';
import { bucketAccessLogging } from './s3/bucket-access-logging';
import { bucketBlockPublicAccess } from './s3/bucket-block-public-access';
import { bucketDefaultEncryption } from './s3/bucket-default-encryption';
import { bucketPublicList } from './s3/bucket-public-list';
import { bucketPublicRead } from './s3/bucket-public-read';
import { bucketPublicWrite } from './s3/bucket-public-write';
import { bucketSecureTransport } from './s3/bucket-secure-transport';
import { bucketVersioning } from './s3/bucket-versioning';
import { bucketVoterData } from './s3/bucket-voter-data';
import type { Check, CheckMeta } from './types';

/** Every check Canvass runs, in the order a clerk should read them. */
export const CHECKS: readonly Check[] = [
  bucketPublicRead,
  bucketPublicWrite,
  bucketPublicList,
  bucketVoterData,
  accountBlockPublicAccess,
  bucketBlockPublicAccess,
  bucketSecureTransport,
  bucketVersioning,
  bucketAccessLogging,
  bucketDefaultEncryption,
];

/** The version of the check catalogue; stored with each audit. */
export const CHECKS_VERSION = '2026.11.1';

export function catalog(): CheckMeta[] {
  return CHECKS.map((c) => c.meta);
}

export function checkMeta(id: string): CheckMeta | undefined {
  return CHECKS.find((c) => c.meta.id === id)?.meta;
}
