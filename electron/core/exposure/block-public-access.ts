import type { AccountInventory, BucketInventory, PublicAccessBlock } from '../collect/inventory';
import { whyUnreadable, type Observed } from '../collect/observed';
import { or, type Tri } from './tristate';

/** One flag's value from one level: true/false when read (absent config = all off), unknown when not. */
function flagAt(o: Observed<PublicAccessBlock>, flag: keyof PublicAccessBlock): Tri {
  if (o.kind === 'value') return o.value[flag];
  if (o.kind === 'none') return false;
  return 'unknown';
}

/**
 * A flag in effect for a bucket: S3 applies the most restrictive combination of the account
 * and bucket settings, so a flag is on if it is on at either level.
 */
export function effectiveFlag(bucket: BucketInventory, account: AccountInventory, flag: keyof PublicAccessBlock): Tri {
  return or(flagAt(bucket.publicAccessBlock, flag), flagAt(account.publicAccessBlock, flag));
}

/** Where a flag is set, for the finding's explanation. */
export function flagSource(bucket: BucketInventory, account: AccountInventory, flag: keyof PublicAccessBlock): string {
  const b = flagAt(bucket.publicAccessBlock, flag);
  const a = flagAt(account.publicAccessBlock, flag);
  if (b === true && a === true) return 'bucket and account';
  if (b === true) return 'bucket';
  if (a === true) return 'account';
  const why = [bucket.publicAccessBlock, account.publicAccessBlock].map(whyUnreadable).filter(Boolean);
  return why.length ? `unknown (${why.join('; ')})` : 'off';
}

/**
 * Whether public ACL grants on a bucket and its objects are without effect: ACLs are
 * disabled by Object Ownership BucketOwnerEnforced, or IgnorePublicAcls is on at bucket or
 * account level. `by` names the setting, for the finding's explanation.
 */
export function publicAclsNeutralized(bucket: BucketInventory, account: AccountInventory): { state: Tri; by?: string } {
  if (bucket.ownership.kind === 'value' && bucket.ownership.value === 'BucketOwnerEnforced') {
    return { state: true, by: 'Object Ownership BucketOwnerEnforced (ACLs are disabled)' };
  }
  const ipa = effectiveFlag(bucket, account, 'IgnorePublicAcls');
  return { state: ipa, by: ipa === true ? `IgnorePublicAcls (on at ${flagSource(bucket, account, 'IgnorePublicAcls')} level)` : undefined };
}
