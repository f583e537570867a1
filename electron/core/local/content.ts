/** What the first block of a file says it is, before anything is decoded. */
export type ContentKind = 'zip' | 'binary' | 'utf8' | 'utf16le' | 'utf16be';

/** Control characters other than tab, newlines, form feed and escape are rare in text. */
const CONTROL_RATIO = 0.1;
const SAMPLE = 8192;

/**
 * Whether the bytes after a UTF-16 byte-order mark read as UTF-16 text: no broken surrogate
 * pair, few control characters (as for UTF-8), and the zero bytes on the high byte of the code
 * units, as spaces, digits, tabs and line ends put them. Bytes with no zero byte (ASCII, other
 * 8-bit text, invalid UTF-8) that happen to start with FF FE or FE FF are not UTF-16: read as
 * it, a key in them would turn into CJK characters and go unseen. A trailing odd byte, or a
 * high surrogate cut off at the end of the sample, is tolerated.
 */
function looksUtf16(head: Uint8Array, littleEndian: boolean): boolean {
  const end = 2 + (Math.min(head.length - 2, SAMPLE) & ~1);
  const units = (end - 2) / 2;
  if (units === 0) return true;
  let control = 0;
  let zeroHigh = 0;
  let zeroLow = 0;
  let highSurrogate = false;
  for (let i = 2; i < end; i += 2) {
    const hi = head[littleEndian ? i + 1 : i];
    const lo = head[littleEndian ? i : i + 1];
    const u = (hi << 8) | lo;
    if (u >= 0xdc00 && u <= 0xdfff) {
      if (!highSurrogate) return false;
      highSurrogate = false;
      continue;
    }
    if (highSurrogate) return false;
    if (u >= 0xd800 && u <= 0xdbff) {
      highSurrogate = true;
      continue;
    }
    if (hi === 0) {
      if (lo < 0x20 ? lo !== 9 && lo !== 10 && lo !== 13 && lo !== 12 && lo !== 11 && lo !== 27 : lo >= 0x7f && lo <= 0x9f) control++;
      else zeroHigh++;
    } else if (lo === 0) zeroLow++;
    else if (u === 0xfffe || u === 0xffff) control++;
  }
  return control / units <= CONTROL_RATIO && zeroHigh > zeroLow;
}

export function sniffContent(head: Uint8Array): ContentKind {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7) && head[3] === head[2] + 1) return 'zip';
  // A mark alone is not enough: what follows it must read as UTF-16 (UTF-32's FF FE 00 00 does not).
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe && looksUtf16(head, true)) return 'utf16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff && looksUtf16(head, false)) return 'utf16be';
  // NUL never appears in UTF-8 text; UTF-16 without a byte-order mark is taken for binary.
  if (Buffer.from(head.buffer, head.byteOffset, head.byteLength).indexOf(0) !== -1) return 'binary';
  const n = Math.min(head.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 11 && b !== 27) control++;
  }
  return n > 0 && control / n > CONTROL_RATIO ? 'binary' : 'utf8';
}

/** Decodes a text stream chunk by chunk; invalid bytes become U+FFFD, a byte-order mark is dropped. */
export function textDecoder(kind: 'utf8' | 'utf16le' | 'utf16be'): (chunk?: Uint8Array) => string {
  const d = new TextDecoder(kind === 'utf8' ? 'utf-8' : kind === 'utf16le' ? 'utf-16le' : 'utf-16be');
  return (chunk) => (chunk ? d.decode(chunk, { stream: true }) : d.decode());
}

const TABULAR_EXT = /\.(csv|tsv|tab|psv|txt|dat|prn|asc|text|lst)$/i;
const DELIMITED = [',', '\t', '|', ';'];

/**
 * Worth the voter-file classifier: a table's extension, or a first line (of UTF-8 text) split
 * by a delimiter at least twice. Fixed-width extracts are caught by their extension.
 */
export function looksTabular(name: string, head: Uint8Array): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (TABULAR_EXT.test(base) || !base.includes('.')) return true;
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const nl = b.indexOf(10);
  const first = b.toString('latin1', 0, nl === -1 ? Math.min(b.length, 4096) : Math.min(nl, 4096));
  return DELIMITED.some((d) => first.split(d).length > 2);
}
