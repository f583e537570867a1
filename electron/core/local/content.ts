/** What the first block of a file says it is, before anything is decoded. */
export type ContentKind = 'zip' | 'binary' | 'utf8' | 'utf16le' | 'utf16be';

/** Control characters other than tab, newlines, form feed and escape are rare in text. */
const CONTROL_RATIO = 0.1;
const SAMPLE = 8192;

export function sniffContent(head: Uint8Array): ContentKind {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7) && head[3] === head[2] + 1) return 'zip';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return head[2] === 0 && head[3] === 0 && head.length >= 4 ? 'binary' : 'utf16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
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
