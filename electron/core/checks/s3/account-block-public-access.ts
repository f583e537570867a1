import { PAB_FLAGS } from '../../collect/inventory';
import { accountCheck } from '../types';
import { unknownFrom } from '../verdict';

export const accountBlockPublicAccess = accountCheck(
  {
    id: 's3.account.block-public-access',
    title: 'Account-wide Block Public Access',
    severity: 'high',
    category: 'protection',
    whatItMeans:
      'The account-wide safety switch that stops any bucket from being made public is not fully on, so one mistaken setting can expose a bucket.',
    whyItMatters:
      'With all four account settings on, no bucket policy or ACL in the account can make voter data public, whatever someone changes later.',
    references: ['CIS AWS Foundations 2.1.4', 'NIST SP 800-53 AC-3', 'NIST SP 800-53 SC-7', 'Prowler s3_account_level_public_access_blocks'],
  },
  (ctx) => {
    const o = ctx.account.publicAccessBlock;
    const id = ctx.account.accountId;
    if (o.kind === 'none') {
      return { status: 'fail', detail: `Block Public Access is not configured for account ${id}: all four settings are off.`, evidence: { configuration: 'none' } };
    }
    if (o.kind !== 'value') return unknownFrom(`the account-level Block Public Access settings of account ${id}`, o);
    const off = PAB_FLAGS.filter((f) => !o.value[f]);
    if (off.length === 0) {
      return { status: 'pass', detail: `All four Block Public Access settings are on for account ${id}.`, evidence: { configuration: o.value } };
    }
    return {
      status: 'fail',
      detail: `Account ${id} has Block Public Access only partly on: ${off.join(', ')} ${off.length === 1 ? 'is' : 'are'} off.`,
      evidence: { configuration: o.value, off },
    };
  },
);
