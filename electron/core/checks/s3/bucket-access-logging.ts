import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

export const bucketAccessLogging = bucketCheck(
  {
    id: 's3.bucket.access-logging',
    title: 'Server access logging',
    severity: 'medium',
    category: 'protection',
    whatItMeans: 'No record is kept of who reads or changes files in this bucket.',
    whyItMatters:
      'If voter data was ever exposed, access logs are how the county learns whether anyone actually downloaded it, which decides who must be notified.',
    references: ['NIST SP 800-53 AU-2', 'NIST SP 800-53 AU-12', 'Prowler s3_bucket_server_access_logging_enabled'],
  },
  (bucket) => {
    const o = bucket.logging;
    if (o.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} logs access`, o);
    if (o.value) {
      return {
        status: 'pass',
        detail: `Bucket ${bucket.name} logs access to ${o.value.TargetBucket ?? 'a log bucket'}${o.value.TargetPrefix ? `/${o.value.TargetPrefix}` : ''}.`,
        evidence: { logging: o.value },
      };
    }
    return { status: 'fail', detail: `Bucket ${bucket.name} has server access logging off.`, evidence: { logging: 'off' } };
  },
);
