import type { AccountInventory, BucketInventory } from '../collect/inventory';
import { whyUnreadable, type Observed } from '../collect/observed';
import { ACL_LIST, ACL_OBJECT_READ, ACL_WRITE, groupName, publicGrants as publicAclGrants } from './acl';
import { effectiveFlag, flagSource } from './block-public-access';
import { publicGrants as publicPolicyGrants } from './policy';
import { and, not, or, type Tri } from './tristate';

export type ExposureKind = 'read' | 'list' | 'write';

export interface ExposurePath {
  via: 'bucket policy' | 'bucket ACL' | 'object ACL';
  /** Plain description of the grant. */
  what: string;
  /** The exact statement or grant, as AWS stores it. */
  grant: unknown;
  /** Set when Block Public Access takes this grant's effect away. */
  neutralizedBy?: string;
}

export interface Exposure {
  state: Tri;
  paths: ExposurePath[];
  /** Calls whose evidence was needed and not readable. */
  unreadable: Array<{ call: string; code: string; message?: string }>;
  reasons: string[];
}

const POLICY_ACTIONS: Record<ExposureKind, Array<{ actions: string[]; scope: 'bucket' | 'objects' }>> = {
  read: [{ actions: ['s3:GetObject', 's3:GetObjectVersion'], scope: 'objects' }],
  list: [{ actions: ['s3:ListBucket', 's3:ListBucketVersions', 's3:ListBucketMultipartUploads'], scope: 'bucket' }],
  write: [
    { actions: ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectAcl'], scope: 'objects' },
    { actions: ['s3:PutBucketAcl', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:DeleteBucket'], scope: 'bucket' },
  ],
};

function noteUnreadable(e: Exposure, o: Observed<unknown>) {
  if (o.kind === 'error') e.unreadable.push({ call: o.call, code: o.code, message: o.message });
  if (o.kind === 'missing') e.unreadable.push({ call: o.call, code: 'NotCollected' });
  const w = whyUnreadable(o);
  if (w) e.reasons.push(w);
}

/**
 * Who on the internet can read, list or write a bucket, after Block Public Access:
 * a public policy counts unless RestrictPublicBuckets is on at bucket or account level,
 * a public ACL unless IgnorePublicAcls is (or ACLs are disabled by BucketOwnerEnforced).
 * BlockPublicAcls and BlockPublicPolicy only stop new grants; they do not neutralize
 * grants already in place.
 */
export function bucketExposure(bucket: BucketInventory, account: AccountInventory, kind: ExposureKind): Exposure {
  const e: Exposure = { state: false, paths: [], unreadable: [], reasons: [] };
  const owner = account.accountId;

  // Bucket policy.
  let policyPublic: Tri;
  if (bucket.policy.kind === 'value') {
    const grants = POLICY_ACTIONS[kind].flatMap(({ actions, scope }) =>
      publicPolicyGrants(bucket.policy.kind === 'value' ? bucket.policy.value : undefined, owner, bucket.name, actions, scope),
    );
    policyPublic = grants.length > 0;
    const rpb = effectiveFlag(bucket, account, 'RestrictPublicBuckets');
    for (const g of grants) {
      e.paths.push({
        via: 'bucket policy',
        what: `statement ${g.sid ? `"${g.sid}"` : `#${g.index + 1}`} ${g.why}, allowing ${g.actions.join(', ')}${
          g.prefixes.length && !g.prefixes.includes('*') ? ` on ${g.prefixes.join(', ')}` : ''
        }`,
        grant: g.statement,
        neutralizedBy: rpb === true ? `RestrictPublicBuckets (on at ${flagSource(bucket, account, 'RestrictPublicBuckets')} level)` : undefined,
      });
    }
    if (grants.length && rpb === 'unknown') noteUnreadable(e, bucket.publicAccessBlock), noteUnreadable(e, account.publicAccessBlock);
    policyPublic = and(policyPublic, not(rpb));
  } else if (bucket.policy.kind === 'none') {
    policyPublic = false;
  } else {
    policyPublic = 'unknown';
    noteUnreadable(e, bucket.policy);
  }

  // ACLs: the bucket ACL for list and write, sampled object ACLs for read.
  let aclPublic: Tri = false;
  const aclsDisabled = bucket.ownership.kind === 'value' && bucket.ownership.value === 'BucketOwnerEnforced';
  if (!aclsDisabled) {
    const ipa = effectiveFlag(bucket, account, 'IgnorePublicAcls');
    const neutralizedBy = ipa === true ? `IgnorePublicAcls (on at ${flagSource(bucket, account, 'IgnorePublicAcls')} level)` : undefined;
    let found: Tri = false;
    if (kind === 'read') {
      const emptyBucket = bucket.objects.kind === 'value' && bucket.objects.value.sample.length === 0 && !bucket.objects.value.truncated;
      if (bucket.objectAcls.kind === 'value') {
        for (const [key, acl] of Object.entries(bucket.objectAcls.value)) {
          for (const g of publicAclGrants(acl, ACL_OBJECT_READ)) {
            found = true;
            e.paths.push({ via: 'object ACL', what: `object "${key}" grants ${g.Permission} to ${groupName(g.Grantee.URI)}`, grant: { key, ...g }, neutralizedBy });
          }
        }
      } else if (!emptyBucket && ipa !== true) {
        found = 'unknown';
        noteUnreadable(e, bucket.objectAcls);
      }
    } else if (bucket.acl.kind === 'value') {
      for (const g of publicAclGrants(bucket.acl.value, kind === 'list' ? ACL_LIST : ACL_WRITE)) {
        found = true;
        e.paths.push({ via: 'bucket ACL', what: `grants ${g.Permission} to ${groupName(g.Grantee.URI)}`, grant: g, neutralizedBy });
      }
    } else if (ipa !== true) {
      found = 'unknown';
      noteUnreadable(e, bucket.acl);
    }
    if (found !== false && ipa === 'unknown') noteUnreadable(e, bucket.publicAccessBlock), noteUnreadable(e, account.publicAccessBlock);
    aclPublic = and(found, not(ipa));
  }

  e.state = or(policyPublic, aclPublic);
  return e;
}
