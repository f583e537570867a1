/**
 * Where a credential may be: positions of strings every credential holds, each confirmed by
 * a cheap test of what must follow (or precede) it before any detector looks at the line.
 * Ordinary text has plenty of "==" (code), "Secret" (the Secretary of State) and "_key"
 * (JSON); without the confirmation each would cost a full look at its line.
 *
 * The strings start with characters rare in prose (upper case, "_", "=", "&") so that the
 * regex engine and indexOf skip through ordinary text at several hundred MB/s; lower-case
 * starts (like "secret") would make every "s" a candidate.
 */
const ANCHOR_REGEX = /A(?:KIA|SIA|BIA|CCA|WSAccessKeyId)|ECRET|==|X-Amz-S|[&?;]sig=/g;
const ANCHOR_STRINGS = ['_secret', 'Secret', '_account"', '_key"'];

/** A credential prefix with a key id's shape. */
const KEY_ID = /(?<![A-Za-z0-9])A[A-Z]{3}[A-Z2-7]{16}(?![A-Za-z0-9])/y;
/** A secret's name followed by a 40-character value (aws.ts checks the name and the value). */
const SECRET = /[A-Za-z_]{0,40}(?:[ .-][A-Za-z]+){0,3}["']?\s*(?:=>|[:=])\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/y;
/** An Azure storage key ends here: 86 base64 characters then "==". */
const STORAGE_KEY = /[A-Za-z0-9+/]{86}==/y;
const AMZ_SIGNATURE = /X-Amz-Signature=[0-9a-fA-F]{64}/y;
const SAS_SIGNATURE = /[&?;]sig=[A-Za-z0-9%+/]{40}/y;
const SERVICE_ACCOUNT_TYPE = /"type"\s{0,20}:\s{0,20}"service_account"$/;
const PRIVATE_KEY = /private_key"\s*:\s*"-----BEGIN/y;

function confirmed(buf: string, p: number, anchor: string): boolean {
  const at = (re: RegExp, pos: number) => {
    if (pos < 0) return false;
    re.lastIndex = pos;
    return re.test(buf);
  };
  switch (anchor) {
    case 'AKIA':
    case 'ASIA':
    case 'ABIA':
    case 'ACCA':
      return at(KEY_ID, p);
    case 'ECRET':
    case '_secret':
    case 'Secret':
      return at(SECRET, p + anchor.length);
    case '==':
      return at(STORAGE_KEY, p - 86);
    case 'X-Amz-S':
      return at(AMZ_SIGNATURE, p);
    case '_account"':
      return SERVICE_ACCOUNT_TYPE.test(buf.slice(Math.max(0, p - 56), p + 9));
    case '_key"':
      return at(PRIVATE_KEY, p - 7);
    case 'AWSAccessKeyId':
      return true;
    default:
      return at(SAS_SIGNATURE, p);
  }
}

/** Confirmed anchor positions in [from, to) of buf, in order. */
export function anchorsIn(buf: string, from: number, to: number): number[] {
  const found: number[] = [];
  ANCHOR_REGEX.lastIndex = from;
  for (let m = ANCHOR_REGEX.exec(buf); m && m.index < to; m = ANCHOR_REGEX.exec(buf)) if (confirmed(buf, m.index, m[0])) found.push(m.index);
  for (const s of ANCHOR_STRINGS) for (let i = buf.indexOf(s, from); i >= 0 && i < to; i = buf.indexOf(s, i + 1)) if (confirmed(buf, i, s)) found.push(i);
  return found.sort((a, b) => a - b);
}
