import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

const KMS = ['aws:kms', 'aws:kms:dsse'];

export const bucketDefaultEncryption = bucketCheck(
  {
    id: 's3.bucket.default-encryption',
    title: 'Default encryption with a KMS key',
    severity: 'low',
    category: 'hygiene',
    whatItMeans: 'New files in this bucket are not encrypted with a key the county controls (AWS KMS); they use Amazon-managed keys or none.',
    whyItMatters:
      'A KMS key adds a second lock: reading voter data then needs permission on the key as well as the bucket, and every use of the key is logged.',
    references: ['NIST SP 800-53 SC-28', 'NIST SP 800-53 SC-12', 'Prowler s3_bucket_kms_encryption'],
  },
  (bucket) => {
    const o = bucket.encryption;
    if (o.kind === 'none') {
      return { status: 'fail', detail: `Bucket ${bucket.name} has no default encryption configured.`, evidence: { configuration: 'none' } };
    }
    if (o.kind !== 'value') return unknownFrom(`how bucket ${bucket.name} is encrypted`, o);
    const kms = o.value.find((r) => KMS.includes(r.SSEAlgorithm));
    if (kms) {
      return { status: 'pass', detail: `Bucket ${bucket.name} encrypts new objects with ${kms.SSEAlgorithm}${kms.KMSMasterKeyID ? ` (key ${kms.KMSMasterKeyID})` : ''}.`, evidence: { rules: o.value } };
    }
    const algs = o.value.map((r) => r.SSEAlgorithm).join(', ') || 'none';
    return {
      status: 'fail',
      detail: `Bucket ${bucket.name} encrypts with ${algs === 'AES256' ? 'Amazon S3 managed keys (SSE-S3, AES256)' : algs}, not with a KMS key the county controls.`,
      evidence: { rules: o.value },
    };
  },
);
