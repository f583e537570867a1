import { z } from 'zod';
import { ALL_USERS, AUTHENTICATED_USERS } from '../exposure/acl';
import { unreadable } from './aws-config-values';
import type { AccessControlList, Grant, Grantee } from './inventory';
import type { Observed } from './observed';

/**
 * A bucket ACL as AWS Config records it (supplementaryConfiguration.AccessControlList):
 * `{"grantSet": null, "grantList": [{"grantee": ..., "permission": "FullControl"}],
 * "owner": {"id": ..., "displayName": ...}}`. A group grantee is a bare name ("AllUsers"),
 * a canonical user is `{"id", "displayName"}`, and permissions are camel case.
 */

const grantSchema = z.object({
  grantee: z.union([z.string(), z.record(z.string(), z.unknown())]),
  permission: z.string(),
});
export const configAclSchema = z.object({
  owner: z.object({ id: z.string().nullish(), displayName: z.string().nullish() }).nullish(),
  grantList: z.array(grantSchema).nullish(),
  grantSet: z.array(grantSchema).nullish(),
});

const GROUPS = new Map([
  ['AllUsers', ALL_USERS],
  ['AuthenticatedUsers', AUTHENTICATED_USERS],
  ['LogDelivery', 'http://acs.amazonaws.com/groups/s3/LogDelivery'],
]);
const GROUP_URI = /^https?:\/\/acs\.amazonaws\.com\/groups\//;

const PERMISSIONS = new Map([
  ['FullControl', 'FULL_CONTROL'],
  ['Read', 'READ'],
  ['Write', 'WRITE'],
  ['ReadAcp', 'READ_ACP'],
  ['WriteAcp', 'WRITE_ACP'],
]);
const S3_PERMISSIONS = new Set(PERMISSIONS.values());

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * A grantee in the S3 API's shape. One that cannot be placed makes the whole ACL unknown:
 * a group spelled in an unforeseen way must never be taken for a private grantee.
 */
function grantee(g: string | Record<string, unknown>): Grantee | undefined {
  if (typeof g === 'string') {
    const uri = GROUPS.get(g) ?? (GROUP_URI.test(g) ? g : undefined);
    return uri ? { Type: 'Group', URI: uri } : undefined;
  }
  const id = str(g.id);
  if (id) return { Type: 'CanonicalUser', ID: id, ...(str(g.displayName) ? { DisplayName: str(g.displayName) } : {}) };
  const email = str(g.emailAddress);
  if (email) return { Type: 'AmazonCustomerByEmail', EmailAddress: email };
  const uri = str(g.uri) ?? str(g.URI);
  if (uri && GROUP_URI.test(uri)) return { Type: 'Group', URI: uri };
  return undefined;
}

export function mapAcl(v: z.infer<typeof configAclSchema>, call: string): Observed<AccessControlList> {
  const grants: Grant[] = [];
  for (const g of v.grantList ?? v.grantSet ?? []) {
    const who = grantee(g.grantee);
    const permission = PERMISSIONS.get(g.permission) ?? (S3_PERMISSIONS.has(g.permission) ? g.permission : undefined);
    if (!who) return unreadable(call, `grantee ${JSON.stringify(g.grantee)} is not one Canvass can place`);
    if (!permission) return unreadable(call, `permission "${g.permission}" is not an S3 ACL permission`);
    grants.push({ Grantee: who, Permission: permission });
  }
  const owner = v.owner?.id ? { ID: v.owner.id, ...(v.owner.displayName ? { DisplayName: v.owner.displayName } : {}) } : undefined;
  return { kind: 'value', value: { ...(owner ? { Owner: owner } : {}), Grants: grants } };
}
