import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

export const bucketVersioning = bucketCheck(
  {
    id: 's3.bucket.versioning',
    title: 'Versioning',
    severity: 'medium',
    category: 'protection',
    whatItMeans: 'When a file in this bucket is overwritten or deleted, the earlier version is gone for good.',
    whyItMatters:
      'Federal law requires election records to be kept for 22 months; versioning lets the county recover a record deleted or overwritten by mistake or by ransomware.',
    references: ['NIST SP 800-53 CP-9', 'NIST SP 800-53 SI-12', '52 U.S.C. 20701 (22-month retention)', 'Prowler s3_bucket_object_versioning'],
  },
  (bucket) => {
    const o = bucket.versioning;
    if (o.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} keeps earlier versions`, o);
    const status = o.value.Status ?? 'never enabled';
    if (status === 'Enabled') return { status: 'pass', detail: `Bucket ${bucket.name} has versioning enabled.`, evidence: { versioning: o.value } };
    return {
      status: 'fail',
      detail: `Bucket ${bucket.name} has versioning ${status === 'Suspended' ? 'suspended' : 'never enabled'}.`,
      evidence: { versioning: o.value },
    };
  },
);
