import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
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

const columnSchema = z.strictObject({
  name: z.string().min(1),
  kind: z.enum(COLUMN_KINDS),
  /** Fixed-width layouts only: 1-based first character and width. */
  start: z.number().int().positive().optional(),
  width: z.number().int().positive().optional(),
});

export const voterLayoutSchema = z
  .strictObject({
    /** Two-letter postal code. */
    state: z.string().regex(/^[A-Z]{2}$/),
    name: z.string().min(1),
    source: z.strictObject({ title: z.string().min(1), url: z.url() }),
    delimiter: z.enum([',', '\t', '|', ';', 'fixed']),
    header: z.boolean(),
    quoted: z.boolean(),
    dateFormat: z.enum(DATE_FORMATS),
    /** What could not be confirmed against the source, and the layout's quirks. */
    notes: z.string(),
    columns: z.array(columnSchema).min(5),
  })
  .superRefine((l, ctx) => {
    const names = l.columns.map((c) => c.name);
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', message: 'column names repeat' });
    const fixed = l.delimiter === 'fixed';
    let next = 1;
    for (const c of l.columns) {
      if (fixed !== (c.start !== undefined && c.width !== undefined)) {
        ctx.addIssue({ code: 'custom', message: `${c.name}: start and width are for fixed-width layouts, and required there` });
      } else if (fixed && c.start !== next) {
        ctx.addIssue({ code: 'custom', message: `${c.name}: starts at ${c.start}, the previous column ends at ${next - 1}` });
      }
      if (fixed && c.width) next = (c.start ?? next) + c.width;
    }
    const kinds = new Set(l.columns.map((c) => c.kind));
    for (const needed of ['voterId', 'lastName', 'firstName'] as const) {
      if (!kinds.has(needed)) ctx.addIssue({ code: 'custom', message: `no ${needed} column` });
    }
  });

export type VoterLayout = z.infer<typeof voterLayoutSchema>;

/** The characters of one record of a fixed-width layout, line end excluded. */
export const recordWidth = (l: VoterLayout) => l.columns.reduce((n, c) => Math.max(n, (c.start ?? 0) + (c.width ?? 0) - 1), 0);

export const layoutsDir = (resources = findResourcesDir()) => path.join(resources, 'voter-layouts');

/** Reads and validates every layout of a folder; a malformed file is an error naming it. */
export function readVoterLayouts(dir = layoutsDir()): VoterLayout[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = voterLayoutSchema.safeParse(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`voter layout ${f}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      return parsed.data;
    });
}

let cached: VoterLayout[] | undefined;
/** The shipped layouts, read once per process. */
export const voterLayouts = (): VoterLayout[] => (cached ??= readVoterLayouts());
