/**
 * Finds storage credentials in a file's text, streamed in chunks of any size: AWS access key
 * ids (with or without their secret nearby) and credentials/config files, Azure storage keys,
 * connection strings and SAS tokens, Google Cloud service-account key files, and presigned S3
 * URLs. A hit names the kind, the line and a redacted fingerprint; no secret ever leaves this
 * module.
 *
 * Speed comes from the anchors (anchors.ts): strings every credential contains (AKIA, sig=,
 * X-Amz-Signature, ...), found by one regex and indexOf and each confirmed by a cheap test;
 * the detectors only look at the line around a confirmed anchor. Given UTF-8 bytes
 * (pushBytes), the anchors are searched in the bytes and only the lines around one are
 * decoded (byte-front.ts): most of a file is never made a string. Memory stays bounded: text
 * is processed in whole lines and only a context tail is kept; a line longer than GIANT_LINE
 * is processed in windows.
 */
import * as path from 'node:path';
import { anchorsIn } from './anchors';
import { ByteFront } from './byte-front';
import { detectAt } from './detectors';
import { resolveClues, type PlacedClue } from './resolve';
import { NEAR_LINES, RUN_MAX, type Clue, type Emitter, type Window } from './window';

export interface CredentialHit {
  checkId: 'local.credential.aws-access-key' | 'local.credential.azure-storage' | 'local.credential.gcp-service-account' | 'local.credential.presigned-url';
  /** aws-access-key-id, aws-credentials-file, aws-secret-access-key, azure-storage-key, azure-connection-string, azure-sas, gcp-service-account-key, s3-presigned-url */
  kind: string;
  /** 1-based */
  line: number;
  /** Redacted: an AWS key id's first and last four characters, otherwise a kind-specific label and a short hash. */
  fingerprint: string;
  /** The AWS account (decoded from the key id), Azure storage account or service-account e-mail. */
  account?: string;
  withSecret?: boolean;
  /** ISO 8601 */
  expires?: string;
  expired?: boolean;
}

export interface CredentialScannerOptions {
  /** The clock presigned URLs and SAS tokens are judged expired against (tests fix it). */
  now?: Date;
}

/** Context kept before new text: a match is at most RUN_MAX long, and a detector may look back as far. */
const KEEP = 2 * RUN_MAX + 1024;
/** A line longer than this is scanned in windows instead of waiting for its end. */
const GIANT_LINE = 256 * 1024;
/** More findings than this in one file say nothing more (and would grow memory). */
const MAX_FINDINGS = 1000;
/** Clues and hits kept per file at most (several clues make one finding). */
const SEEN_MAX = MAX_FINDINGS * 4;
/**
 * On a line longer than a window, the anchors that follow within this much of one share its
 * window (which reaches RUN_MAX past the last of them): a window each, RUN_MAX either side,
 * made a line dense with anchors quadratic (a million SAS-shaped URLs on one line: minutes).
 */
const SHARED_SPAN = 48 * 1024;
const SECTION = /^[ \t]*\[[^\]\r\n]{1,200}\][ \t]*\r?$/gm;
const KEY_ID_ANCHOR = /^A(?:KIA|SIA|BIA|CCA)$/;
const KEY_ID_LENGTH = 20;

export interface CredentialScanner {
  /** The file's text, in pieces of any size. */
  push(text: string): void;
  /** Or its UTF-8 bytes (not both in one file): only the lines around an anchor are decoded. */
  pushBytes(bytes: Uint8Array): void;
  end(): CredentialHit[];
}

export function createCredentialScanner(fileName: string, options: CredentialScannerOptions = {}): CredentialScanner {
  const scanner = new Scanner(path.basename(fileName).toLowerCase(), options.now ?? new Date());
  let front: ByteFront | undefined;
  return {
    push: (text) => scanner.push(text),
    pushBytes: (bytes) => (front ??= new ByteFront(scanner)).push(bytes),
    end: () => {
      front?.end();
      return scanner.end();
    },
  };
}

export class Scanner {
  /** Kept context (before `done`), then text not yet scanned. */
  private buf = '';
  private done = 0;
  /** Offset in the file of buf[0], its line number, and whether it starts a line. */
  private bufAt = 0;
  private line0 = 1;
  private bufStartsLine = true;
  /** What has been reported, by kind and offset in the file: windows overlap, and so do passes over a giant line. */
  private readonly seen = new Set<string>();
  private readonly hits: CredentialHit[] = [];
  private readonly clues: PlacedClue[] = [];
  /** Offsets in the text of the newlines that stand for several lines (see gap), and the lines they add up to so far. */
  private readonly gapAt: number[] = [];
  private readonly gapExtra: number[] = [];

  constructor(
    private readonly fileName: string,
    private readonly now: Date,
  ) {}

  push(text: string): void {
    this.buf += text;
    this.pump(false);
  }

  /**
   * Lines left out (ByteFront's text far from any anchor): one newline stands for them, and
   * lines below count them all. Without newlines, a NUL keeps the text on either side apart.
   */
  gap(lines: number): void {
    if (lines > 1) {
      this.gapAt.push(this.bufAt + this.buf.length);
      this.gapExtra.push((this.gapExtra.at(-1) ?? 0) + lines - 1);
    }
    this.push(lines ? '\n' : '\0');
  }

  /** The file's line number of a line of the text, at `at` in the text. */
  private fileLine(line: number, at: number): number {
    let lo = 0;
    let hi = this.gapAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.gapAt[mid] < at) lo = mid + 1;
      else hi = mid;
    }
    return lo ? line + this.gapExtra[lo - 1] : line;
  }

  end(): CredentialHit[] {
    this.pump(true);
    this.buf = '';
    return [...this.hits, ...resolveClues(this.clues)].sort((a, b) => a.line - b.line).slice(0, MAX_FINDINGS);
  }

  /**
   * Scans what can be scanned: everything at the end; otherwise complete lines up to the last
   * one followed by RUN_MAX more characters (a key id's secret may be on the next lines), or,
   * in a line longer than GIANT_LINE, all but its last KEEP characters.
   */
  private pump(final: boolean): void {
    for (;;) {
      const nl = this.buf.length > RUN_MAX ? this.buf.lastIndexOf('\n', this.buf.length - RUN_MAX - 1) : -1;
      let limit: number;
      if (final) limit = this.buf.length;
      else if (nl >= this.done) limit = nl + 1;
      else if (this.buf.length - this.done > GIANT_LINE) limit = this.buf.length - KEEP;
      else return;
      this.scan(limit, final);
      const cut = Math.max(0, limit - KEEP);
      this.line0 += countNewlines(this.buf, 0, cut);
      if (cut > 0) this.bufStartsLine = this.buf[cut - 1] === '\n';
      this.bufAt += cut;
      this.buf = this.buf.slice(cut);
      this.done = limit - cut;
      if (final) return;
    }
  }

  /** Runs the detectors around every anchor in [done, limit). */
  private scan(limit: number, final: boolean): void {
    const buf = this.buf;
    let cursorPos = 0;
    let cursorLine = this.line0;
    const lineOf = (pos: number): number => {
      cursorLine += pos >= cursorPos ? countNewlines(buf, cursorPos, pos) : -countNewlines(buf, pos, cursorPos);
      cursorPos = pos;
      return cursorLine;
    };
    let covered = { from: -1, to: -1 };
    let lastEnd = -1;
    const anchors = anchorsIn(buf, this.done, limit);
    for (let i = 0; i < anchors.length; i++) {
      const p = anchors[i];
      // Past the cap nothing more is kept (keep, below): no need to look.
      if (this.seen.size >= SEEN_MAX) return;
      if (p >= covered.from && p < covered.to) continue;
      // A key id's anchor answers for the key id alone (its secret has an anchor of its own, or
      // is looked for only on a whole line): inside the last window (which starts before it),
      // clear of its end, it was reported there. On a long line of key ids, a window each made
      // the scan quadratic.
      if (p + KEY_ID_LENGTH < lastEnd && KEY_ID_ANCHOR.test(buf.slice(p, p + 4))) continue;
      // The anchor's line, clipped to RUN_MAX either side.
      const before = buf.slice(Math.max(0, p - RUN_MAX), p);
      const nlBefore = before.lastIndexOf('\n');
      const ws = nlBefore >= 0 ? p - before.length + nlBefore + 1 : p - before.length;
      const leftReal = nlBefore >= 0 || (ws === 0 && this.bufStartsLine);
      const after = buf.slice(p, p + RUN_MAX);
      const nlAfter = after.indexOf('\n');
      let we = nlAfter >= 0 ? p + nlAfter : p + after.length;
      let rightReal = nlAfter >= 0 || (we === buf.length && final);
      /** The last anchor this window answers for: the lines below are read as far as it would read them. */
      let last = p;
      if (!rightReal && we < buf.length) {
        // A long line: the anchors on it within SHARED_SPAN share this window, which ends RUN_MAX past the last (or at the line's end).
        const far = buf.slice(p, p + SHARED_SPAN + RUN_MAX);
        const nl = far.indexOf('\n');
        const lineEnd = nl >= 0 ? p + nl : p + far.length;
        for (let j = i + 1; j < anchors.length && anchors[j] < p + SHARED_SPAN && anchors[j] < lineEnd; j++) last = anchors[j];
        we = Math.min(lineEnd, last + RUN_MAX + 1);
        rightReal = (nl >= 0 && we === lineEnd) || (we === buf.length && final);
      }
      // Every match around a later anchor in [from, to) lies inside this window too.
      covered = { from: leftReal ? ws : ws + RUN_MAX, to: rightReal ? we : we - RUN_MAX };
      lastEnd = we;
      const text = buf.slice(ws, we);
      const keep = (start: number, end: number, tag: string): number | undefined => {
        if ((start === 0 && !leftReal) || (end === text.length && !rightReal)) return undefined;
        const key = `${tag}@${this.bufAt + ws + start}`;
        if (this.seen.has(key) || this.seen.size >= SEEN_MAX) return undefined;
        this.seen.add(key);
        return this.fileLine(lineOf(ws + start), this.bufAt + ws + start);
      };
      const emit: Emitter = {
        hit: (start, end, hit) => {
          const line = keep(start, end, hit.kind);
          if (line !== undefined) this.hits.push({ ...hit, line });
        },
        clue: (start, end, clue: Clue) => {
          const line = keep(start, end, clue.kind);
          if (line !== undefined) this.clues.push({ line, clue });
        },
      };
      const win: Window = {
        text,
        fileName: this.fileName,
        sectionLineAbove: (offset) => {
          const at = ws + offset;
          const above = buf.slice(Math.max(0, at - 4096), at);
          let last: RegExpExecArray | undefined;
          SECTION.lastIndex = 0;
          for (let s = SECTION.exec(above); s; s = SECTION.exec(above)) last = s;
          return last ? this.fileLine(lineOf(at - above.length + last.index), this.bufAt + at - above.length + last.index) : undefined;
        },
        near: () => {
          if (!leftReal || !rightReal) return { text: '', offset: 0 };
          const from = linesBack(buf, ws, NEAR_LINES, p - RUN_MAX, this.bufStartsLine);
          const to = linesForward(buf, we, NEAR_LINES, last + RUN_MAX, final);
          return { text: buf.slice(from, to), offset: from - ws };
        },
      };
      detectAt(win, emit, this.now);
    }
  }
}

/** Start of the line `n` lines above the one starting at `lineStart`, or of the farthest whole line not before `floor`. */
function linesBack(buf: string, lineStart: number, n: number, floor: number, bufStartsLine: boolean): number {
  let at = lineStart;
  for (let i = 0; i < n && at > 0; i++) {
    const nl = buf.lastIndexOf('\n', at - 2);
    if (nl + 1 < floor || (nl < 0 && !bufStartsLine)) break;
    at = nl + 1;
  }
  return at;
}

/** End of the line `n` lines below the one ending at `lineEnd`, or of the farthest whole line not past `ceiling`. */
function linesForward(buf: string, lineEnd: number, n: number, ceiling: number, final: boolean): number {
  let at = lineEnd;
  for (let i = 0; i < n && at < buf.length; i++) {
    const nl = buf.indexOf('\n', at + 1);
    const end = nl >= 0 ? nl : final ? buf.length : -1;
    if (end < 0 || end > ceiling) break;
    at = end;
  }
  return at;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  // Backwards from `to`: forwards, a search in a long line with no newline read on to the buffer's end, at every finding.
  for (let i = s.lastIndexOf('\n', to - 1); i >= from && to > 0; i = i > 0 ? s.lastIndexOf('\n', i - 1) : -1) n++;
  return n;
}
