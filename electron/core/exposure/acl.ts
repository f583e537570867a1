import type { AccessControlList, Grant } from '../collect/inventory';

export const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

/** ACL grants AWS counts as public: any permission to AllUsers or AuthenticatedUsers. */
export function publicGrants(acl: AccessControlList, permissions: string[]): Grant[] {
  return acl.Grants.filter(
    (g) =>
      g.Grantee.Type === 'Group' &&
      (g.Grantee.URI === ALL_USERS || g.Grantee.URI === AUTHENTICATED_USERS) &&
      permissions.includes(g.Permission),
  );
}

export function groupName(uri: string | undefined): string {
  if (uri === ALL_USERS) return 'AllUsers (anyone on the internet)';
  if (uri === AUTHENTICATED_USERS) return 'AuthenticatedUsers (anyone with any AWS account)';
  return uri ?? 'unknown group';
}

/** Bucket-ACL permissions by what they let a grantee do (READ lists, WRITE/WRITE_ACP write, FULL_CONTROL both). */
export const ACL_LIST = ['READ', 'FULL_CONTROL'];
export const ACL_WRITE = ['WRITE', 'WRITE_ACP', 'FULL_CONTROL'];
/** On an object ACL, READ reads the object. */
export const ACL_OBJECT_READ = ['READ', 'FULL_CONTROL'];
/** AWS counts an ACL public if it grants any permission at all to AllUsers or AuthenticatedUsers. */
export const ACL_ANY = ['READ', 'WRITE', 'READ_ACP', 'WRITE_ACP', 'FULL_CONTROL'];
