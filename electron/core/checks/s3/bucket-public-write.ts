import { bucketCheck } from '../types';
import { exposureVerdict } from './exposure-verdict';

export const bucketPublicWrite = bucketCheck(
  {
    id: 's3.bucket.public-write',
    title: 'Objects writable by anyone on the internet',
    severity: 'critical',
    category: 'exposure',
    whatItMeans: 'Anyone on the internet can add, replace or delete files in this bucket, or change who may read them.',
    whyItMatters:
      'Election files that strangers can overwrite cannot be trusted; a replaced results file or a deleted record undermines the canvass itself.',
    references: [
      'CIS AWS Foundations 2.1.4',
      'NIST SP 800-53 AC-3',
      'NIST SP 800-53 SI-7',
      'Prowler s3_bucket_public_write_acl',
      'Prowler s3_bucket_policy_public_write_access',
    ],
  },
  (bucket, ctx) => exposureVerdict(bucket, ctx, 'write'),
);
