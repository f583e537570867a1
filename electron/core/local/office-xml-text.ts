/**
 * The text of an Office document's XML parts (Word paragraphs, Excel shared strings and
 * cells), streamed, byte for byte: tags removed, entities decoded (a SAS URL's "&" is "&amp;"
 * there), a line per paragraph, string or row and a tab per cell, so a credential split across
 * Word's runs reads whole. UTF-8 in, UTF-8 out, never decoded to a string: Office XML is
 * mostly tags, and one pass over the bytes costs a fraction of decoding, three regex
 * replacements and encoding again (the Word and Excel files took 60% of a local scan's CPU).
 *
 * A tag runs from "<" to the next ">". A "<" that has no ">" within MAX_CARRY bytes is text, as
 * is an "&" that starts no entity. On well-formed XML that is all there is to it.
 */

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;
const SEMI = 0x3b;
const HASH = 0x23;
const X = 0x78;

/** An unfinished tag or entity is held for the next chunk, up to this long; longer is text. */
const MAX_CARRY = 65536;
/** Longer than any entity worth decoding: an "&" this far from the end of a chunk is text. */
const MAX_ENTITY = 64;

/** Closing or self-closing tags, by whole name ("w:p", not "w:pPr"), and what stands for them; by name length. */
const ENDS: { name: Uint8Array; out: number }[][] = [];
for (const [names, out] of [[['w:p', 'a:p', 'si', 'row', 'w:br', 'w:cr'], 10], [['c', 'w:tab'], 9]] as const) {
  for (const n of names) (ENDS[n.length] ??= []).push({ name: Buffer.from(n, 'latin1'), out });
}
/** Bytes that continue an XML name here: [A-Za-z0-9_:.-]. */
const NAME_CHAR = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_:.-') NAME_CHAR[c.charCodeAt(0)] = 1;
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) HEX['0123456789abcdef'.charCodeAt(i)] = HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
const NAMED: Record<string, number> = { amp: AMP, lt: LT, gt: GT, quot: 0x22, apos: 0x27 };

/** What the tag in data[lt..gt] (both brackets included) stands for: a newline, a tab or nothing (-1). */
function tagOutput(data: Buffer, lt: number, gt: number): number {
  let at: number;
  if (data[lt + 1] === SLASH) at = lt + 2;
  else if (data[gt - 1] === SLASH) at = lt + 1;
  else return -1;
  // The whole name: it ends before "/" or ">" at the latest (they are not name bytes).
  let end = at;
  while (NAME_CHAR[data[end]]) end++;
  for (const e of ENDS[end - at] ?? []) {
    let i = 0;
    while (i < e.name.length && data[at + i] === e.name[i]) i++;
    if (i === e.name.length) return e.out;
  }
  return -1;
}

/**
 * The entity at data[amp] written to out at o: the new output length, or -1 if it is not an
 * entity (the "&" is text), or -2 if it may be one but data ends first.
 */
function entity(data: Buffer, amp: number, end: number, out: Buffer, o: number): { next: number; o: number } | -1 | -2 {
  let i = amp + 1;
  if (i >= end) return -2;
  if (data[i] === HASH) {
    i++;
    const hex = data[i] === X;
    if (hex) i++;
    const from = i;
    let code = 0;
    for (; i < end; i++) {
      const d = hex ? HEX[data[i]] : data[i] >= 0x30 && data[i] <= 0x39 ? data[i] - 0x30 : -1;
      if (d < 0) break;
      // Past the last code point is as invalid as far past it; stop counting there.
      code = Math.min(code * (hex ? 16 : 10) + d, 0x110000);
    }
    if (i >= end) return -2;
    if (i === from || data[i] !== SEMI) return -1;
    return { next: i + 1, o: writeCodePoint(out, o, code) };
  }
  const from = i;
  while (i < end && data[i] >= 0x61 && data[i] <= 0x7a) i++;
  if (i >= end) return -2;
  if (i === from || data[i] !== SEMI) return -1;
  const named = NAMED[data.toString('latin1', from, i)];
  if (named !== undefined) out[o++] = named;
  return { next: i + 1, o };
}

/** UTF-8 of a code point; a surrogate or one past U+10FFFF is U+FFFD, as encoding the string would make it. */
function writeCodePoint(out: Buffer, o: number, c: number): number {
  if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) c = 0xfffd;
  if (c < 0x80) out[o++] = c;
  else if (c < 0x800) {
    out[o++] = 0xc0 | (c >> 6);
    out[o++] = 0x80 | (c & 63);
  } else if (c < 0x10000) {
    out[o++] = 0xe0 | (c >> 12);
    out[o++] = 0x80 | ((c >> 6) & 63);
    out[o++] = 0x80 | (c & 63);
  } else {
    out[o++] = 0xf0 | (c >> 18);
    out[o++] = 0x80 | ((c >> 12) & 63);
    out[o++] = 0x80 | ((c >> 6) & 63);
    out[o++] = 0x80 | (c & 63);
  }
  return o;
}

/** Text looked at byte by byte before indexOf takes over. */
const NEAR = 24;

function indexOrEnd(data: Buffer, byte: number, from: number): number {
  const at = data.indexOf(byte, from);
  return at < 0 ? data.length : at;
}

/**
 * Converts data[i..n) into out, up to an unfinished tag or entity that should wait for more
 * (unless final). Returns the output length; `held` is where the held bytes start (n if none).
 * A plain function of locals: as a closure over the converter's state it ran a quarter to a third slower.
 */
function convert(data: Buffer, i: number, final: boolean, out: Buffer, held: { at: number }): number {
  const n = data.length;
  let o = 0;
  /** No ">" after here: a run of "<" that never close costs one look, not one each. */
  let noGtAfter = n;
  /** The next "<" and "&" at or after a text run's first bytes, found by indexOf and kept until passed. */
  let nextLt = -1;
  let nextAmp = -1;
  held.at = n;
  while (i < n) {
    const b = data[i];
    if (b === LT) {
      let gt = i + 1;
      if (i >= noGtAfter) gt = n;
      else while (gt < n && data[gt] !== GT) gt++;
      if (gt < n) {
        const t = tagOutput(data, i, gt);
        if (t >= 0) out[o++] = t;
        i = gt + 1;
        continue;
      }
      noGtAfter = i;
      // No ">" yet: wait for it, unless this "<" never closes.
      if (!final && n - i <= MAX_CARRY) {
        held.at = i;
        return o;
      }
    } else if (b === AMP) {
      const e = entity(data, i, n, out, o);
      if (e === -2 && !final && n - i <= MAX_ENTITY) {
        held.at = i;
        return o;
      }
      if (typeof e === 'object') {
        i = e.next;
        o = e.o;
        continue;
      }
    }
    // Text up to the next tag or entity. A cell's value is a few bytes, a Word run hundreds:
    // copied byte by byte while looked at (a shared string's text a fifth quicker than looked
    // at, then copied), and past NEAR found by indexOf (memchr) and copied at once, which is
    // quicker on a long run and slower than the loop on a short one.
    out[o++] = b;
    let j = i + 1;
    const near = Math.min(n, i + NEAR);
    for (let c = data[j]; j < near && c !== LT && c !== AMP; c = data[++j]) out[o++] = c;
    if (j === near && j < n) {
      if (nextLt < j) nextLt = indexOrEnd(data, LT, j);
      if (nextAmp < j) nextAmp = indexOrEnd(data, AMP, j);
      const end = Math.min(nextLt, nextAmp);
      out.set(data.subarray(j, end), o);
      o += end - j;
      j = end;
    }
    i = j;
  }
  return o;
}

/**
 * A converter for one XML part: call with each chunk of its UTF-8 bytes, then with nothing at
 * the end. The text returned is valid until the next call (one output buffer is reused).
 */
export function officeXmlText(): (chunk?: Uint8Array) => Uint8Array {
  let carry = Buffer.alloc(0);
  let out = Buffer.alloc(0);
  let first = true;
  const held = { at: 0 };
  return (chunk) => {
    const final = chunk === undefined;
    const bytes = chunk ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.alloc(0);
    const data = carry.length ? Buffer.concat([carry, bytes]) : bytes;
    // Text never outgrows its XML: a tag gives at most one byte, an entity at most its own length.
    if (out.length < data.length) out = Buffer.allocUnsafe(Math.max(data.length, 2 * out.length));
    let i = 0;
    if (first) {
      // A byte-order mark is not text (decoding would have dropped it).
      if (data.length < 3 && !final) {
        carry = Buffer.from(data);
        return out.subarray(0, 0);
      }
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) i = 3;
      first = false;
    }
    const o = convert(data, i, final, out, held);
    // Copied: the chunk's buffer may be reused by its reader.
    carry = Buffer.from(data.subarray(held.at));
    return out.subarray(0, o);
  };
}
