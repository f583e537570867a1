import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

export const bucketLifecycle = bucketCheck(
  {
    id: 's3.bucket.lifecycle',
    title: 'Lifecycle rules',
    severity: 'info',
    category: 'hygiene',
    whatItMeans: 'Nothing moves old files to cheaper storage or deletes them when they are no longer needed; everything is kept until someone removes it by hand.',
    whyItMatters:
      'Lifecycle rules carry out the county\'s records schedule: keep election records as long as the law requires, then clear out temporary copies and old exports that would otherwise sit there to leak.',
    references: ['NIST SP 800-53 SI-12', 'NIST SP 800-53 MP-6', 'Prowler s3_bucket_lifecycle_enabled'],
  },
  (bucket) => {
    // AWS does not support lifecycle rules on a bucket with MFA delete, so there is nothing to fix.
    if (bucket.versioning.kind === 'value' && bucket.versioning.value.MFADelete === 'Enabled') {
      return {
        status: 'not_applicable',
        detail: `Bucket ${bucket.name} has MFA delete enabled, and AWS does not allow lifecycle rules together with MFA delete.`,
        evidence: { versioning: bucket.versioning.value },
      };
    }
    const o = bucket.lifecycle;
    if (o.kind === 'none') return { status: 'fail', detail: `Bucket ${bucket.name} has no lifecycle rules.`, evidence: { lifecycle: 'none' } };
    if (o.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} has lifecycle rules`, o);
    const enabled = o.value.filter((r) => r.Status === 'Enabled');
    if (enabled.length) {
      const ids = enabled.map((r) => (typeof r.ID === 'string' ? r.ID : 'unnamed')).join(', ');
      return { status: 'pass', detail: `Bucket ${bucket.name} has ${enabled.length} lifecycle rule${enabled.length === 1 ? '' : 's'} enabled (${ids}).`, evidence: { rules: enabled } };
    }
    return { status: 'fail', detail: `Bucket ${bucket.name} has lifecycle rules, but none is enabled.`, evidence: { rules: o.value } };
  },
);
