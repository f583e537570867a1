import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

/** 52 U.S.C. 20701: election records are kept for 22 months, about 670 days. */
const RETENTION_DAYS = 670;

interface LockConfig {
  ObjectLockEnabled?: string;
  Rule?: { DefaultRetention?: { Mode?: string; Days?: number; Years?: number } };
}

export const bucketObjectLock = bucketCheck(
  {
    id: 's3.bucket.object-lock',
    title: 'Object lock (records retention)',
    severity: 'low',
    category: 'protection',
    whatItMeans: 'Files in this bucket can be deleted or overwritten at any time; nothing locks them for a retention period.',
    whyItMatters:
      'Federal law (52 U.S.C. 20701) requires election records to be kept for 22 months. Object lock makes S3 refuse to delete or change a record until its retention ends, even for an administrator or ransomware.',
    references: ['NIST SP 800-53 SI-12', 'NIST SP 800-53 AU-9', '52 U.S.C. 20701 (22-month retention)', 'Prowler s3_bucket_object_lock'],
  },
  (bucket) => {
    const o = bucket.objectLock;
    if (o.kind === 'none') return { status: 'fail', detail: `Bucket ${bucket.name} does not have object lock enabled.`, evidence: { objectLock: 'none' } };
    if (o.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} locks its objects`, o);
    const c = o.value as LockConfig;
    if (c.ObjectLockEnabled !== 'Enabled') {
      return { status: 'fail', detail: `Bucket ${bucket.name} does not have object lock enabled.`, evidence: { objectLock: o.value } };
    }
    const r = c.Rule?.DefaultRetention;
    const days = r ? (r.Days ?? 0) + (r.Years ?? 0) * 365 : 0;
    const retention = r
      ? ` Default retention: ${r.Mode ?? 'unknown mode'}, ${r.Days !== undefined ? `${r.Days} days` : `${r.Years ?? 0} years`}${
          days < RETENTION_DAYS ? ', shorter than the 22 months election records must be kept' : ''
        }.`
      : ' There is no default retention, so only files given a retention period when stored are locked.';
    return { status: 'pass', detail: `Bucket ${bucket.name} has object lock enabled.${retention}`, evidence: { objectLock: o.value } };
  },
);
