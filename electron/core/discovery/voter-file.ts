import { tableEvidence } from './voter-file-text';
import { classifyTable } from './voter-file-verdict';

/**
 * The one voter-file classifier, used for bucket objects and local files alike. It sees a
 * file's column names and the SHAPES of its first rows, never keeps a value, and says whether
 * the file is a voter registration extract, which columns made the call, the published state
 * layout it matches best and about how many rows it holds.
 */

export interface VoterFileVerdict {
  isVoterFile: boolean;
  /** Column names (for header-less files, the layout's names) that made the call. */
  columns: string[];
  layout?: { state: string; name: string; score: number };
  rowEstimate?: number;
  format: 'csv' | 'tsv' | 'pipe' | 'semicolon' | 'fixed-width' | 'xlsx';
  reason: string;
}

export interface FileInfo {
  name: string;
  totalBytes: number;
}

/**
 * Classifies the first ≤64 KB of a file (CSV, TSV, pipe, semicolon or fixed-width text; UTF-8
 * with or without a byte-order mark); null when the head is not tabular text.
 */
export function classifyTableHead(head: Uint8Array, info: FileInfo): VoterFileVerdict | null {
  const t = tableEvidence(head, info.totalBytes);
  return t ? classifyTable(t, info) : null;
}

export { classifyTable, layoutWords, type TableEvidence } from './voter-file-verdict';
export { tableEvidence };
export { classifyXlsx } from './voter-file-xlsx';
export { classifyZip, type ZipEntryVerdict } from './voter-file-zip';
