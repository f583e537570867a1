import { analyzePolicy } from '../../exposure/policy';
import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

export const bucketPolicyStatusDisagrees = bucketCheck(
  {
    id: 's3.bucket.policy-status-disagrees',
    title: "AWS's own verdict on the policy differs from Canvass's",
    severity: 'high',
    category: 'exposure',
    whatItMeans:
      'AWS reports whether it considers a bucket policy public. For this bucket, AWS\'s answer and Canvass\'s reading of the same policy differ.',
    whyItMatters:
      'When AWS says public and Canvass does not, treat the bucket as public until an engineer has reviewed the policy. When only Canvass says public, its exposure findings for this bucket may overstate.',
    references: ['NIST SP 800-53 AC-3', 'NIST SP 800-53 CA-7'],
  },
  (bucket, ctx) => {
    const status = bucket.policyStatus;
    if (bucket.policy.kind === 'none') {
      return { status: 'not_applicable', detail: `Bucket ${bucket.name} has no bucket policy, so there is no verdict to compare.` };
    }
    // S3-compatible servers (and moto) answer without IsPublic: that is no verdict, never "not public".
    if (status.kind === 'none' || (status.kind === 'value' && typeof status.value.IsPublic !== 'boolean')) {
      return {
        status: 'not_applicable',
        detail: `AWS gave no public/not-public verdict (IsPublic) for bucket ${bucket.name}'s policy, so there is nothing to compare.`,
        evidence: { policyStatus: status.kind === 'value' ? status.value : status.code },
      };
    }
    if (status.kind !== 'value' || bucket.policy.kind !== 'value') {
      return { ...unknownFrom(`whether AWS's verdict on bucket ${bucket.name}'s policy agrees with Canvass's`, bucket.policy, status), severity: 'low' };
    }
    const aws = status.value.IsPublic;
    const publicStatements = analyzePolicy(bucket.policy.value, ctx.account.accountId).filter((r) => r.reach === 'public');
    const canvass = publicStatements.length > 0;
    const evidence = { awsIsPublic: aws, canvassIsPublic: canvass, publicStatements: publicStatements.map((r) => ({ why: r.why, statement: r.statement })) };
    if (aws === canvass) {
      return { status: 'pass', detail: `AWS and Canvass agree that bucket ${bucket.name}'s policy is ${aws ? '' : 'not '}public.`, evidence };
    }
    if (aws) {
      return {
        status: 'fail',
        detail: `AWS says bucket ${bucket.name}'s policy is public, but Canvass found no statement that AWS's published rules count as public. Treat the bucket as public until an engineer has reviewed its policy.`,
        evidence,
      };
    }
    const first = publicStatements[0].statement;
    return {
      status: 'fail',
      detail: `Canvass counts bucket ${bucket.name}'s policy as public (statement ${first.Sid ? `"${first.Sid}"` : `#${publicStatements[0].index + 1}`}: ${publicStatements[0].why}), but AWS says it is not, so Canvass's exposure findings for this bucket may overstate. An engineer should review the statement.`,
      evidence,
      // Canvass erring towards "public" hides nothing; the exposure checks already report it.
      severity: 'low',
    };
  },
);
