import { accountCheck } from '../types';
import { unknownFrom } from '../verdict';

const ARN = /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):(.+)$/;
const MOVE = 'Scan with a temporary sign-in instead (IAM Identity Center single sign-on, or a role the scanner assumes), then deactivate and delete these access keys.';

type Kind = 'root' | 'user' | 'role' | 'federated';

/** What kind of identity signed the requests, from its ARN, or from its unique id when the ARN is absent. */
function identityKind(arn: string | undefined, userId: string | undefined, account: string | undefined): Kind | undefined {
  const m = arn ? ARN.exec(arn) : null;
  if (m) {
    const [, service, , rest] = m;
    if (service === 'iam' && rest === 'root') return 'root';
    if (service === 'iam' && rest.startsWith('user/')) return 'user';
    if (service === 'sts' && rest.startsWith('assumed-role/')) return 'role';
    if (service === 'sts' && rest.startsWith('federated-user/')) return 'federated';
    return undefined;
  }
  if (arn || !userId) return undefined;
  if (userId === account) return 'root';
  if (userId.startsWith('AIDA')) return 'user';
  if (userId.startsWith('AROA')) return 'role';
  return undefined;
}

export const scanIdentityLongLived = accountCheck(
  {
    id: 'creds.scan-identity.long-lived',
    title: 'The scan ran with permanent access keys',
    severity: 'medium',
    category: 'protection',
    whatItMeans:
      'Canvass (or the script that collected the evidence) signed in with permanent access keys of an IAM user, which work until someone deletes them.',
    whyItMatters:
      'Permanent keys get copied into files, scripts and old laptops and leak from there; a leaked key opens the county\'s storage to whoever finds it. Temporary sign-ins expire within hours.',
    references: ['CIS AWS Foundations 1.4', 'CIS AWS Foundations 1.14', 'NIST SP 800-53 IA-5', 'NIST SP 800-53 AC-2'],
  },
  (ctx) => {
    // For an evidence bundle this is the identity of whoever collected it.
    const o = ctx.account.callerIdentity;
    if (o.kind !== 'value') return unknownFrom('which credentials read this account', o);
    const { Arn: arn, UserId: userId, Account: account } = o.value;
    const evidence = { identity: o.value };
    const who = arn ?? userId ?? 'an unnamed identity';
    switch (identityKind(arn, userId, account ?? ctx.account.accountId)) {
      case 'root':
        return {
          status: 'fail',
          detail: `The scan used access keys of the account's root user (${who}), which can do anything in the account and cannot be limited. ${MOVE}`,
          evidence,
          severity: 'high',
        };
      case 'user':
        return { status: 'fail', detail: `The scan used the permanent access keys of IAM user ${who}. ${MOVE}`, evidence };
      case 'role':
        return { status: 'pass', detail: `The scan used temporary credentials of an assumed role (${who}).`, evidence };
      case 'federated':
        return { status: 'pass', detail: `The scan used temporary federated-user credentials (${who}).`, evidence };
      default:
        return { status: 'unknown', detail: `Cannot tell what kind of credentials read this account: ${who} is not an AWS identity Canvass recognizes.`, evidence };
    }
  },
);
