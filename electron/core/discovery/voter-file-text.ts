import { findHeader, headerNames, parseRows, valueShape } from './table-shapes';
import { fixedStarts } from './voter-file-shapes';
import type { TableEvidence } from './voter-file-verdict';

/**
 * The first bytes of a text table as the classifier sees them: its format, its column names
 * when the first line is a header, and the SHAPES of its first rows. Values are read here
 * only to take their shapes; none leaves this module.
 */

export type TextFormat = 'csv' | 'tsv' | 'pipe' | 'semicolon' | 'fixed-width';

export interface TableHead {
  format: TextFormat;
  header?: string[];
  rowShapes: string[][];
  /** Fixed-width text: the characters of a record, line end excluded. */
  lineLength?: number;
  /** Average bytes of a data row in the head, for the row estimate. */
  rowBytes?: number;
  /** Bytes of the header line (line end included), 0 without one. */
  headerBytes: number;
  /** Complete data rows in the head (all of them when the head is the whole file). */
  rowsInHead: number;
}

const DELIMITED: [string, TextFormat][] = [[',', 'csv'], ['\t', 'tsv'], ['|', 'pipe'], [';', 'semicolon']];
/** Rows whose shapes are kept; enough to judge a layout, few enough to stay cheap. */
export const SHAPE_ROWS = 20;
/** Rows read to choose the delimiter and measure rows: enough for both, and cheap (heads are read by the thousand). */
const SCAN_ROWS = 50;
const MIN_FIXED_WIDTH = 30;

/** UTF-8 text without its byte-order mark; undefined for binary (NUL bytes, as in UTF-16 or a zip). */
export function decodeHead(head: Uint8Array): string | undefined {
  const probe = head.subarray(0, 4096);
  if (probe.includes(0)) return undefined;
  return new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
}

const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');
/** Average bytes of a line, its line end included. */
const lineBytes = (lines: string[], lineEnd: number) => byteLength(lines.join('')) / lines.length + lineEnd;

/** The most common field count and the share of rows that have it, from the first that does (title lines above a table aside). */
function consistency(rows: string[][]): { fields: number; share: number } {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let fields = 0;
  let n = 0;
  for (const [f, c] of counts) if (c > n || (c === n && f > fields)) [fields, n] = [f, c];
  const from = rows.findIndex((r) => r.length === fields);
  return { fields, share: rows.length ? n / (rows.length - from) : 0 };
}

function delimited(text: string, complete: boolean): TableHead | undefined {
  let best: { delimiter: string; format: TextFormat; rows: string[][]; ends: number[]; fields: number } | undefined;
  const probe = text.slice(0, 4096);
  for (const [d, format] of DELIMITED) {
    if (!probe.includes(d)) continue;
    const ends: number[] = [];
    const rows = parseRows(text, d, complete, SCAN_ROWS, ends);
    const { fields, share } = consistency(rows);
    // One row could be anything; a table repeats its field count (a trailing empty field may vary).
    if (fields < 2 || (rows.length > 1 && share < 0.9)) continue;
    if (!best || fields > best.fields) best = { delimiter: d, format, rows, ends, fields };
  }
  if (!best) return undefined;
  const { delimiter, rows, ends, format } = best;
  const { header, start } = findHeader(rows, SHAPE_ROWS);
  const headerBytes = start ? byteLength(text.slice(0, ends[start - 1])) : 0;
  const body = rows.slice(start);
  const bodyEnd = ends[ends.length - 1] ?? 0;
  const rowBytes = body.length ? (byteLength(text.slice(0, bodyEnd)) - headerBytes) / body.length : undefined;
  // A head that is the whole file is counted to its end (records, not lines), not only the rows scanned.
  const unscanned = complete ? parseRows(text.slice(bodyEnd), delimiter, true, Infinity).length : 0;
  return {
    format,
    ...(header ? { header } : {}),
    rowShapes: body.slice(0, SHAPE_ROWS).map((r) => r.map(valueShape)),
    ...(rowBytes ? { rowBytes } : {}),
    headerBytes,
    rowsInHead: body.length + unscanned,
  };
}

/** Column starts read from a fixed-width header line: each name begins after a run of spaces. */
function headerStarts(line: string): number[] | undefined {
  const starts: number[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) starts.push(m.index);
  const names = starts.map((s, i) => line.slice(s, starts[i + 1] ?? line.length).trim());
  return names.length >= 3 && names.every((n) => /^[A-Za-z][A-Za-z0-9_.#/()-]{0,63}$/.test(n)) ? starts : undefined;
}

/**
 * Whether the first line that is not blank has no run of two spaces, so that the text cannot
 * be fixed-width (every line of it has one): most text files are prose, and this saves
 * splitting and measuring every line of their heads.
 */
function firstLineUnpadded(text: string, complete: boolean): boolean {
  for (let from = 0; from < text.length; ) {
    const nl = text.indexOf('\n', from);
    // A line the head cuts off is not judged (fixedWidth drops it).
    if (nl < 0 && !complete) return false;
    const line = text.slice(from, nl < 0 ? text.length : nl);
    if (line.trim() !== '') return !line.includes('  ');
    if (nl < 0) return false;
    from = nl + 1;
  }
  return false;
}

/** Cuts a fixed-width line at the given starts (0-based). */
const cutLine = (line: string, starts: number[]) => starts.map((s, i) => line.slice(s, starts[i + 1] ?? line.length));

/**
 * Fixed-width text: lines of one length (blank padding included) with runs of spaces between
 * fields. A first line of column names gives the positions; without one, `cut` gives those
 * of the published layout whose records have that length.
 */
function fixedWidth(text: string, complete: boolean, cut?: (lineLength: number) => number[] | undefined): TableHead | undefined {
  if (firstLineUnpadded(text, complete)) return undefined;
  const lines = text.split(/\r?\n/);
  if (!complete) lines.pop();
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  if (nonEmpty.length < 2) return undefined;
  const lengths = new Map<number, number>();
  for (const l of nonEmpty) lengths.set(l.length, (lengths.get(l.length) ?? 0) + 1);
  const [lineLength, n] = [...lengths].sort((a, b) => b[1] - a[1])[0];
  const body0 = nonEmpty.slice(1);
  const headerLine = headerStarts(nonEmpty[0]);
  // The header line may be shorter than the records (its last name is not padded).
  const sameLength = (body0.filter((l) => l.length === lineLength).length >= 0.9 * body0.length) || n >= 0.9 * nonEmpty.length;
  if (lineLength < MIN_FIXED_WIDTH || !sameLength || !nonEmpty.every((l) => / {2}/.test(l))) return undefined;
  const lineEnd = text.includes('\r\n') ? 2 : 1;
  // As for delimited text, a first line is a header only when some column below it holds numbers or dates.
  const header = headerLine && headerNames(cutLine(nonEmpty[0], headerLine), body0.slice(0, SHAPE_ROWS).map((l) => cutLine(l, headerLine)));
  if (headerLine && header) {
    const first = nonEmpty[0];
    const headerBytes = byteLength(first) + lineEnd;
    return {
      format: 'fixed-width',
      header,
      rowShapes: body0.slice(0, SHAPE_ROWS).map((l) => cutLine(l, headerLine).map(valueShape)),
      lineLength,
      ...(body0.length ? { rowBytes: lineBytes(body0, lineEnd) } : {}),
      headerBytes,
      rowsInHead: body0.length,
    };
  }
  const starts = cut?.(lineLength);
  return {
    format: 'fixed-width',
    rowShapes: starts ? nonEmpty.slice(0, SHAPE_ROWS).map((l) => cutLine(l, starts).map(valueShape)) : [],
    lineLength,
    rowBytes: lineBytes(nonEmpty, lineEnd),
    headerBytes: 0,
    rowsInHead: nonEmpty.length,
  };
}

/**
 * Reads the head of a text file as a table; undefined when it is not one (binary, prose, a
 * single column). `cut` gives the positions of a published fixed-width layout of a line length.
 */
export function readTableHead(text: string, complete: boolean, cut?: (lineLength: number) => number[] | undefined): TableHead | undefined {
  // Fixed-width text with a header first: its values may hold commas (a "LAST, FIRST" name)
  // as regularly as a two-column CSV would. Without a header, delimiters win: a padded CSV
  // may happen to have a published layout's record length.
  const fixed = fixedWidth(text, complete, cut);
  if (fixed?.header) return fixed;
  return delimited(text, complete) ?? fixed;
}

const asEvidence = (h: TableHead, complete: boolean): TableEvidence => ({
  format: h.format,
  ...(h.header ? { header: h.header } : {}),
  rowShapes: h.rowShapes,
  ...(h.lineLength !== undefined ? { lineLength: h.lineLength } : {}),
  ...(h.rowBytes !== undefined ? { rowBytes: h.rowBytes } : {}),
  headerBytes: h.headerBytes,
  ...(complete ? { rows: h.rowsInHead } : {}),
});

/** The head of a text table as evidence (format, header, row shapes; no value); undefined when it is not one. */
export function tableEvidence(head: Uint8Array, totalBytes: number): TableEvidence | undefined {
  const text = decodeHead(head);
  if (text === undefined) return undefined;
  const complete = totalBytes <= head.length;
  const t = readTableHead(text, complete, fixedStarts);
  return t && asEvidence(t, complete);
}
