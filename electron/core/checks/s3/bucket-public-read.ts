import { bucketCheck } from '../types';
import { exposureVerdict } from './exposure-verdict';

export const bucketPublicRead = bucketCheck(
  {
    id: 's3.bucket.public-read',
    title: 'Objects readable by anyone on the internet',
    severity: 'critical',
    category: 'exposure',
    whatItMeans: 'Anyone who knows or guesses a file name in this bucket can download it, without signing in.',
    whyItMatters:
      'Voter rolls and election records left readable this way have been copied by strangers in past breaches; there is no log of who took them unless access logging was on.',
    references: ['CIS AWS Foundations 2.1.4', 'NIST SP 800-53 AC-3', 'NIST SP 800-53 AC-21', 'Prowler s3_bucket_public_access'],
  },
  (bucket, ctx) => exposureVerdict(bucket, ctx, 'read'),
);
