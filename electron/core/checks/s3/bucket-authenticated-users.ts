import { isKnownEmpty, type AccessControlList } from '../../collect/inventory';
import type { Observed } from '../../collect/observed';
import { AUTHENTICATED_USERS } from '../../exposure/acl';
import { publicAclsNeutralized } from '../../exposure/block-public-access';
import { and, not, type Tri } from '../../exposure/tristate';
import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

const toAuthenticatedUsers = (acl: AccessControlList) =>
  acl.Grants.filter((g) => g.Grantee.Type === 'Group' && g.Grantee.URI === AUTHENTICATED_USERS);

export const bucketAuthenticatedUsers = bucketCheck(
  {
    id: 's3.bucket.authenticated-users',
    title: 'Access granted to every AWS account',
    severity: 'high',
    category: 'exposure',
    whatItMeans:
      'An access list (ACL) on this bucket or its files grants access to "Authenticated Users": anyone in the world who has any AWS account, not only the county\'s own people.',
    whyItMatters:
      'Anyone can open an AWS account for free in minutes, so this grant is as open as making the files public. It is often set by mistake because the name sounds safe.',
    references: ['CIS AWS Foundations 2.1.4', 'NIST SP 800-53 AC-3', 'NIST SP 800-53 AC-6', 'Prowler s3_bucket_public_access'],
  },
  (bucket, ctx) => {
    const grants: Array<{ on: string; permission: string }> = [];
    const unreadable: Observed<unknown>[] = [];
    if (bucket.acl.kind === 'value') {
      for (const g of toAuthenticatedUsers(bucket.acl.value)) grants.push({ on: 'the bucket', permission: g.Permission });
    } else if (bucket.acl.kind !== 'none') {
      unreadable.push(bucket.acl);
    }
    if (bucket.objectAcls.kind === 'value') {
      for (const [key, acl] of Object.entries(bucket.objectAcls.value)) {
        for (const g of toAuthenticatedUsers(acl)) grants.push({ on: `object "${key}"`, permission: g.Permission });
      }
    } else if (!isKnownEmpty(bucket)) {
      unreadable.push(bucket.objectAcls);
    }
    const found: Tri = grants.length ? true : unreadable.length ? 'unknown' : false;
    const neutral = publicAclsNeutralized(bucket, ctx.account);
    const state = and(found, not(neutral.state));
    const listed = grants.map((g) => `${g.on} (${g.permission})`).join(', ');

    if (state === true) {
      return {
        status: 'fail',
        detail: `Anyone with any AWS account can reach bucket ${bucket.name}: ACLs grant AuthenticatedUsers access on ${listed}.`,
        evidence: { grants },
      };
    }
    if (state === 'unknown') {
      const v = grants.length
        ? unknownFrom(`whether the AuthenticatedUsers grants on bucket ${bucket.name} take effect`, bucket.publicAccessBlock, ctx.account.publicAccessBlock)
        : unknownFrom(`whether any ACL of bucket ${bucket.name} grants access to every AWS account`, ...unreadable);
      return { ...v, evidence: { ...v.evidence, grants } };
    }
    if (grants.length) {
      return {
        status: 'pass',
        detail: `ACLs grant AuthenticatedUsers access on ${listed} in bucket ${bucket.name}, but ${neutral.by} takes that away.`,
        evidence: { neutralized: grants, neutralizedBy: neutral.by },
      };
    }
    if (unreadable.length) {
      return { status: 'pass', detail: `No ACL of bucket ${bucket.name} can grant access to every AWS account: ${neutral.by} is in effect.`, evidence: { neutralizedBy: neutral.by } };
    }
    return { status: 'pass', detail: `No ACL of bucket ${bucket.name} or its sampled objects grants anything to AuthenticatedUsers.` };
  },
);
