import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findResourcesDir } from '../paths';

/**
 * The published voter-file layouts of the states, kept as data in resources/voter-layouts
 * (one JSON file per layout): a new state is a file, not code. Each column says what kind of
 * voter data it holds, which is how both a header and header-less rows are recognized.
 */

export const COLUMN_KINDS = [
  'voterId', 'lastName', 'firstName', 'middleName', 'nameSuffix', 'namePrefix', 'fullName',
  'residence', 'mailing', 'birthDate', 'birthYear', 'age', 'registrationDate', 'party',
  'precinct', 'district', 'status', 'history', 'gender', 'race', 'phone', 'email', 'county', 'other',
] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export const DATE_FORMATS = ['mm/dd/yyyy', 'yyyy-mm-dd', 'yyyymmdd', 'mmddyyyy'] as const;

export interface VoterColumn {
  name: string;
  kind: ColumnKind;
  /** Fixed-width layouts only: 1-based first character and width. */
  start?: number;
  width?: number;
}

export interface VoterLayout {
  /** Two-letter postal code. */
  state: string;
  name: string;
  source: { title: string; url: string };
  delimiter: ',' | '\t' | '|' | ';' | 'fixed';
  header: boolean;
  quoted: boolean;
  dateFormat: (typeof DATE_FORMATS)[number];
  /** What could not be confirmed against the source, and the layout's quirks. */
  notes: string;
  columns: VoterColumn[];
}

const DELIMITERS: readonly string[] = [',', '\t', '|', ';', 'fixed'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isPositive = (v: unknown) => v === undefined || (Number.isInteger(v) && (v as number) > 0);
const isWebAddress = (v: unknown) => typeof v === 'string' && /^https?:\/\//.test(v) && URL.canParse(v);

/** Fields other than these are a mistake (a misspelt "widht" would otherwise be ignored). */
function unknownFields(o: Record<string, unknown>, fields: string[], where: string): string[] {
  return Object.keys(o)
    .filter((k) => !fields.includes(k))
    .map((k) => `${where}unknown field "${k}"`);
}

/**
 * What is wrong with a layout file's content, in words naming the field; none if it is a
 * layout. Checked by hand, not by a schema library: the local scan's reader threads load this
 * module, and zod took each of them 70 ms to load, longer than reading a thousand files.
 */
export function layoutProblems(l: unknown): string[] {
  if (!isRecord(l)) return ['not a JSON object'];
  const out = unknownFields(l, ['state', 'name', 'source', 'delimiter', 'header', 'quoted', 'dateFormat', 'notes', 'columns'], '');
  if (typeof l.state !== 'string' || !/^[A-Z]{2}$/.test(l.state)) out.push('state: a two-letter postal code, in capitals');
  if (!isText(l.name)) out.push('name: missing');
  if (!isRecord(l.source) || !isText(l.source.title) || !isWebAddress(l.source.url)) out.push('source: a title and an http(s) url');
  else out.push(...unknownFields(l.source, ['title', 'url'], 'source: '));
  if (!DELIMITERS.includes(l.delimiter as string)) out.push(`delimiter: one of ${DELIMITERS.map((d) => JSON.stringify(d)).join(', ')}`);
  if (typeof l.header !== 'boolean') out.push('header: true or false');
  if (typeof l.quoted !== 'boolean') out.push('quoted: true or false');
  if (!(DATE_FORMATS as readonly unknown[]).includes(l.dateFormat)) out.push(`dateFormat: one of ${DATE_FORMATS.join(', ')}`);
  if (typeof l.notes !== 'string') out.push('notes: text (may be empty)');
  if (!Array.isArray(l.columns) || l.columns.length < 5) return [...out, 'columns: five or more'];
  const fixed = l.delimiter === 'fixed';
  const names = new Set<string>();
  const kinds = new Set<unknown>();
  let next = 1;
  for (const [i, c] of l.columns.entries()) {
    if (!isRecord(c) || !isText(c.name)) {
      out.push(`column ${i + 1}: a name is missing`);
      continue;
    }
    const at = `${c.name}: `;
    out.push(...unknownFields(c, ['name', 'kind', 'start', 'width'], at));
    if (names.has(c.name)) out.push(`${at}column names repeat`);
    names.add(c.name);
    if (!(COLUMN_KINDS as readonly unknown[]).includes(c.kind)) out.push(`${at}kind: one of ${COLUMN_KINDS.join(', ')}`);
    kinds.add(c.kind);
    if (!isPositive(c.start) || !isPositive(c.width)) out.push(`${at}start and width are whole numbers from 1`);
    else if (fixed !== (c.start !== undefined && c.width !== undefined)) out.push(`${at}start and width are for fixed-width layouts, and required there`);
    else if (fixed && c.start !== next) out.push(`${at}starts at ${c.start}, the previous column ends at ${next - 1}`);
    if (fixed && typeof c.start === 'number' && typeof c.width === 'number') next = c.start + c.width;
  }
  for (const needed of ['voterId', 'lastName', 'firstName']) if (!kinds.has(needed)) out.push(`no ${needed} column`);
  return out;
}

/** The characters of one record of a fixed-width layout, line end excluded. */
export const recordWidth = (l: VoterLayout) => l.columns.reduce((n, c) => Math.max(n, (c.start ?? 0) + (c.width ?? 0) - 1), 0);

export const layoutsDir = (resources = findResourcesDir()) => path.join(resources, 'voter-layouts');

/** Reads and validates every layout of a folder; a malformed file is an error naming it. */
export function readVoterLayouts(dir = layoutsDir()): VoterLayout[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      let layout: unknown;
      try {
        layout = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
      } catch (e) {
        throw new Error(`voter layout ${f}: not readable as JSON (${(e as Error).message})`);
      }
      const problems = layoutProblems(layout);
      if (problems.length) throw new Error(`voter layout ${f}: ${problems.join('; ')}`);
      return layout as VoterLayout;
    });
}

let cached: VoterLayout[] | undefined;
/** The shipped layouts, read once per process. */
export const voterLayouts = (): VoterLayout[] => (cached ??= readVoterLayouts());
