import { recordWidth, voterLayouts, type ColumnKind, type VoterLayout } from './voter-layouts';

/**
 * Header-less rows matched against the published layouts by the SHAPES of their values only
 * ("digits:9", "alpha", "date" ... from valueShape): a row with a layout's number of fields
 * whose id, name and date columns have the shapes those columns always have is that layout.
 */

/** What a cell of a column of each kind can look like; kinds not listed here do not vote. */
const SHAPES_OF: Partial<Record<ColumnKind, (s: string) => boolean>> = {
  voterId: (s) => /^digits:([5-9]|1\d)$/.test(s) || s === 'alnum',
  lastName: (s) => s === 'alpha' || /^upper:[1-3]$/.test(s),
  firstName: (s) => s === 'alpha' || /^upper:[1-3]$/.test(s),
  middleName: (s) => s === 'alpha' || s === 'empty' || /^upper:[1-3]$/.test(s),
  birthDate: (s) => s === 'date' || s === 'digits:8',
  registrationDate: (s) => s === 'date' || s === 'digits:8',
  birthYear: (s) => s === 'digits:4',
  age: (s) => /^digits:[1-3]$/.test(s),
  gender: (s) => s === 'upper:1' || s === 'empty',
};

export interface ShapeMatch {
  layout: VoterLayout;
  /** Share of the telling cells (ids, names, dates) whose shape fits, 0 to 1. */
  score: number;
  /** The layout's columns that fitted in every row. */
  columns: string[];
}

/** A layout is matched when this share of telling cells fits. */
export const SHAPE_MATCH = 0.9;

function scoreLayout(layout: VoterLayout, rows: string[][]): ShapeMatch | undefined {
  const telling = layout.columns.map((c, i) => ({ c, i, fits: SHAPES_OF[c.kind] })).filter((t) => t.fits);
  // A layout that cannot be told by shapes (too few id, name or date columns) is not matched so.
  if (new Set(telling.map((t) => t.c.kind)).size < 3) return undefined;
  let fit = 0;
  let all = 0;
  const columns: string[] = [];
  for (const { c, i, fits } of telling) {
    const ok = rows.filter((r) => fits!(r[i])).length;
    fit += ok;
    all += rows.length;
    if (ok === rows.length && rows.some((r) => r[i] !== 'empty')) columns.push(c.name);
  }
  return { layout, score: all ? fit / all : 0, columns };
}

/**
 * The layout the row shapes fit best, among those with as many columns (a trailing empty
 * field, as some exports write, is allowed), or for fixed-width rows those whose records are
 * `lineLength` long.
 */
export function bestLayoutByShapes(rowShapes: string[][], lineLength?: number): ShapeMatch | undefined {
  const rows = rowShapes.filter((r) => r.length > 1);
  if (rows.length === 0) return undefined;
  const fields = rows[0].length;
  let best: ShapeMatch | undefined;
  for (const layout of voterLayouts()) {
    const n = layout.columns.length;
    if (lineLength !== undefined ? layout.delimiter !== 'fixed' || recordWidth(layout) !== lineLength : fields !== n && !(fields === n + 1 && rows.every((r) => r[n] === 'empty'))) continue;
    if (!rows.every((r) => r.length === fields)) continue;
    const m = scoreLayout(layout, rows);
    if (m && (!best || m.score > best.score)) best = m;
  }
  return best;
}

/** The 0-based starts of a fixed-width layout whose records are `lineLength` long. */
export function fixedStarts(lineLength: number): number[] | undefined {
  const layout = voterLayouts().find((l) => l.delimiter === 'fixed' && recordWidth(l) === lineLength);
  return layout?.columns.map((c) => (c.start ?? 1) - 1);
}
