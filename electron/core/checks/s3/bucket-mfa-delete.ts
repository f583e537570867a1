import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

export const bucketMfaDelete = bucketCheck(
  {
    id: 's3.bucket.mfa-delete',
    title: 'MFA delete',
    severity: 'low',
    category: 'hygiene',
    whatItMeans:
      'Deleting a file\'s saved versions, or turning versioning off, does not require a second sign-in step (a code from the account owner\'s MFA device).',
    whyItMatters:
      'MFA delete stops stolen passwords or keys from wiping the history of election records. Object lock protects records more simply; AWS allows MFA delete only without lifecycle rules.',
    references: ['CIS AWS Foundations 2.1.2', 'NIST SP 800-53 IA-2(1)', 'NIST SP 800-53 CP-9', 'Prowler s3_bucket_no_mfa_delete'],
  },
  (bucket) => {
    const o = bucket.versioning;
    if (o.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} requires MFA to delete versions`, o);
    if (o.value.MFADelete === 'Enabled') return { status: 'pass', detail: `Bucket ${bucket.name} has MFA delete enabled.`, evidence: { versioning: o.value } };
    const why = o.value.Status === 'Enabled' ? '' : ' Versioning is not enabled, and MFA delete needs it.';
    return { status: 'fail', detail: `Bucket ${bucket.name} does not have MFA delete enabled.${why}`, evidence: { versioning: o.value } };
  },
);
