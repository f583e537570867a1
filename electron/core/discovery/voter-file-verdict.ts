import { classifyHeader } from './voter-columns';
import { bestLayoutByShapes, SHAPE_MATCH } from './voter-file-shapes';
import type { FileInfo, VoterFileVerdict } from './voter-file';

/**
 * The verdict on a table from what may be known of it: its column names and the SHAPES of
 * its first rows, never a value. Shared by text files, workbooks and bucket object samples.
 */

/** What is known of a table's head: as read from the bytes, or as kept in object-samples.json. */
export interface TableEvidence {
  format: VoterFileVerdict['format'];
  header?: string[];
  rowShapes: string[][];
  lineLength?: number;
  rowBytes?: number;
  headerBytes?: number;
  /** The exact data row count, when the whole table was read. */
  rows?: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Below this similarity the closest state layout is not the file's: a county's own export
 * shares a few column names (LAST_NAME, FIRST_NAME, ZIP) with every state's layout.
 */
const LAYOUT_ALIKE = 0.4;

/** The closest state layout, in words that do not call a county's own export another state's file. */
export function layoutWords(l: { state: string; name: string; score: number }): string {
  return l.score >= LAYOUT_ALIKE
    ? `closest state layout: ${l.state} ${l.name} (similarity ${l.score})`
    : `not a state's published layout (the closest, ${l.state} ${l.name}, has similarity ${l.score})`;
}

function estimate(t: TableEvidence, totalBytes: number): number | undefined {
  if (t.rows !== undefined) return t.rows;
  if (!t.rowBytes || !(totalBytes > 0)) return undefined;
  return Math.max(1, Math.round((totalBytes - (t.headerBytes ?? 0)) / t.rowBytes));
}

/** The verdict on a table's head: by its header when it has one, else by its rows' shapes. */
export function classifyTable(t: TableEvidence, info: FileInfo): VoterFileVerdict {
  const rowEstimate = estimate(t, info.totalBytes);
  const common = { format: t.format, ...(rowEstimate !== undefined ? { rowEstimate } : {}) };
  if (t.header) {
    const h = classifyHeader(t.header);
    return {
      ...common,
      isVoterFile: h.isVoterFile,
      columns: h.isVoterFile ? h.columns : [],
      ...(h.layout ? { layout: { state: h.layout.layout.state, name: h.layout.layout.name, score: round2(h.layout.score) } } : {}),
      reason: h.reason,
    };
  }
  const m = bestLayoutByShapes(t.rowShapes, t.format === 'fixed-width' ? t.lineLength : undefined);
  if (!m) {
    return { ...common, isVoterFile: false, columns: [], reason: 'no header, and its rows match no published voter-file layout' };
  }
  const layout = { state: m.layout.state, name: m.layout.name, score: round2(m.score) };
  if (m.score < SHAPE_MATCH) {
    return { ...common, isVoterFile: false, columns: [], layout, reason: `no header; its rows have the ${m.layout.state} layout's column count but not its shapes` };
  }
  return {
    ...common,
    isVoterFile: true,
    columns: m.columns,
    layout,
    reason: `no header; its rows have the columns and value shapes of the ${m.layout.state} ${m.layout.name} layout`,
  };
}
