import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

export const bucketAclsEnabled = bucketCheck(
  {
    id: 's3.bucket.acls-enabled',
    title: 'Access lists (ACLs) still in use',
    severity: 'medium',
    category: 'protection',
    whatItMeans:
      'This bucket still honours old-style access lists (ACLs) on the bucket and on each file, so a single file can be shared with anyone without changing the bucket\'s policy.',
    whyItMatters:
      'With ACLs turned off (Object Ownership "bucket owner enforced"), only the bucket policy decides who gets in: one place to check, and no forgotten per-file grant can expose a voter file.',
    references: ['NIST SP 800-53 AC-3', 'NIST SP 800-53 AC-6', 'Prowler s3_bucket_acl_prohibited'],
  },
  (bucket) => {
    const o = bucket.ownership;
    if (o.kind === 'none') {
      return {
        status: 'fail',
        detail: `Bucket ${bucket.name} has no Object Ownership setting, so ACLs are enabled and each uploader owns its files (ObjectWriter).`,
        evidence: { ownership: 'none' },
      };
    }
    if (o.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} still uses ACLs`, o);
    if (o.value === 'BucketOwnerEnforced') {
      return { status: 'pass', detail: `Bucket ${bucket.name} has ACLs disabled (Object Ownership BucketOwnerEnforced).`, evidence: { ownership: o.value } };
    }
    return {
      status: 'fail',
      detail: `Bucket ${bucket.name} has ACLs enabled (Object Ownership ${o.value}); set it to BucketOwnerEnforced to turn them off.`,
      evidence: { ownership: o.value },
    };
  },
);
