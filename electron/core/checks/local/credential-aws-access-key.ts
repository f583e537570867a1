import { credentialCheck } from './credential-check';

/** A presigned URL's X-Amz-Credential carries a key id: the scanner fingerprints it as one ("AKIA…WXYZ"). */
const KEY_ID_FINGERPRINT = /^A[A-Z]{3}…[A-Z0-9]{4}$/;

export const localAwsAccessKey = credentialCheck(
  {
    id: 'local.credential.aws-access-key',
    title: 'AWS access key in a file',
    severity: 'high',
    whatItMeans: 'A file holds an AWS access key id, often with its secret key: whoever can open the file can act as that AWS user.',
    whyItMatters:
      "A leaked key opens the county's AWS account, voter data in its buckets included, to anyone who copies the file; keys in scripts and notes outlive the people who put them there.",
    references: ['NIST SP 800-53 IA-5', 'NIST SP 800-53 IA-5(7)', 'CIS AWS Foundations 1.14'],
  },
  {
    noun: 'AWS access key',
    hitsOf: (r) =>
      r.hits.filter((h) => h.checkId === 'local.credential.aws-access-key' || (h.checkId === 'local.credential.presigned-url' && KEY_ID_FINGERPRINT.test(h.fingerprint))),
    // A key id alone lets no one in; with its secret it does.
    severityOf: (hits) => (hits.some((h) => h.withSecret || h.kind === 'aws-credentials-file') ? undefined : 'medium'),
  },
);
