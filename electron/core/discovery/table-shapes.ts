/**
 * What the voter-data classifier may know of a table: its column names and the SHAPES of a
 * few rows ("digits:9", "alpha", "date", ...), never a value. Works on the first chunk of a
 * delimited text file, which may end in the middle of a row.
 */

export interface TableShapes {
  /** The first line, only when it reads as column names; otherwise it could be a row of values. */
  header?: string[];
  rowShapes: string[][];
}

const DELIMITERS = [',', '\t', '|', ';'] as const;
const MAX_ROWS = 5;
/**
 * Column names are short (64 bytes of UTF-8), begin with a letter and hold no quote ("Zip+4",
 * "Name (Last, First)"); anything else in a first line may be a value. Any character beyond
 * ASCII counts as a letter, as the collection script (bytes, in awk) can tell.
 */
const COLUMN_NAME = /^[A-Za-z\u0080-\uffff][A-Za-z0-9\u0080-\uffff _.,#/()+&%?:'-]*$/;
const NAME_BYTES = 64;

/** The shape of one field: its kind and, for codes and numbers, its length. A date may carry a time (SQL and Excel exports write "01/05/1990 12:00:00 AM"). */
export function valueShape(raw: string): string {
  const v = raw.trim();
  if (v === '') return 'empty';
  if (/^\d+$/.test(v)) return `digits:${v.length}`;
  if (/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) || /^\d{1,2}\/\d{1,2}\/(\d{2}|\d{4})( \d{1,2}:\d{2}(:\d{2})?( ?[AP]M)?)?$/i.test(v)) {
    return 'date';
  }
  if (/^[A-Z]{1,3}$/.test(v)) return `upper:${v.length}`;
  if (/^[A-Za-z]+([ '.-][A-Za-z]+)*\.?$/.test(v)) return 'alpha';
  if (/^[A-Za-z0-9]+([-_][A-Za-z0-9]+)*$/.test(v) && /\d/.test(v) && /[A-Za-z]/.test(v)) return 'alnum';
  return 'mixed';
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits delimited text into rows of fields (RFC 4180 quoting); a last row cut off by the
 * chunk end is dropped. Reads up to `maxRows` + 1 rows; `ends`, when given, receives the
 * offset just past each row (its line end included). `delimiter` is one character.
 */
export function parseRows(text: string, delimiter: string, complete: boolean, maxRows = MAX_ROWS, ends?: number[]): string[][] {
  const d = delimiter.charCodeAt(0);
  const rows: string[][] = [];
  let row: string[] = [];
  // A field is `field` (its quoted parts and escapes) then text[start, i): taken by slices, not
  // a character at a time (heads of text files are read by the thousand, most of them prose).
  let field = '';
  let start = 0;
  let quoted = false;
  let i = 0;
  while (i < text.length && rows.length <= maxRows) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === QUOTE) {
        field += text.slice(start, i);
        if (text.charCodeAt(i + 1) === QUOTE) {
          field += '"';
          i++;
        } else quoted = false;
        start = i + 1;
      }
      i++;
      continue;
    }
    // A quote after blanks alone opens a quoted field too: '"A", "B"' is two fields, A and B.
    if (c === QUOTE && (field + text.slice(start, i)).trim() === '') {
      quoted = true;
      field = '';
      start = i + 1;
    } else if (c === d) {
      row.push(field + text.slice(start, i));
      field = '';
      start = i + 1;
    } else if (c === LF || c === CR) {
      row.push(field + text.slice(start, i));
      field = '';
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      if (row.length > 1 || row[0] !== '') {
        rows.push(row);
        ends?.push(i + 1);
      }
      row = [];
      start = i + 1;
    }
    i++;
  }
  const last = field + text.slice(start, i);
  if (i >= text.length && complete && (last !== '' || row.length)) {
    rows.push([...row, last]);
    ends?.push(text.length);
  }
  return rows;
}

function guessDelimiter(firstLine: string): string {
  let best: string = DELIMITERS[0];
  let most = -1;
  for (const d of DELIMITERS) {
    const n = firstLine.split(d).length - 1;
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}

const isNumberOrDate = (v: string | undefined) => v !== undefined && /^(digits:\d+|date)$/.test(valueShape(v));

/**
 * The first line's column names, when every field reads as one (but empty fields at its end:
 * a line may end in its delimiter) and, where rows follow, some column holds only numbers or
 * dates below its name; undefined otherwise. A table whose first line could as well be a row
 * of names keeps no header, so no name is ever taken for one. Names may repeat (a second
 * "District" column), as values in a row of codes would: the numbers below tell them apart.
 */
export function headerNames(first: string[], rows: string[][]): string[] | undefined {
  const names = first.map((f) => f.trim());
  while (names.length > 1 && names[names.length - 1] === '') names.pop();
  if (!names.every((n) => COLUMN_NAME.test(n) && Buffer.byteLength(n) <= NAME_BYTES)) return undefined;
  return rows.length === 0 || names.some((_, col) => rows.every((r) => isNumberOrDate(r[col]))) ? names : undefined;
}

/** Lines a report may put above its header (a title, a run date), at most. */
const TITLE_LINES = 3;

/**
 * A table's column names and the index of its first data row: the first line's names, or
 * those of a line below a few title lines, each filling under half the row (a report name,
 * "Run Date:,01/05/2024"). Without a header, every row is data.
 */
export function findHeader(rows: string[][], sample = MAX_ROWS): { header?: string[]; start: number } {
  const width = Math.max(...rows.map((r) => r.length));
  for (let at = 0; at <= TITLE_LINES && at < rows.length; at++) {
    const header = headerNames(rows[at], rows.slice(at + 1, at + 1 + sample));
    if (header) return { header, start: at + 1 };
    if (rows[at].filter((f) => f.trim() !== '').length * 2 >= width) break;
  }
  return { start: 0 };
}

/** Column names and row shapes from the first chunk of a delimited text file; `complete` when the chunk is the whole file. */
export function tableShapes(chunk: Buffer | string, complete: boolean): TableShapes | undefined {
  const text = (typeof chunk === 'string' ? chunk : chunk.toString('utf8')).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) return undefined;
  const firstLine = text.split(/\r?\n/, 1)[0];
  const delimiter = guessDelimiter(firstLine);
  const rows = parseRows(text, delimiter, complete);
  if (rows.length === 0 || rows[0].length < 2) return undefined;
  // The first line only: the collection script reads a bucket's sample alike (title lines above a header are read on local drives).
  const header = headerNames(rows[0], rows.slice(1));
  const body = rows.slice(header ? 1 : 0, (header ? 1 : 0) + MAX_ROWS);
  return { ...(header ? { header } : {}), rowShapes: body.map((r) => r.map(valueShape)) };
}
