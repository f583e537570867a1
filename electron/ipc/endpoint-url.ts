/**
 * An endpoint the SDK can be pointed at: http or https, and no user name or password in it
 * (credentials go elsewhere). The contract and the page's form check the same way.
 */
export function isEndpointUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
  } catch {
    return false;
  }
}
