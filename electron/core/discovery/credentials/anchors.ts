/**
 * Where a credential may be: positions of strings every credential holds, each confirmed by
 * a cheap test of what must follow (or precede) it before any detector looks at the line.
 * Ordinary text has plenty of "==" (code), "secret" (the Secretary of State) and "_key"
 * (JSON); without the confirmation each would cost a full look at its line.
 *
 * The strings are rare in prose, or start with characters that are ("=", "_", upper case),
 * so that the regex engine and indexOf skip through ordinary text at several hundred MB/s.
 * "ecret" (any "secret": secretAccessKey, aws-secret-access-key, Secret, _secret) is common:
 * the regex takes it only where an assignment follows (see SECRET).
 */

/**
 * What the secret test reads between "ecret" and its ":" or "=": the rest of the name, up to
 * three more words, a quote, spaces. Bounded, so that the anchor regex (whose lookahead it is)
 * need read only so far past a piece: a word of 40 letters, or 200 spaces before the "=", is
 * more than any real file has.
 */
const NAME_MAX = 40;
const SECRET_NAME = `[A-Za-z_]{0,${NAME_MAX}}(?:[ .-][A-Za-z]{1,${NAME_MAX}}){0,3}["']?`;
const SPACES_MAX = 200;
/**
 * In UTF-8 read one byte per character (latin1), a Unicode space other than ASCII's is two or
 * three bytes of 0x80-0xff: allowing those wherever text allows \s (three times as many) makes
 * the byte test pass whenever the text test would (it may pass more often; the text test decides).
 */
const BYTE_SPACE = '[\\s\\x80-\\xff]';
const BYTE_SPACES = `${BYTE_SPACE}{0,${3 * SPACES_MAX}}`;
/**
 * "ecret" opens every "Secretary of State" of an election office's prose (one in 750 bytes of
 * the bench tree's text): with the secret test's beginning as a lookahead, the regex engine
 * passes over those itself instead of stopping for a test in JavaScript at each (a fifth of
 * the anchor search's time). The lookahead allows bytes' spaces, so it holds wherever the
 * secret test passes, on text or bytes.
 */
/**
 * A secret given after spaces, as a command's argument: `aws configure set
 * aws_secret_access_key KEY`, `-SecretKey KEY`. Only a 40-character key shape right after them.
 */
const GIVEN_AFTER_SPACES = `[ \\t]{1,${NAME_MAX}}["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])`;
const SECRET = `(?:ECRET|ecret)(?=${SECRET_NAME}(?:${BYTE_SPACES}[:=]|${GIVEN_AFTER_SPACES}))`;
/** How far past its start the anchor regex may read: a "secret" name and its spaces (longer than a key given after spaces). */
const RARE_REACH = 'ecret'.length + NAME_MAX + 3 * (1 + NAME_MAX) + 1 + 3 * SPACES_MAX + 1;
/**
 * The anchors found by one regex over the bytes read one per character: rare in ordinary
 * text, or like "ecret" quicker here than by indexOf (whose memchr would stop at every "e").
 */
const RARE = `A(?:KIA|SIA|BIA|CCA|WSAccessKeyId)|${SECRET}|X-Amz-S|[&?;]sig=`;
/** On text, "==" too (on bytes it is found by indexOf). */
const ANCHOR_REGEX = new RegExp(`${RARE}|==`, 'g');

/** A credential prefix with a key id's shape. */
const KEY_ID = /(?<![A-Za-z0-9])A[A-Z]{3}[A-Z2-7]{16}(?![A-Za-z0-9])/y;
/** An Azure storage key ends here: 86 base64 characters then "==". */
const STORAGE_KEY = /[A-Za-z0-9+/]{86}==/y;
const BASE64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64[c.charCodeAt(0)] = 1;
const AMZ_SIGNATURE = /X-Amz-Signature=[0-9a-fA-F]{64}/y;
const SAS_SIGNATURE = /[&?;]sig=[A-Za-z0-9%+/]{40}/y;

/** The tests that allow white space, built for text (\s) or for bytes seen one per character (see BYTE_SPACE). */
function spaced(ws: string, upTo20: string, spaces: string) {
  return {
    /** A secret's name followed by a 40-character value (aws.ts checks the name and the value). */
    secret: new RegExp(`${SECRET_NAME}(?:${spaces}(?:=>|[:=])${ws}*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])|${GIVEN_AFTER_SPACES})`, 'y'),
    // A quote may be escaped (gcp.ts).
    serviceAccountType: new RegExp(`"type\\\\?"${ws}${upTo20}:${ws}${upTo20}\\\\?"service_account\\\\?"$`),
    privateKey: new RegExp(`private_key\\\\?"${ws}*:${ws}*\\\\?"-----BEGIN`, 'y'),
  };
}
const TEXT = spaced('\\s', '{0,20}', `\\s{0,${SPACES_MAX}}`);
const BYTES = spaced(BYTE_SPACE, '{0,60}', BYTE_SPACES);
/** The secret tests, text and bytes: exported for the test of the anchors' lookahead. */
export const SECRET_TESTS = [TEXT.secret, BYTES.secret];

/** How far before "_account\"" the service-account test looks, in characters and in bytes. */
const TYPE_BACK = { text: 56, bytes: 140 };

function confirmed(buf: string, p: number, anchor: string, re: typeof TEXT, typeBack: number): boolean {
  const at = (r: RegExp, pos: number) => {
    if (pos < 0) return false;
    r.lastIndex = pos;
    return r.test(buf);
  };
  switch (anchor) {
    case 'AKIA':
    case 'ASIA':
    case 'ABIA':
    case 'ACCA':
      return at(KEY_ID, p);
    case 'ECRET':
    case 'ecret':
      return at(re.secret, p + anchor.length);
    case '==':
      // Most "==" is code ("a == b"): the characters either end of a key settle it before the regex runs.
      return BASE64[buf.charCodeAt(p - 1)] === 1 && BASE64[buf.charCodeAt(p - 86)] === 1 && at(STORAGE_KEY, p - 86);
    case 'X-Amz-S':
      return at(AMZ_SIGNATURE, p);
    case '_account"':
      return re.serviceAccountType.test(buf.slice(Math.max(0, p - typeBack), p + (buf.charCodeAt(p + 8) === 0x5c ? 10 : 9)));
    case '_key"':
      return at(re.privateKey, p - 7);
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
  for (let m = ANCHOR_REGEX.exec(buf); m && m.index < to; m = ANCHOR_REGEX.exec(buf)) if (confirmed(buf, m.index, m[0], TEXT, TYPE_BACK.text)) found.push(m.index);
  // The needles byteAnchorsIn looks for by indexOf, but "==" (in the regex here).
  for (const a of INDEXED) {
    if (a.anchor === '==') continue;
    for (let i = buf.indexOf(a.needle, Math.max(0, from - a.shift)); i >= 0 && i + a.shift < to; i = buf.indexOf(a.needle, i + 1)) {
      const p = i + a.shift;
      if (p >= from && confirmed(buf, p, a.anchor, TEXT, TYPE_BACK.text)) found.push(p);
    }
  }
  return found.sort((a, b) => a - b);
}

/**
 * Found with Buffer.indexOf: common in office text and code, or starting with "_", which is
 * common in code: in the regex, the engine would stop at each. Each is looked for by a needle
 * that every confirmed anchor has `shift` bytes before it, chosen for speed: Node's indexOf is
 * four times slower on needles of eight bytes or more here ("_account\"" 49 ms on 62 MB,
 * "_accoun" 11 ms), and "_key\"" is in every other JSON key, "vate_ke" only in "private_key"
 * (whose "i" is so common a first byte that "ivate_k" took twice as long: 36 ms, 16 ms).
 */
const INDEXED = [
  { anchor: '==', needle: '==', shift: 0 },
  { anchor: '_key"', needle: 'vate_ke', shift: 4 },
  { anchor: '_account"', needle: '_accoun', shift: 0 },
].map((a) => ({ ...a, bytes: Buffer.from(a.needle, 'latin1') }));
const LONGEST_NEEDLE = Math.max(...INDEXED.map((a) => a.needle.length));
const RARE_REGEX = new RegExp(RARE, 'g');

/**
 * Anchors in [from, to) of UTF-8 bytes, given also as `view`, the same bytes one per character
 * (latin1). The anchors are ASCII, and an ASCII byte in UTF-8 is always that character, so
 * every anchor the text test confirms in the decoded text is found and confirmed here too
 * (with at least as much of what follows it); a few more may be, and the text test decides.
 */
export function byteAnchorsIn(bytes: Buffer, view: string, from: number, to: number): number[] {
  const found: number[] = [];
  // The searches end where what an anchor starting before `to` may read ends: otherwise they
  // would go on through what lies past it, there for the tests. (A slice of a string is a view.)
  const rareIn = view.slice(0, to + RARE_REACH);
  RARE_REGEX.lastIndex = from;
  for (let m = RARE_REGEX.exec(rareIn); m && m.index < to; m = RARE_REGEX.exec(rareIn)) if (confirmed(view, m.index, m[0], BYTES, TYPE_BACK.bytes)) found.push(m.index);
  const searched = bytes.subarray(0, to + LONGEST_NEEDLE);
  for (const a of INDEXED) {
    for (let i = searched.indexOf(a.bytes, Math.max(0, from - a.shift)); i >= 0 && i + a.shift < to; i = searched.indexOf(a.bytes, i + 1)) {
      const p = i + a.shift;
      if (p >= from && confirmed(view, p, a.anchor, BYTES, TYPE_BACK.bytes)) found.push(p);
    }
  }
  return found.sort((a, b) => a - b);
}
