import { effectiveFlag, flagSource } from '../../exposure/block-public-access';
import { analyzePolicy, asStrings, type Statement } from '../../exposure/policy';
import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

const OWNER_KEYS = new Set(['aws:principalaccount', 'aws:sourceaccount', 'aws:sourceowner']);

/**
 * A condition that keeps a statement inside the owner's account: the caller's (or the
 * calling service's source) account is fixed to the owner's. Condition blocks are ANDed,
 * so one such block is enough.
 */
function pinnedToOwner(st: Statement, owner: string): boolean {
  if (!st.Condition || typeof st.Condition !== 'object') return false;
  return Object.entries(st.Condition).some(([op, block]) => {
    if (!/^(stringequals|stringlike|arnequals|arnlike)$/i.test(op) || !block || typeof block !== 'object') return false;
    return Object.entries(block).some(([rawKey, raw]) => {
      const key = rawKey.toLowerCase();
      const vals = asStrings(raw);
      if (vals.length === 0) return false;
      if (OWNER_KEYS.has(key)) return vals.every((x) => x === owner);
      if (key === 'aws:principalarn') return vals.every((x) => x.split(':')[4] === owner);
      return false;
    });
  });
}

const label = (st: Statement, index: number) => (st.Sid ? `"${st.Sid}"` : `#${index + 1}`);

export const bucketCrossAccount = bucketCheck(
  {
    id: 's3.bucket.cross-account',
    title: 'Shared with other AWS accounts',
    severity: 'medium',
    category: 'protection',
    whatItMeans:
      'The bucket policy lets people outside the county\'s AWS account in: named accounts (a vendor, another agency), or anyone who meets a condition such as coming from a given network.',
    whyItMatters:
      'Whoever controls those accounts or networks can reach the county\'s files. Each share should be one the county agreed to, with a vendor it trusts, and be removed when the work ends.',
    references: ['NIST SP 800-53 AC-3', 'NIST SP 800-53 AC-21', 'Prowler s3_bucket_cross_account_access'],
  },
  (bucket, ctx) => {
    const owner = ctx.account.accountId;
    const o = bucket.policy;
    if (o.kind === 'none') return { status: 'pass', detail: `Bucket ${bucket.name} has no bucket policy, so no policy shares it with other accounts.` };
    if (o.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} is shared with other accounts`, o);

    const reach = analyzePolicy(o.value, owner);
    // Public statements ("*" with nothing limiting it) are the public-read/list/write checks' findings, not shares.
    const isPublic = reach.some((r) => r.reach === 'public');
    const shares = reach
      .filter((r) => r.reach === 'cross-account' && (r.accounts.length > 0 || !pinnedToOwner(r.statement, owner)))
      .map((r) => ({
        statement: label(r.statement, r.index),
        who: r.accounts.length
          ? r.accounts.map((a) => (/^\d{12}$/.test(a) ? `account ${a}` : a)).join(', ')
          : `anyone, with or without an AWS account, whose request meets ${r.why.replace(/^limited by /, '')}`,
        actions: asStrings(r.statement.Action ?? r.statement.NotAction),
        grant: r.statement,
      }));
    const publicNote = isPublic ? ' Its public statements are reported by the public-read, public-list and public-write checks.' : '';
    if (shares.length === 0) {
      return { status: 'pass', detail: `Bucket ${bucket.name}'s policy grants no other AWS account access.${publicNote}`, evidence: { policy: o.value } };
    }
    const accounts = [...new Set(reach.flatMap((r) => r.accounts))];
    const whom = [...new Set(shares.map((s) => s.who))].join('; ');
    const statements = shares.map((s) => s.statement).join(', ');
    // With a public statement in the policy, RestrictPublicBuckets cuts off every principal outside the account.
    const rpb = isPublic ? effectiveFlag(bucket, ctx.account, 'RestrictPublicBuckets') : false;
    if (rpb === true) {
      return {
        status: 'pass',
        detail: `Bucket ${bucket.name}'s policy shares it with ${whom}, but because the policy is also public, RestrictPublicBuckets (on at ${flagSource(bucket, ctx.account, 'RestrictPublicBuckets')} level) cuts off all access from outside the account.${publicNote}`,
        evidence: { neutralized: shares, accounts },
      };
    }
    if (rpb === 'unknown') {
      const v = unknownFrom(`whether the shares in bucket ${bucket.name}'s policy take effect`, bucket.publicAccessBlock, ctx.account.publicAccessBlock);
      return { ...v, evidence: { ...v.evidence, shares, accounts } };
    }
    return {
      status: 'fail',
      detail: `Bucket ${bucket.name} is shared outside account ${owner}: its policy (statement${shares.length === 1 ? '' : 's'} ${statements}) lets in ${whom}.${publicNote}`,
      evidence: { shares, accounts },
    };
  },
);
