import { StringDecoder } from 'node:string_decoder';
import type { Entry } from 'yauzl';
import { findHeader, valueShape } from './table-shapes';
import type { FileInfo, VoterFileVerdict } from './voter-file';
import { classifyTable } from './voter-file-verdict';
import { SHAPE_ROWS } from './voter-file-text';
import { openZip, readEntryHead, type ZipArchive } from './zip-archive';

/**
 * An XLSX workbook read inside its zip, streaming: the first sheet's first rows, then only
 * the shared strings those rows use. Both reads stop at byte limits, so a huge sheet or a
 * zip bomb costs at most those bytes of inflation.
 */

export interface XlsxLimits {
  /** Rows of the first sheet read (header included). */
  maxRows?: number;
  /** Uncompressed bytes of the sheet read at most. */
  maxSheetBytes?: number;
  /** Uncompressed bytes of the shared-strings part read at most. */
  maxSharedStringsBytes?: number;
}

const DEFAULTS: Required<XlsxLimits> = { maxRows: SHAPE_ROWS + 1, maxSheetBytes: 4 << 20, maxSharedStringsBytes: 16 << 20 };
const SMALL_PART = 1 << 20;
/** What zlib's stream gives at a time. */
const PIECE = 16 << 10;

/** A character reference past U+10FFFF (fromCodePoint would throw, and the workbook be called damaged) reads as U+FFFD. */
const codePoint = (n: number) => (n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd');
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  !s.includes('&') ? s : s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#' ? codePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m),
  );
const ATTRS = new Map<string, RegExp>();
const attr = (attrs: string, name: string) => {
  let re = ATTRS.get(name);
  if (!re) ATTRS.set(name, (re = new RegExp(`\\b${name}="([^"]*)"`)));
  return re.exec(attrs)?.[1];
};

/**
 * The matches of `re`, a sticky regex reading `<tag\b[^>]*` and then more, at each `<tag` of
 * `xml`, as a global search would find them. A try that fails past `<tag\b` fails as well at
 * every `<tag` before the next ">" (they read fewer of the same attributes), so the search
 * goes on after it: tried at each, "<t <t <t ..." with no ">" was quadratic (a 128 KB shared
 * string took 5 s, and a part is read up to 16 MB).
 */
export function* tagMatches(xml: string, tag: string, re: RegExp): Generator<RegExpExecArray> {
  const open = `<${tag}`;
  for (let at = xml.indexOf(open); at >= 0; ) {
    re.lastIndex = at;
    const m = re.exec(xml);
    if (m) {
      yield m;
      at = xml.indexOf(open, re.lastIndex);
    } else if (/\w/.test(xml.charAt(at + open.length))) at = xml.indexOf(open, at + 1);
    else {
      const gt = xml.indexOf('>', at);
      at = gt < 0 ? -1 : xml.indexOf(open, gt + 1);
    }
  }
}

/**
 * `xml` without its phonetic runs, as xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') leaves it. That
 * regex looked for "</rPh>" to the end from every "<rPh" after the last one (a 128 KB string of
 * "<rPh ": 0.9 s); once none is found, no later "<rPh" can close either.
 */
export function withoutPhonetic(xml: string): string {
  let out = '';
  let from = 0;
  for (let at = xml.indexOf('<rPh'); at >= 0; at = xml.indexOf('<rPh', at + 1)) {
    if (/\w/.test(xml.charAt(at + 4))) continue;
    const end = xml.indexOf('</rPh>', at + 4);
    if (end < 0) break;
    out += xml.slice(from, at);
    from = end + 6;
    at = from - 1;
  }
  return out + xml.slice(from);
}

/** The text of a string item or inline string: its runs' <t> elements, phonetic runs left out. */
const itemText = (xml: string) => unescapeXml([...tagMatches(withoutPhonetic(xml), 't', /<t\b[^>]*>([^<]*)<\/t>/y)].map((m) => m[1]).join(''));

/**
 * The <c> elements of a row, as /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g reads them: each one's
 * attributes and content (none when it closes itself). That regex looked for "</c>" to the
 * row's end again at every "<c>" of a row without one (a 128 KB row of "<c>": 3 s; a row is
 * read up to 4 MB); here the search for the next "</c>" is kept, and none is a finding too.
 */
export function* rowCells(row: string): Generator<{ attrs: string; inner?: string }> {
  let close = 0;
  for (let at = row.indexOf('<c'); at >= 0; ) {
    if (/\w/.test(row.charAt(at + 2))) {
      at = row.indexOf('<c', at + 1);
      continue;
    }
    const gt = row.indexOf('>', at + 2);
    if (gt < 0) return;
    if (row[gt - 1] === '/') {
      yield { attrs: row.slice(at + 2, gt - 1) };
      at = row.indexOf('<c', gt + 1);
      continue;
    }
    if (close >= 0 && close <= gt) close = row.indexOf('</c>', gt + 1);
    // Without a "</c>", every "<c" before the ">" fails alike.
    if (close < 0) {
      at = row.indexOf('<c', gt + 1);
      continue;
    }
    yield { attrs: row.slice(at + 2, gt), inner: row.slice(gt + 1, close) };
    at = row.indexOf('<c', close + 4);
  }
}

/** "AB12" to the 0-based column 27. */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)?.[0] ?? '') n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

type Cell = { shared: number } | { text: string };

/** An entry's bytes in pieces of at most PIECE (a small entry comes whole): only what the rows read need be decoded. */
async function* pieces(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const part of stream) for (let at = 0; at < part.length; at += PIECE) yield part.subarray(at, at + PIECE);
}

/**
 * Streams an entry's XML, handing each complete `tag` element to `visit` until it returns false
 * or `maxBytes` were read. `bytes` ends with the last element visited; `head` is what came before the first.
 */
async function eachElement(zip: ZipArchive, entry: Entry, tag: string, maxBytes: number, visit: (xml: string, head: string) => boolean): Promise<{ bytes: number; head: string }> {
  const stream = await zip.open(entry);
  const decoder = new StringDecoder('utf8');
  const open = new RegExp(`<${tag}\\b`, 'g');
  const close = `</${tag}>`;
  let buf = '';
  let bytes = 0;
  let head = '';
  /**
   * An element begun whose end has not come: its text so far, in pieces, and what ends it (the
   * ">" of its opening tag, then its closing tag). Each new piece is searched alone and the
   * pieces joined once: searched whole again at every piece, a shared string that never
   * closed made a 16 MB part quadratic (25 s).
   */
  let parts: string[] = [];
  let need = '';
  /** The open element's last characters, as many as may begin `need` (the pieces may be shorter). */
  let tail = '';
  try {
    outer: for await (const part of pieces(stream as AsyncIterable<Buffer>)) {
      bytes += part.length;
      const text = decoder.write(part);
      if (parts.length) {
        const probe = tail + text;
        if (probe.indexOf(need) < 0) {
          parts.push(text);
          tail = probe.slice(Math.max(0, probe.length - need.length + 1));
          if (bytes >= maxBytes) break;
          continue;
        }
        buf = parts.join('') + text;
        parts = [];
      } else buf += text;
      for (;;) {
        open.lastIndex = 0;
        const m = open.exec(buf);
        if (!m) break;
        if (!head) head = buf.slice(0, m.index);
        const selfEnd = buf.indexOf('>', m.index);
        const end = selfEnd < 0 ? -1 : buf[selfEnd - 1] === '/' ? selfEnd + 1 : buf.indexOf(close, selfEnd);
        if (end < 0) {
          need = selfEnd < 0 ? '>' : close;
          parts = [buf.slice(m.index)];
          tail = buf.slice(Math.max(m.index, buf.length - need.length + 1));
          buf = '';
          break;
        }
        const stop = buf[selfEnd - 1] === '/' ? end : end + close.length;
        if (!visit(buf.slice(m.index, stop), head)) {
          bytes -= Buffer.byteLength(buf.slice(stop));
          break outer;
        }
        buf = buf.slice(stop);
      }
      if (bytes >= maxBytes) break;
      // Keep only what may start an element still to come.
      if (!buf.includes('<')) buf = '';
    }
  } finally {
    stream.destroy();
  }
  return { bytes, head };
}

/** Sheets read at most, in the workbook's order: voters may follow a cover or notes sheet. */
const MAX_SHEETS = 8;

/** The sheets' parts in the workbook's order (its <sheet> elements, through its relationships), or by part name. */
async function sheetsOf(zip: ZipArchive): Promise<Entry[]> {
  const byName = new Map(zip.entries.map((e) => [e.fileName, e]));
  const workbook = byName.get('xl/workbook.xml');
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  if (workbook && rels) {
    const wb = (await readEntryHead(zip, workbook, SMALL_PART)).toString('utf8');
    const rs = (await readEntryHead(zip, rels, SMALL_PART)).toString('utf8');
    const targets = new Map([...tagMatches(rs, 'Relationship', /<Relationship\b[^>]*>/y)].map((m) => [attr(m[0], 'Id'), attr(m[0], 'Target')]));
    const parts = [...tagMatches(wb, 'sheet', /<sheet\b[^>]*\br:id="([^"]+)"/y)]
      .map((m) => targets.get(m[1]))
      .map((target) => target && byName.get(target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`))
      .filter((e): e is Entry => e !== undefined);
    if (parts.length) return parts.slice(0, MAX_SHEETS);
  }
  return zip.entries
    .filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.fileName))
    .sort((a, b) => a.fileName.localeCompare(b.fileName, 'en', { numeric: true }))
    .slice(0, MAX_SHEETS);
}

async function readRows(zip: ZipArchive, sheet: Entry, limits: Required<XlsxLimits>) {
  const rows: Cell[][] = [];
  /** Each row's number in the sheet (rows left empty are not written). */
  const numbers: number[] = [];
  const { bytes, head } = await eachElement(zip, sheet, 'row', limits.maxSheetBytes, (xml) => {
    numbers.push(Number(attr(xml.slice(0, xml.indexOf('>')), 'r')) || (numbers[numbers.length - 1] ?? 0) + 1);
    const cells: Cell[] = [];
    let next = 0;
    for (const c of rowCells(xml)) {
      const ref = attr(c.attrs, 'r');
      const col = ref ? columnIndex(ref) : next;
      next = col + 1;
      const type = attr(c.attrs, 't');
      const inner = c.inner ?? '';
      const v = /<v>([^<]*)<\/v>/.exec(inner)?.[1];
      if (type === 's' && v !== undefined) cells[col] = { shared: Number(v) };
      else if (type === 'inlineStr') cells[col] = { text: itemText(inner) };
      else cells[col] = { text: v === undefined ? '' : unescapeXml(v) };
    }
    rows.push(cells);
    return rows.length < limits.maxRows;
  });
  // The sheet's extent: a column empty in every row still counts toward a layout's columns.
  const dim = tagMatches(head, 'dimension', /<dimension\b[^>]*\bref="[A-Z]+\d+:([A-Z]+)(\d+)"/y).next().value;
  return { rows, numbers, bytes, headBytes: Buffer.byteLength(head), lastRow: dim ? Number(dim[2]) : undefined, columns: dim ? columnIndex(dim[1]) + 1 : 0 };
}

async function readSharedStrings(zip: ZipArchive, wanted: Set<number>, maxBytes: number): Promise<Map<number, string>> {
  const entry = zip.entries.find((e) => e.fileName === 'xl/sharedStrings.xml');
  const found = new Map<number, string>();
  if (!entry || wanted.size === 0) return found;
  const last = Math.max(...wanted);
  let i = 0;
  await eachElement(zip, entry, 'si', maxBytes, (xml) => {
    if (wanted.has(i)) found.set(i, itemText(xml));
    return ++i <= last;
  });
  return found;
}

/**
 * Classifies the sheets of an XLSX workbook (a path, its bytes or the archive open), the first
 * MAX_SHEETS in order: the first sheet of voters, or else the first sheet's verdict; null when
 * no sheet holds a table. A file that is not a readable zip, or a corrupt part, rejects with yauzl's
 * or zlib's error (they name no content), for the caller to report against the file. Dates stored as numbers read as numbers here (their
 * display format is not read), which only matters for a sheet without a header.
 */
export async function classifyXlsx(source: string | Buffer | ZipArchive, info: FileInfo, limits: XlsxLimits = {}): Promise<VoterFileVerdict | null> {
  const lim = { ...DEFAULTS, ...limits };
  // An archive already open is the caller's to close.
  const own = typeof source === 'string' || Buffer.isBuffer(source);
  const zip = own ? await openZip(source) : source;
  try {
    let first: VoterFileVerdict | null = null;
    for (const sheet of await sheetsOf(zip)) {
      const verdict = await classifySheet(zip, sheet, lim, info);
      if (verdict?.isVoterFile) return verdict;
      first ??= verdict;
    }
    return first;
  } finally {
    if (own) zip.close();
  }
}

async function classifySheet(zip: ZipArchive, sheet: Entry, lim: Required<XlsxLimits>, info: FileInfo): Promise<VoterFileVerdict | null> {
  const { rows, numbers, bytes, headBytes, lastRow, columns } = await readRows(zip, sheet, lim);
  // Plain loops over the rows (sparse: an empty cell is not written): flatMap and Array.from
  // took a fifth of a workbook's classification.
  const wanted = new Set<number>();
  for (const r of rows) for (const c of r) if (c && 'shared' in c) wanted.add(c.shared);
  const strings = await readSharedStrings(zip, wanted, lim.maxSharedStringsBytes);
  const width = Math.max(columns, ...rows.map((r) => r.length));
  const text = (c: Cell | undefined) => (c ? ('shared' in c ? (strings.get(c.shared) ?? '') : c.text) : '');
  const filled: { number: number; values: string[] }[] = [];
  rows.forEach((r, i) => {
    const values: string[] = [];
    for (let c = 0; c < width; c++) values.push(text(r[c]));
    if (values.some((v) => v.trim() !== '')) filled.push({ number: numbers[i], values });
  });
  if (filled.length === 0 || width < 2) return null;
  const { header, start } = findHeader(filled.map((r) => r.values), SHAPE_ROWS);
  const body = filled.slice(start).map((r) => r.values);
  const readAll = rows.length < lim.maxRows && bytes < lim.maxSheetBytes;
  // The sheet's last row less those down to the header (title rows above it included).
  const dataRows = readAll ? body.length : lastRow !== undefined ? lastRow - (start ? filled[start - 1].number : 0) : undefined;
  // The XML before the first row is no row's.
  const rowBytes = body.length ? (bytes - headBytes) / rows.length : undefined;
  return classifyTable(
    {
      format: 'xlsx',
      ...(header ? { header } : {}),
      rowShapes: body.slice(0, SHAPE_ROWS).map((r) => r.map(valueShape)),
      ...(dataRows !== undefined ? { rows: dataRows } : rowBytes ? { rowBytes, headerBytes: headBytes } : {}),
    },
    { name: info.name, totalBytes: sheet.uncompressedSize },
  );
}
