import { readVoterLayouts, recordWidth, type ColumnKind, type VoterLayout } from '../../electron/core/discovery/voter-layouts';
import { classifyTableHead, classifyXlsx, classifyZip, type VoterFileVerdict } from '../../electron/core/discovery/voter-file';
import { zipFiles } from './zip-writer';
import { seededRandom } from './seeded-random';

/**
 * A corpus for the voter-file classifier, generated from the states' published layouts:
 * every layout in every format (CSV, TSV, pipe, semicolon, fixed width, XLSX, zip; with and
 * without a header), and close negatives (staff, poll-worker, candidate, student and customer
 * lists, polling places, results) in the same formats. Every value is random and fictional:
 * names are made of syllables no real name list was used for.
 */

export type CorpusFormat = 'csv' | 'tsv' | 'pipe' | 'semicolon' | 'fixed-width' | 'xlsx' | 'zip';

export interface CorpusFile {
  name: string;
  bytes: Buffer;
  format: CorpusFormat;
  header: boolean;
  /** The layout's state for a positive; the kind of list for a negative. */
  kind: string;
  positive: boolean;
  /** Every value written (for tests that no value reaches an output). */
  values: string[];
}

const SYLLABLES = ['zul', 'sev', 'quist', 'cas', 'ny', 'vor', 'tel', 'bra', 'mok', 'dri', 'ven', 'ash', 'lor', 'pim', 'sko', 'hal', 'ret', 'gun', 'wex', 'fal'];
const STREET_TYPES = ['AVE', 'ST', 'RD', 'LN', 'CT', 'WAY'];
const PARTIES = ['DEM', 'REP', 'UNA', 'LIB', 'GRN'];
const STATES = ['OH', 'NC', 'FL', 'MI', 'PA', 'WA', 'GA', 'CO', 'TX', 'OK', 'NY'];

class Values {
  readonly r: () => number;
  constructor(seed: number) {
    this.r = seededRandom(seed);
  }
  int = (lo: number, hi: number) => lo + Math.floor(this.r() * (hi - lo + 1));
  pick = <T>(xs: readonly T[]) => xs[this.int(0, xs.length - 1)];
  digits = (n: number) => String(this.int(1, 9)) + Array.from({ length: n - 1 }, () => this.int(0, 9)).join('');
  word = (parts = this.int(2, 3)) => Array.from({ length: parts }, () => this.pick(SYLLABLES)).join('').toUpperCase();
  street = () => `${this.int(1, 9999)} ${this.word()} ${this.pick(STREET_TYPES)}`;
  date(format: VoterLayout['dateFormat'], fromYear: number, toYear: number) {
    const y = String(this.int(fromYear, toYear));
    const m = String(this.int(1, 12)).padStart(2, '0');
    const d = String(this.int(1, 28)).padStart(2, '0');
    return { 'mm/dd/yyyy': `${m}/${d}/${y}`, 'yyyy-mm-dd': `${y}-${m}-${d}`, yyyymmdd: `${y}${m}${d}`, mmddyyyy: `${m}${d}${y}` }[format];
  }
}

/** A fictional value for a column, from its kind and, for addresses, its name. */
function valueFor(v: Values, kind: ColumnKind, name: string, layout: VoterLayout): string {
  const n = name.toLowerCase();
  const address = () =>
    /zip/.test(n) ? v.digits(5) : /state/.test(n) ? v.pick(STATES) : /city/.test(n) ? v.word() : /country/.test(n) ? '' : /(num|nbr|number)$/.test(n) ? String(v.int(1, 9999)) : /(unit|apt|apart|frac|half|suffix|dir|type|extension|designator|2|3|4|5)/.test(n) ? '' : v.street();
  switch (kind) {
    case 'voterId':
      return /ncid/.test(n) ? `${v.pick(['AA', 'BN', 'CW'])}${v.digits(6)}` : v.digits(9);
    case 'lastName':
    case 'firstName':
      return v.word();
    case 'middleName':
      return v.pick(['', v.word(2), v.pick(['A', 'J', 'M'])]);
    case 'nameSuffix':
    case 'namePrefix':
      return v.int(0, 9) === 0 ? 'JR' : '';
    case 'fullName':
      return `${v.word()}, ${v.word()}`;
    case 'residence':
      return address();
    case 'mailing':
      return v.int(0, 3) === 0 ? address() : '';
    case 'birthDate':
      return v.date(layout.dateFormat, 1930, 2006);
    case 'registrationDate':
      return v.date(layout.dateFormat, 1970, 2026);
    case 'birthYear':
      return String(v.int(1930, 2006));
    case 'age':
      return String(v.int(18, 96));
    case 'party':
      return v.pick(PARTIES);
    case 'precinct':
      return `P${v.int(1, 99)}`;
    case 'district':
      return String(v.int(1, 40));
    case 'status':
      return v.pick(['A', 'I', 'ACT']);
    case 'history':
      return v.int(0, 1) ? v.date(layout.dateFormat, 2000, 2026) : '';
    case 'gender':
      return v.pick(['M', 'F', 'U']);
    case 'race':
      return v.pick(['W', 'B', 'A', 'H', 'O']);
    case 'phone':
      return `555-${v.digits(3)}-${v.digits(4)}`;
    case 'email':
      return v.int(0, 2) ? '' : `${v.word(2).toLowerCase()}@example.org`;
    case 'county':
      return String(v.int(1, 88));
    default:
      return v.pick(['N', 'Y', '']);
  }
}

interface Table {
  names: string[];
  rows: string[][];
  /** Fixed-width positions (0-based starts) and record width, when published. */
  starts?: number[];
  width?: number;
  quoted: boolean;
}

const DELIMITER: Record<string, string> = { csv: ',', tsv: '\t', pipe: '|', semicolon: ';' };

function delimitedText(t: Table, d: string, header: boolean): string {
  const cell = (x: string) => (t.quoted || x.includes(d) || x.includes('"') ? `"${x.replace(/"/g, '""')}"` : x);
  const lines = (header ? [t.names, ...t.rows] : t.rows).map((r) => r.map(cell).join(d));
  return lines.join('\r\n') + '\r\n';
}

/** Fixed-width text: at the published positions, or (with a header) at widths fitted to the data. */
function fixedText(t: Table, header: boolean): string {
  let starts = t.starts;
  let width = t.width;
  const names = t.names.map((n) => n.replace(/[^A-Za-z0-9_]+/g, '_'));
  if (!starts || header) {
    const widths = names.map((n, i) => Math.max(n.length, ...t.rows.map((r) => r[i].length)) + 2);
    starts = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
    width = widths.reduce((a, b) => a + b, 0);
  }
  const line = (r: string[]) => r.map((x, i) => x.slice(0, (starts![i + 1] ?? width!) - starts![i]).padEnd((starts![i + 1] ?? width!) - starts![i])).join('');
  return [...(header ? [line(names)] : []), ...t.rows.map(line)].join('\n') + '\n';
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const colRef = (i: number): string => (i >= 26 ? colRef(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

/** A workbook of one sheet: text as shared strings, digits-only values as numbers, as Excel saves a CSV it opened. */
function xlsx(t: Table, header: boolean): Buffer {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const all = header ? [t.names, ...t.rows] : t.rows;
  const sheetRows = all.map((r, ri) => {
    const cells = r.map((x, ci) => {
      const ref = `${colRef(ci)}${ri + 1}`;
      if (x === '') return '';
      if (/^[1-9]\d{0,14}$/.test(x)) return `<c r="${ref}"><v>${x}</v></c>`;
      if (!index.has(x)) {
        index.set(x, strings.length);
        strings.push(x);
      }
      return `<c r="${ref}" t="s"><v>${index.get(x)}</v></c>`;
    });
    return `<row r="${ri + 1}">${cells.join('')}</row>`;
  });
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipFiles([
    { name: '[Content_Types].xml', data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>` },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="Export" sheetId="1" r:id="rId7"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="${rel}/worksheet" Target="worksheets/export.xml"/></Relationships>` },
    { name: 'xl/worksheets/export.xml', data: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}"><dimension ref="A1:${colRef(t.names.length - 1)}${all.length}"/><sheetData>${sheetRows.join('')}</sheetData></worksheet>` },
    { name: 'xl/sharedStrings.xml', data: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${xmlEscape(s)}</t></si>`).join('')}</sst>` },
  ]);
}

function layoutTable(layout: VoterLayout, v: Values, rows: number): Table {
  return {
    names: layout.columns.map((c) => c.name),
    rows: Array.from({ length: rows }, () => layout.columns.map((c) => valueFor(v, c.kind, c.name, layout))),
    ...(layout.delimiter === 'fixed' ? { starts: layout.columns.map((c) => c.start! - 1), width: recordWidth(layout) } : {}),
    quoted: layout.quoted,
  };
}

/** Close negatives: people or places with names, addresses, dates, even a voter id, that are not the voter roll. */
const NEGATIVES: Record<string, [string, (v: Values) => string][]> = {
  'employee list': [
    ['EMPLOYEE_ID', (v) => v.digits(6)], ['LAST_NAME', (v) => v.word()], ['FIRST_NAME', (v) => v.word()], ['MIDDLE_INITIAL', (v) => v.pick(['A', 'J', ''])],
    ['DEPARTMENT', (v) => v.word()], ['JOB_TITLE', (v) => v.word()], ['HIRE_DATE', (v) => v.date('mm/dd/yyyy', 1990, 2026)], ['DATE_OF_BIRTH', (v) => v.date('mm/dd/yyyy', 1950, 2004)],
    ['HOME_ADDRESS', (v) => v.street()], ['CITY', (v) => v.word()], ['STATE', (v) => v.pick(STATES)], ['ZIP', (v) => v.digits(5)], ['PHONE', (v) => `555-${v.digits(3)}-${v.digits(4)}`], ['STATUS', (v) => v.pick(['A', 'T'])],
  ],
  'poll-worker roster': [
    ['WORKER_ID', (v) => v.digits(4)], ['VOTER_ID', (v) => v.digits(9)], ['LAST_NAME', (v) => v.word()], ['FIRST_NAME', (v) => v.word()], ['ADDRESS', (v) => v.street()],
    ['CITY', (v) => v.word()], ['ZIP', (v) => v.digits(5)], ['PHONE', (v) => `555-${v.digits(3)}-${v.digits(4)}`], ['PARTY', (v) => v.pick(PARTIES)], ['ASSIGNED_PRECINCT', (v) => `P${v.int(1, 99)}`],
    ['ROLE', (v) => v.pick(['JUDGE', 'CLERK', 'GREETER'])], ['TRAINING_DATE', (v) => v.date('mm/dd/yyyy', 2024, 2026)],
  ],
  'polling-place list': [
    ['PRECINCT', (v) => `P${v.int(1, 99)}`], ['POLLING_PLACE', (v) => `${v.word()} SCHOOL`], ['ADDRESS', (v) => v.street()], ['CITY', (v) => v.word()], ['ZIP', (v) => v.digits(5)],
    ['ADA_ACCESSIBLE', (v) => v.pick(['Y', 'N'])], ['OPENS', () => '6:30 AM'], ['CLOSES', () => '7:30 PM'], ['CAPACITY', (v) => String(v.int(100, 900))],
  ],
  'candidate list': [
    ['CANDIDATE_ID', (v) => v.digits(5)], ['LAST_NAME', (v) => v.word()], ['FIRST_NAME', (v) => v.word()], ['OFFICE', (v) => `${v.word()} COMMISSIONER`], ['DISTRICT', (v) => String(v.int(1, 9))],
    ['PARTY', (v) => v.pick(PARTIES)], ['ADDRESS', (v) => v.street()], ['CITY', (v) => v.word()], ['ZIP', (v) => v.digits(5)], ['FILING_DATE', (v) => v.date('mm/dd/yyyy', 2025, 2026)],
    ['PHONE', (v) => `555-${v.digits(3)}-${v.digits(4)}`], ['EMAIL', (v) => `${v.word(2).toLowerCase()}@example.org`],
  ],
  'student roster': [
    ['STUDENT_ID', (v) => v.digits(7)], ['LAST_NAME', (v) => v.word()], ['FIRST_NAME', (v) => v.word()], ['DATE_OF_BIRTH', (v) => v.date('mm/dd/yyyy', 2008, 2020)], ['GRADE', (v) => String(v.int(1, 12))],
    ['SCHOOL', (v) => `${v.word()} ELEMENTARY`], ['ADDRESS', (v) => v.street()], ['CITY', (v) => v.word()], ['ZIP', (v) => v.digits(5)], ['GUARDIAN_NAME', (v) => `${v.word()} ${v.word()}`], ['PHONE', (v) => `555-${v.digits(3)}-${v.digits(4)}`],
  ],
  'customer mailing list': [
    ['CUSTOMER_ID', (v) => v.digits(8)], ['LAST_NAME', (v) => v.word()], ['FIRST_NAME', (v) => v.word()], ['ADDRESS1', (v) => v.street()], ['ADDRESS2', () => ''], ['CITY', (v) => v.word()],
    ['STATE', (v) => v.pick(STATES)], ['ZIP', (v) => v.digits(5)], ['PHONE', (v) => `555-${v.digits(3)}-${v.digits(4)}`], ['EMAIL', (v) => `${v.word(2).toLowerCase()}@example.org`], ['SIGNUP_DATE', (v) => v.date('yyyy-mm-dd', 2015, 2026)],
  ],
  'jury pool list': [
    ['JUROR_ID', (v) => v.digits(7)], ['LAST_NAME', (v) => v.word()], ['FIRST_NAME', (v) => v.word()], ['ADDRESS', (v) => v.street()], ['CITY', (v) => v.word()], ['ZIP', (v) => v.digits(5)],
    ['DATE_OF_BIRTH', (v) => v.date('mm/dd/yyyy', 1940, 2006)], ['SUMMONS_DATE', (v) => v.date('mm/dd/yyyy', 2025, 2026)], ['STATUS', (v) => v.pick(['SERVED', 'EXCUSED'])],
  ],
  'campaign donor list': [
    ['DONOR_ID', (v) => v.digits(6)], ['LAST_NAME', (v) => v.word()], ['FIRST_NAME', (v) => v.word()], ['ADDRESS', (v) => v.street()], ['CITY', (v) => v.word()], ['STATE', (v) => v.pick(STATES)],
    ['ZIP', (v) => v.digits(5)], ['EMPLOYER', (v) => v.word()], ['AMOUNT', (v) => String(v.int(5, 2900))], ['CONTRIBUTION_DATE', (v) => v.date('mm/dd/yyyy', 2024, 2026)], ['PARTY', (v) => v.pick(PARTIES)],
  ],
  'precinct results': [
    ['PRECINCT', (v) => `P${v.int(1, 99)}`], ['CONTEST', (v) => `${v.word()} MAYOR`], ['CANDIDATE', (v) => `${v.word()} ${v.word()}`], ['PARTY', (v) => v.pick(PARTIES)], ['VOTES', (v) => String(v.int(0, 999))],
  ],
};

/**
 * A county's or vendor's own export: generic column names in one of several spellings, a
 * random subset of the usual voter-file columns (always names, and a voter id or a
 * registration date), following no published layout.
 */
const COUNTY_COLUMNS: [string[], (v: Values) => string, boolean?][] = [
  [['VOTER_ID', 'Voter ID', 'VoterId', 'REG_NUM', 'Registration Number'], (v) => v.digits(9), true],
  [['LAST_NAME', 'Last Name', 'LastName', 'SURNAME'], (v) => v.word(), true],
  [['FIRST_NAME', 'First Name', 'FirstName', 'GIVEN_NAME'], (v) => v.word(), true],
  [['MIDDLE_NAME', 'Middle Name', 'MI'], (v) => v.pick(['', 'A', v.word(2)])],
  [['RES_ADDRESS', 'Residence Address', 'Street Address', 'ADDRESS'], (v) => v.street()],
  [['RES_CITY', 'City', 'CITY'], (v) => v.word()],
  [['RES_ZIP', 'Zip', 'ZIP_CODE'], (v) => v.digits(5)],
  [['DATE_OF_BIRTH', 'DOB', 'Birth Date'], (v) => v.date('mm/dd/yyyy', 1930, 2006)],
  [['REGISTRATION_DATE', 'Reg Date', 'Date Registered'], (v) => v.date('mm/dd/yyyy', 1970, 2026)],
  [['PARTY', 'Party Affiliation', 'PARTY_CODE'], (v) => v.pick(PARTIES)],
  [['PRECINCT', 'Precinct', 'PCT'], (v) => `P${v.int(1, 99)}`],
  [['VOTER_STATUS', 'Status', 'STATUS_CODE'], (v) => v.pick(['A', 'I'])],
  [['LAST_VOTED', 'Last Voted Date', 'GENERAL_2024'], (v) => v.pick(['', v.date('mm/dd/yyyy', 2016, 2026)])],
  [['SEX', 'Gender'], (v) => v.pick(['M', 'F', 'U'])],
];

function countyExport(v: Values, rows: number): Table {
  const style = v.int(0, 4);
  const cols = COUNTY_COLUMNS.filter(([, , always]) => always || v.int(0, 2) > 0);
  return {
    names: cols.map(([names]) => names[style % names.length]),
    rows: Array.from({ length: rows }, () => cols.map(([, gen]) => gen(v))),
    quoted: false,
  };
}

function negativeTable(cols: [string, (v: Values) => string][], v: Values, rows: number): Table {
  return { names: cols.map((c) => c[0]), rows: Array.from({ length: rows }, () => cols.map((c) => c[1](v))), quoted: false };
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function filesOf(t: Table, base: string, kind: string, positive: boolean, nativeFixed: boolean, native: { format: CorpusFormat; header: boolean }): CorpusFile[] {
  const values = [...new Set(t.rows.flat().filter((x) => x.length >= 4))];
  const f = (name: string, bytes: Buffer, format: CorpusFormat, header: boolean): CorpusFile => ({ name, bytes, format, header, kind, positive, values });
  const out: CorpusFile[] = [];
  for (const format of ['csv', 'tsv', 'pipe', 'semicolon'] as const) {
    for (const header of [true, false]) {
      const name = `${base}${header ? '' : '-noheader'}${format === 'csv' || format === 'tsv' ? `.${format}` : `-${format}.txt`}`;
      out.push(f(name, Buffer.from(delimitedText(t, DELIMITER[format], header)), format, header));
    }
  }
  out.push(f(`${base}-bom.csv`, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(delimitedText(t, ',', true))]), 'csv', true));
  out.push(f(`${base}-fixed.txt`, Buffer.from(fixedText(t, true)), 'fixed-width', true));
  // Without a header, fixed-width text can only be cut where a published layout says.
  if (nativeFixed) out.push(f(`${base}-fixed-noheader.lst`, Buffer.from(fixedText(t, false)), 'fixed-width', false));
  for (const header of [true, false]) out.push(f(`${base}${header ? '' : '-noheader'}.xlsx`, xlsx(t, header), 'xlsx', header));
  const inner = native.format === 'fixed-width' ? fixedText(t, native.header) : delimitedText(t, DELIMITER[native.format], native.header);
  out.push(f(`${base}.zip`, zipFiles([{ name: `export/${base}.txt`, data: inner }, { name: 'export/README.txt', data: 'Export produced for the county.\n' }]), 'zip', native.header));
  return out;
}

/** The kind of the positives that follow no published layout. */
export const COUNTY_EXPORT = 'county export';

const nativeFormat = (l: VoterLayout): CorpusFormat => ({ ',': 'csv', '\t': 'tsv', '|': 'pipe', ';': 'semicolon', fixed: 'fixed-width' } as const)[l.delimiter];

/** The whole corpus: positives from every layout, negatives of every kind, in every format. */
export function voterCorpus(opts: { rows?: number; seed?: number; layouts?: VoterLayout[] } = {}): CorpusFile[] {
  const rows = opts.rows ?? 40;
  const v = new Values(opts.seed ?? 20261103);
  const out: CorpusFile[] = [];
  for (const layout of opts.layouts ?? readVoterLayouts()) {
    const t = layoutTable(layout, v, rows);
    out.push(...filesOf(t, `${layout.state.toLowerCase()}-voters`, layout.state, true, layout.delimiter === 'fixed', { format: nativeFormat(layout), header: layout.header }));
  }
  for (let i = 1; i <= 3; i++) {
    out.push(...filesOf(countyExport(v, rows), `county-export-${i}`, COUNTY_EXPORT, true, false, { format: 'csv', header: true }));
  }
  for (const [kind, cols] of Object.entries(NEGATIVES)) {
    out.push(...filesOf(negativeTable(cols, v, rows), slug(kind), kind, false, false, { format: 'csv', header: true }));
  }
  return out;
}

/** The verdict Canvass gives a corpus file, read as the local scanner reads it (the first 64 KB of text; workbooks and archives whole). */
export async function classifyCorpusFile(f: CorpusFile): Promise<VoterFileVerdict | null> {
  const info = { name: f.name, totalBytes: f.bytes.length };
  if (f.format === 'xlsx') return classifyXlsx(f.bytes, info);
  if (f.format === 'zip') {
    const entries = await classifyZip(f.bytes, info);
    return entries.find((e) => e.verdict.isVoterFile)?.verdict ?? entries[0]?.verdict ?? null;
  }
  return classifyTableHead(f.bytes.subarray(0, 64 * 1024), info);
}
