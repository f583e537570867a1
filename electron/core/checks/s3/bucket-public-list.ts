import { bucketCheck } from '../types';
import { exposureVerdict } from './exposure-verdict';

export const bucketPublicList = bucketCheck(
  {
    id: 's3.bucket.public-list',
    title: 'Object list visible to anyone on the internet',
    severity: 'high',
    category: 'exposure',
    whatItMeans: 'Anyone on the internet can see the names and sizes of every file in this bucket.',
    whyItMatters:
      'A public file list tells an attacker exactly which files hold voter data or backups, and is how automated scanners find open buckets.',
    references: ['CIS AWS Foundations 2.1.4', 'NIST SP 800-53 AC-3', 'Prowler s3_bucket_public_list_acl'],
  },
  (bucket, ctx) => exposureVerdict(bucket, ctx, 'list'),
);
