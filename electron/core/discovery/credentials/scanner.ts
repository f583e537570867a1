/**
 * Finds storage credentials in a file's text, streamed in chunks of any size: AWS access key
 * ids (with or without their secret nearby) and credentials/config files, Azure storage keys,
 * connection strings and SAS tokens, Google Cloud service-account key files, and presigned S3
 * URLs. A hit names the kind, the line and a redacted fingerprint; no secret ever leaves this
 * module.
 *
 * Speed comes from the anchors: one regex of literal strings that every credential contains
 * (AKIA, sig=, X-Amz-Signature, ...) runs over the text, and the detectors only look at the
 * line around an anchor. Memory stays bounded: text is processed up to its last complete line
 * and only a context tail is kept; a line longer than GIANT_LINE is processed in windows.
 */
import * as path from 'node:path';
import { detectAt } from './detectors';
import { resolveClues, type PlacedClue } from './resolve';
import { RUN_MAX, type Clue, type Emitter, type Window } from './window';

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

const ANCHORS =
  /AKIA|ASIA|ABIA|ACCA|ecret|ECRET|ccountKey|ccount_key|CCOUNT_KEY|torageKey|torage_key|TORAGE_KEY|ccess_key|ccessKey|sig=|X-Amz-Signature|x-amz-signature|AWSAccessKeyId|service_account|private_key|client_email/g;

/** Context kept before new text: a match is at most RUN_MAX long, and a detector may look back as far. */
const KEEP = 2 * RUN_MAX + 1024;
/** A line longer than this is scanned in windows instead of waiting for its end. */
const GIANT_LINE = 256 * 1024;
/** More findings than this in one file say nothing more (and would grow memory). */
const MAX_FINDINGS = 1000;
const SECTION = /^[ \t]*\[[^\]\r\n]{1,200}\][ \t]*\r?$/gm;

export function createCredentialScanner(fileName: string, options: CredentialScannerOptions = {}): { push(text: string): void; end(): CredentialHit[] } {
  const scanner = new Scanner(path.basename(fileName).toLowerCase(), options.now ?? new Date());
  return { push: (text) => scanner.push(text), end: () => scanner.end() };
}

class Scanner {
  /** Kept context (before `done`) then text not yet scanned. */
  private buf = '';
  private done = 0;
  /** Line number of buf[0], and whether buf[0] starts a line. */
  private line0 = 1;
  private bufStartsLine = true;
  private readonly hits: CredentialHit[] = [];
  private readonly clues: PlacedClue[] = [];

  constructor(
    private readonly fileName: string,
    private readonly now: Date,
  ) {}

  push(text: string): void {
    this.buf += text;
    this.pump(false);
  }

  end(): CredentialHit[] {
    this.pump(true);
    this.buf = '';
    return [...this.hits, ...resolveClues(this.clues)].sort((a, b) => a.line - b.line).slice(0, MAX_FINDINGS);
  }

  private pump(final: boolean): void {
    for (;;) {
      const nl = this.buf.lastIndexOf('\n');
      let limit: number;
      let giant = false;
      if (final) limit = this.buf.length;
      else if (nl >= this.done) limit = nl + 1;
      else if (this.buf.length - this.done > GIANT_LINE) {
        limit = this.buf.length - KEEP;
        giant = true;
      } else return;
      if (limit > this.done) this.scan(limit, final || giant, final);
      const cut = Math.max(0, limit - KEEP);
      this.line0 += countNewlines(this.buf, 0, cut);
      if (cut > 0) this.bufStartsLine = this.buf[cut - 1] === '\n';
      this.buf = this.buf.slice(cut);
      this.done = limit - cut;
      if (final || !giant) return;
    }
  }

  /** Reports matches that start in [done, limit). */
  private scan(limit: number, anchorsPastLimit: boolean, final: boolean): void {
    const buf = this.buf;
    const anchorEnd = anchorsPastLimit ? buf.length : limit;
    const seen = new Set<string>();
    let cursorPos = 0;
    let cursorLine = this.line0;
    const lineOf = (pos: number): number => {
      cursorLine += pos >= cursorPos ? countNewlines(buf, cursorPos, pos) : -countNewlines(buf, pos, cursorPos);
      cursorPos = pos;
      return cursorLine;
    };
    let covered = { from: -1, to: -1 };
    ANCHORS.lastIndex = this.done;
    for (let m = ANCHORS.exec(buf); m && m.index < anchorEnd; m = ANCHORS.exec(buf)) {
      const p = m.index;
      if (p >= covered.from && p < covered.to) continue;
      // The line around the anchor, clipped to RUN_MAX either side.
      const before = buf.slice(Math.max(0, p - RUN_MAX), p);
      const nlBefore = before.lastIndexOf('\n');
      const ws = nlBefore >= 0 ? p - before.length + nlBefore + 1 : p - before.length;
      const leftReal = nlBefore >= 0 || (ws === 0 && this.bufStartsLine);
      const after = buf.slice(p, p + RUN_MAX);
      const nlAfter = after.indexOf('\n');
      const we = nlAfter >= 0 ? p + nlAfter : p + after.length;
      const rightReal = nlAfter >= 0 || (we === buf.length && final);
      // Every match around a later anchor in [from, to) lies inside this window too.
      covered = { from: leftReal ? ws : ws + RUN_MAX, to: rightReal ? we : we - RUN_MAX };
      const text = buf.slice(ws, we);
      const keep = (start: number, end: number, tag: string): number | undefined => {
        if ((start === 0 && !leftReal) || (end === text.length && !rightReal)) return undefined;
        const at = ws + start;
        if (at < this.done || at >= limit || this.hits.length + this.clues.length >= MAX_FINDINGS * 4) return undefined;
        const key = `${tag}@${at}`;
        if (seen.has(key)) return undefined;
        seen.add(key);
        return lineOf(at);
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
          return last ? lineOf(at - above.length + last.index) : undefined;
        },
      };
      detectAt(win, emit, this.now);
    }
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
