import { isKnownEmpty, type AccessControlList, type BucketInventory } from '../../collect/inventory';
import { whyUnreadable } from '../../collect/observed';
import { ACL_ANY, groupName, publicGrants } from '../../exposure/acl';
import { publicAclsNeutralized } from '../../exposure/block-public-access';
import { bucketRef, objectRef, objectsCheck, type CheckContext, type ResourceVerdict, type Verdict } from '../types';
import { unknownFrom } from '../verdict';

/** What a grant lets its grantee do to one object. */
const ON_OBJECT: Record<string, string> = {
  READ: 'download',
  READ_ACP: 'read the permissions of',
  WRITE_ACP: 'change the permissions of',
  FULL_CONTROL: 'download and change the permissions of',
};

function objectVerdict(bucket: BucketInventory, ctx: CheckContext, key: string, acl: AccessControlList): Verdict {
  const grants = publicGrants(acl, ACL_ANY).map((g) => ({ group: groupName(g.Grantee.URI), permission: g.Permission }));
  const where = `object ${bucket.name}/${key}`;
  if (grants.length === 0) return { status: 'pass', detail: `The ACL of ${where} grants nothing to AllUsers or AuthenticatedUsers.` };
  const neutral = publicAclsNeutralized(bucket, ctx.account);
  const listed = grants.map((g) => `${g.permission} to ${g.group}`).join(', ');
  if (neutral.state === true) {
    return {
      status: 'pass',
      detail: `The ACL of ${where} grants ${listed}, but ${neutral.by} takes that away.`,
      evidence: { neutralized: grants, neutralizedBy: neutral.by },
    };
  }
  if (neutral.state === 'unknown') {
    const v = unknownFrom(`whether the public ACL of ${where} takes effect`, bucket.publicAccessBlock, ctx.account.publicAccessBlock);
    return { ...v, evidence: { ...v.evidence, grants } };
  }
  const who = grants.some((g) => g.group.startsWith('AllUsers')) ? 'Anyone on the internet' : 'Anyone with any AWS account';
  const can = [...new Set(grants.map((g) => ON_OBJECT[g.permission] ?? `use (${g.permission})`))].join(' and ');
  return {
    status: 'fail',
    detail: `${who} can ${can} ${where}: its ACL grants ${listed}.`,
    evidence: { grants },
    // Seeing who may read an object's permissions exposes no data.
    severity: grants.every((g) => g.permission === 'READ_ACP') ? 'low' : undefined,
  };
}

export const objectPublicAcl = objectsCheck(
  {
    id: 's3.object.public-acl',
    title: 'File shared with anyone by its own access list',
    severity: 'high',
    category: 'exposure',
    whatItMeans:
      'A file in this bucket carries its own access list (ACL) that opens it to anyone on the internet or to anyone with an AWS account, whatever the bucket\'s other settings say.',
    whyItMatters:
      'A single file made public this way is easy to miss and is downloaded the same as any public file; if it holds voter data, that data is out.',
    references: ['CIS AWS Foundations 2.1.4', 'NIST SP 800-53 AC-3', 'NIST SP 800-53 AC-22', 'Prowler s3_bucket_object_public'],
  },
  (bucket, ctx): ResourceVerdict[] => {
    const acls = bucket.objectAcls.kind === 'value' ? Object.entries(bucket.objectAcls.value).sort(([a], [b]) => a.localeCompare(b)) : [];
    if (acls.length) return acls.map(([key, acl]) => ({ resource: objectRef(bucket, key), verdict: objectVerdict(bucket, ctx, key, acl) }));
    if (isKnownEmpty(bucket)) return [];
    // No object ACL to name: the one finding is about the bucket.
    const neutral = publicAclsNeutralized(bucket, ctx.account);
    if (neutral.state === true) {
      return [{ resource: bucketRef(bucket), verdict: { status: 'pass', detail: `No object ACL in bucket ${bucket.name} can take effect: ${neutral.by} is in effect.`, evidence: { neutralizedBy: neutral.by } } }];
    }
    const what = `whether any object in bucket ${bucket.name} has a public ACL`;
    const verdict =
      bucket.objectAcls.kind === 'value'
        ? { status: 'unknown' as const, detail: `Cannot tell ${what}: no object ACL was sampled${bucket.objects.kind === 'value' ? '' : ` and ${whyUnreadable(bucket.objects)}`}.` }
        : unknownFrom(what, bucket.objectAcls, bucket.publicAccessBlock, ctx.account.publicAccessBlock);
    return [{ resource: bucketRef(bucket), verdict }];
  },
);
