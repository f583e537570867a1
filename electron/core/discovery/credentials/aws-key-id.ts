/**
 * AWS unique-id prefixes and what an access key id says about itself offline.
 *
 * IAM documents sixteen-character ids after a four-letter prefix that names what the id is
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
 * Only four of them name a credential someone can sign requests with, so only those alarm:
 * AKIA (an access key), ASIA (a temporary STS access key), ABIA (an STS service bearer token)
 * and ACCA (a context-specific credential). The others (AIDA user, AROA role, AGPA group,
 * AIPA instance profile, ANPA/ANVA managed policy and version, APKA public key, ASCA
 * certificate) identify principals and objects; they fill CloudTrail logs and IAM exports and
 * are not secrets, so finding one is not a finding.
 */

/** The rest of the id is base32 (A-Z, 2-7): 0, 1, 8 and 9 never occur, which keeps look-alikes out. */
export const ACCESS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g;

const WHOLE_KEY_ID = new RegExp(`^${ACCESS_KEY_ID.source}$`);

export function isAccessKeyId(s: string): boolean {
  return WHOLE_KEY_ID.test(s);
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The owning account, decoded the way sts:GetAccessKeyInfo does (Tal Be'ery's and Aidan
 * Steele's published method): characters 4 to 11 are 40 bits big-endian, whose top bit marks
 * the current id format; the next 39 bits and the top bit of character 12 are the 12-digit
 * account. Ids issued before about 2019 (fifth character below Q, like AWS's documentation
 * examples) do not carry the account: undefined.
 */
export function accountOfKeyId(id: string): string | undefined {
  if (!/^[A-Z]{4}[A-Z2-7]{9}/.test(id)) return undefined;
  let v = 0;
  for (let i = 4; i < 12; i++) v = v * 32 + BASE32.indexOf(id[i]);
  const top = 2 ** 39;
  if (v < top) return undefined;
  const account = 2 * (v - top) + (BASE32.indexOf(id[12]) >= 16 ? 1 : 0);
  return String(account).padStart(12, '0');
}

/** design.md's fingerprint for a key id: its first four and last four characters. */
export function redactKeyId(id: string): string {
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}
