/**
 * Reads a file's UTF-8 bytes for the scanner without decoding all of them: the anchors are
 * searched in the bytes (anchors.ts, byteAnchorsIn), and only the lines around one
 * are decoded and handed to the scanner; the lines in between are handed as a count (gap).
 * Decoding every byte to a string and searching the string took most of a scan's time.
 *
 * The scanner's findings stay those of the whole text: what it reads around an anchor (the
 * line clipped to RUN_MAX either side, NEAR_LINES lines within RUN_MAX, a section header up
 * to SECTION_BACK before) lies inside the decoded span, and the spans start and end on line
 * boundaries (on a line longer than EXTEND, beside a delimiter), so the decoded text is
 * exactly the file's and its lines keep their numbers.
 */
import { isAscii } from 'node:buffer';
import { byteAnchorsIn } from './anchors';
import { INI_KEYS } from './aws';
import type { Scanner } from './scanner';
import { NEAR_LINES, RUN_MAX } from './window';

/** How far back the scanner looks for an INI section header. */
const SECTION_BACK = 4096;
/** Characters to spare either side of what the scanner reads. */
const SLACK = 1024;
/** Characters (UTF-16 code units) before and after an anchor that the scanner may read, at most. */
const BEFORE = RUN_MAX + SECTION_BACK + SLACK;
const AFTER = RUN_MAX + SLACK;
/** A code unit takes one byte in ASCII, at most three in UTF-8 (or one U+FFFD per invalid byte). */
const WIDEST = 3;
/** How far a decoded span is stretched to reach a line boundary. */
const EXTEND = 4096;
/** What the byte test of an anchor looks at before it (the service-account "type"). */
const BACK = 256;
const NL = 10;
/** Bytes gathered before a pass: many times the carry (2 * WIDEST * (BEFORE + AFTER) or so). */
const BATCH = 1024 * 1024;
/** What an anchor's test may read past it: AFTER characters, as many bytes as they may take. */
const LOOK = WIDEST * AFTER;
/**
 * A string longer than about 128 KiB goes to V8's large-object space, each in its own mapped
 * pages: made for every batch, such strings cost eight times the copy itself and took a
 * tenth of a local scan's time. The search view stays under that.
 */
const VIEW_MAX = 127 * 1024;
/** Bytes searched per view (exported for the tests of its edges). */
export const PIECE = VIEW_MAX - BACK - LOOK;

/**
 * The work buffer of the scan that ended last on this thread, for the next one: a new buffer of
 * a megabyte or more for every file was most of a local scan's garbage, and every few files
 * it made V8 run a full collection. Taken by one scan at a time, never shared.
 */
let spare: Buffer | undefined;
const SPARE_MAX = 4 * BATCH;

interface Span {
  from: number;
  /** Hot up to here at least, then to the end of that line. */
  to: number;
}

export class ByteFront {
  /** The bytes not yet handed on (and BACK before them), starting at file offset `base`, then the new chunk: one buffer reused. */
  private work: Buffer = Buffer.alloc(0);
  private kept = 0;
  private base = 0;
  /** File offsets: handed on up to here; anchors searched up to here. */
  private handed = 0;
  private searched = 0;
  /** Spans found and not yet handed on in full, in order, from handed on. */
  private spans: Span[] = [];
  /** Whether the bytes just handed on were decoded (the decoder may hold part of a character). */
  private hot = false;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly scanner: Scanner) {
    this.work = spare ?? this.work;
    spare = undefined;
  }

  push(chunk: Uint8Array): void {
    const n = this.kept + chunk.byteLength;
    if (n > this.work.length) {
      const grown = Buffer.allocUnsafe(n);
      this.work.copy(grown, 0, 0, this.kept);
      this.work = grown;
    }
    this.work.set(chunk, this.kept);
    // Small pieces (an archive member inflates 16 KiB at a time) wait: each pass costs the carry again.
    if (n < BATCH) this.kept = n;
    else this.process(this.work.subarray(0, n), false);
  }

  end(): void {
    this.process(this.work.subarray(0, this.kept), true);
    if (this.work.length <= SPARE_MAX) spare = this.work;
    this.work = Buffer.alloc(0);
  }

  private process(data: Buffer, final: boolean): void {
    const end = this.base + data.length;
    // An anchor is judged with AFTER characters after it at least (the text scanner is sure of RUN_MAX).
    const searchTo = final ? end : end - WIDEST * AFTER;
    // Searched a piece at a time: the bytes one per character (for the anchors' regex and
    // tests), from what the tests look back at to LOOK past the piece, each string short
    // enough for V8's young generation.
    for (let a = this.searched - this.base; a < searchTo - this.base; ) {
      const b = Math.min(searchTo - this.base, a + PIECE);
      const lo = Math.max(0, a - BACK);
      const hi = Math.min(data.length, b + LOOK);
      for (const p of byteAnchorsIn(data.subarray(lo, hi), data.toString('latin1', lo, hi), a - lo, b - lo)) this.addSpan(data, this.base + lo + p);
      a = b;
    }
    this.searched = Math.max(this.searched, searchTo);
    // A span found later starts at most WIDEST * BEFORE + EXTEND before its anchor.
    const limit = final ? end : this.searched - WIDEST * BEFORE - EXTEND;
    if (limit > this.handed) this.handOn(data, limit, final);
    const keepFrom = Math.max(0, Math.min(this.handed, this.searched) - BACK - this.base);
    if (!final) {
      this.work.copyWithin(0, keepFrom, data.length);
      this.kept = data.length - keepFrom;
      this.base += keepFrom;
    }
  }

  /**
   * Marks the bytes the scanner may read around the anchor at file offset p: back to a section
   * header's reach above the anchor's line or NEAR_LINES lines up, whichever is farther, and on
   * to the end of the NEAR_LINES-th line below it (see spanEnd).
   */
  private addSpan(data: Buffer, p: number): void {
    const at = p - this.base;
    const wide = isAscii(data.subarray(Math.max(0, at - WIDEST * BEFORE), at + WIDEST * AFTER)) ? 1 : WIDEST;
    const floor = Math.max(0, at - wide * RUN_MAX);
    const nl = data.subarray(floor, at).lastIndexOf(NL);
    const lineFrom = nl >= 0 ? floor + nl + 1 : floor;
    let near = lineFrom;
    for (let i = 0; i < NEAR_LINES && near > floor; i++) near = floor + data.subarray(floor, near - 1).lastIndexOf(NL) + 1;
    // The window starts at the line's start if that is a real one within RUN_MAX characters
    // (bytes here: no more characters than that); a section header is looked for above it only
    // if the line is an AWS credentials-file line (aws.ts, iniSection). Otherwise, as far as
    // the scanner may look whatever the line holds.
    const lineKnown = nl >= 0 && at - lineFrom <= RUN_MAX;
    const reach = lineKnown && !isIniLine(data, lineFrom) ? near : Math.min(near, lineFrom - wide * SECTION_BACK);
    const back = reach - wide * SLACK;
    const from = Math.max(this.handed, this.lineStart(data, this.base + back));
    const to = this.spanEnd(data, at, wide);
    const last = this.spans.at(-1);
    if (last && from <= last.to + EXTEND) last.to = Math.max(last.to, to);
    else this.spans.push({ from, to });
  }

  /**
   * Where the bytes the scanner may read after the anchor at data[at] end: below the anchor's
   * line it reads NEAR_LINES lines at most, and none past RUN_MAX characters from the anchor
   * (window.ts), so the span reaches the newline ending the NEAR_LINES-th line below (handOn
   * takes a span on to the end of its last line), if it is within that reach; otherwise
   * AFTER characters on, as far as the scanner could read.
   * Ending on short lines' last newline instead of AFTER on made the text handed to the
   * scanner two to three times smaller.
   */
  private spanEnd(data: Buffer, at: number, wide: number): number {
    const reach = data.subarray(at, Math.min(data.length, at + wide * RUN_MAX));
    let nl = reach.indexOf(NL);
    for (let i = 0; i < NEAR_LINES && nl >= 0; i++) nl = reach.indexOf(NL, nl + 1);
    return this.base + (nl >= 0 ? at + nl : at + wide * AFTER);
  }

  /** Hands bytes [handed, limit) on: spans decoded, the rest as a count of lines. */
  private handOn(data: Buffer, limit: number, final: boolean): void {
    while (this.handed < limit) {
      const span = this.spans[0];
      if (!span || span.from > this.handed) {
        const to = Math.min(limit, span ? span.from : limit);
        this.cold(data, to, final && !span);
        continue;
      }
      // A span whose end (and the line end after it) is not in reach yet goes on in the next push.
      const end = Math.max(span.to, this.handed);
      const open = !final && end + EXTEND >= limit;
      const to = open ? limit : Math.min(limit, this.lineEnd(data, end, final ? limit : end + EXTEND));
      this.scanner.push(this.decoder.decode(data.subarray(this.handed - this.base, to - this.base), { stream: true }));
      this.hot = true;
      this.handed = to;
      if (!open) this.spans.shift();
    }
  }

  /**
   * Hands bytes on as a count of lines. The last gap (`toEnd`: no anchor after it in the file)
   * numbers no line below it, so whether it holds a newline is all the scanner needs: a file
   * read in one pass (under BATCH) with no anchor, as most are, is never counted.
   */
  private cold(data: Buffer, to: number, toEnd: boolean): void {
    if (this.hot) {
      this.scanner.push(this.decoder.decode());
      this.hot = false;
    }
    const part = data.subarray(this.handed - this.base, to - this.base);
    let lines = 0;
    if (toEnd) lines = part.includes(NL) ? 1 : 0;
    else for (let i = part.indexOf(NL); i >= 0; i = part.indexOf(NL, i + 1)) lines++;
    this.scanner.gap(lines);
    this.handed = to;
  }

  /** The start of the line holding file offset p, or a point just after a delimiter, within EXTEND before it. */
  private lineStart(data: Buffer, p: number): number {
    if (p <= this.base) return this.base;
    const at = p - this.base;
    const from = Math.max(0, at - EXTEND);
    const nl = data.subarray(from, at).lastIndexOf(NL);
    if (nl >= 0) return this.base + from + nl + 1;
    for (let i = at - 1; i >= from; i--) if (DELIMITER[data[i]]) return this.base + i + 1;
    return p;
  }

  /** Just after the newline ending the line at file offset p, or just before a delimiter, not past `max`. */
  private lineEnd(data: Buffer, p: number, max: number): number {
    const at = p - this.base;
    const stop = Math.min(max, this.base + data.length) - this.base;
    if (at >= stop) return this.base + stop;
    const nl = data.subarray(at, stop).indexOf(NL);
    if (nl >= 0) return this.base + at + nl + 1;
    for (let i = at; i < stop; i++) if (DELIMITER[data[i]]) return this.base + i;
    return this.base + stop;
  }
}

const INI_KEY_BYTES = INI_KEYS.map((k) => Buffer.from(k, 'latin1'));

/** Whether the line starting at data[from] starts as an AWS credentials-file line: spaces or tabs, then one of its keys. */
function isIniLine(data: Buffer, from: number): boolean {
  let i = from;
  while (data[i] === 0x20 || data[i] === 0x09) i++;
  return INI_KEY_BYTES.some((k) => data.subarray(i, i + k.length).equals(k));
}

/** Bytes that end a token in any credential's syntax: a span cut beside one cuts no token in two. */
const DELIMITER = new Uint8Array(256);
for (const c of ' \t\r,;"\'<>()[]{}|') DELIMITER[c.charCodeAt(0)] = 1;
