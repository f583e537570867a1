import { PAB_FLAGS } from '../../collect/inventory';
import { effectiveFlag, flagSource } from '../../exposure/block-public-access';
import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

export const bucketBlockPublicAccess = bucketCheck(
  {
    id: 's3.bucket.block-public-access',
    title: 'Block Public Access for the bucket',
    severity: 'high',
    category: 'protection',
    whatItMeans:
      'Neither the bucket nor the account has all four Block Public Access settings on, so this bucket can be made public by a policy or ACL change.',
    whyItMatters: 'Block Public Access is the guard rail that keeps a single wrong click from publishing voter data.',
    references: ['CIS AWS Foundations 2.1.4', 'NIST SP 800-53 AC-3', 'Prowler s3_bucket_level_public_access_block'],
  },
  (bucket, ctx) => {
    // S3 applies the most restrictive combination of account and bucket settings, flag by flag.
    const flags = Object.fromEntries(PAB_FLAGS.map((f) => [f, effectiveFlag(bucket, ctx.account, f)]));
    const where = Object.fromEntries(PAB_FLAGS.map((f) => [f, flagSource(bucket, ctx.account, f)]));
    const off = PAB_FLAGS.filter((f) => flags[f] === false);
    const unknown = PAB_FLAGS.filter((f) => flags[f] === 'unknown');
    if (off.length) {
      return {
        status: 'fail',
        detail: `Bucket ${bucket.name} is not fully protected by Block Public Access: ${off.join(', ')} ${off.length === 1 ? 'is' : 'are'} off at both bucket and account level.`,
        evidence: { inEffect: where, off },
      };
    }
    if (unknown.length) {
      const v = unknownFrom(`whether Block Public Access fully protects bucket ${bucket.name}`, bucket.publicAccessBlock, ctx.account.publicAccessBlock);
      return { ...v, evidence: { ...v.evidence, inEffect: where } };
    }
    return { status: 'pass', detail: `All four Block Public Access settings are in effect for bucket ${bucket.name}.`, evidence: { inEffect: where } };
  },
);
