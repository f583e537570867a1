import * as path from 'node:path';
import type { FileInfo, VoterFileVerdict } from './voter-file';
import { tableEvidence } from './voter-file-text';
import { classifyTable } from './voter-file-verdict';
import { classifyXlsx, type XlsxLimits } from './voter-file-xlsx';
import { openZip, readEntryHead } from './zip-archive';

/**
 * A zip archive of exports (what a county mails a vendor, or keeps as a backup): each tabular
 * entry is read as the classifier reads a file, its first 64 KB for text, the whole entry
 * for a workbook inside (a workbook is itself a zip and cannot be streamed from inside
 * another), both within limits.
 */

export interface ZipLimits extends XlsxLimits {
  /** Entries classified at most. */
  maxEntries?: number;
  /** An inner workbook larger than this (uncompressed) is not read. */
  maxInnerXlsxBytes?: number;
}

export interface ZipEntryVerdict {
  entry: string;
  verdict: VoterFileVerdict;
}

const HEAD_BYTES = 64 * 1024;
const TEXT = /\.(csv|tsv|psv|tab|txt|dat|lst)$/i;
const DEFAULTS = { maxEntries: 200, maxInnerXlsxBytes: 64 << 20 };

/**
 * The verdicts on the tabular entries of a zip archive (a path or its bytes), in archive
 * order; entries that are not tables are left out. `info.name` is the archive's; nested
 * archives are not opened.
 */
export async function classifyZip(source: string | Buffer, info: FileInfo, limits: ZipLimits = {}): Promise<ZipEntryVerdict[]> {
  const lim = { ...DEFAULTS, ...limits };
  const zip = await openZip(source);
  const out: ZipEntryVerdict[] = [];
  try {
    let seen = 0;
    for (const entry of zip.entries) {
      if (entry.fileName.endsWith('/') || seen >= lim.maxEntries) continue;
      const ext = path.extname(entry.fileName).toLowerCase();
      if (ext === '.xlsx' && entry.uncompressedSize <= lim.maxInnerXlsxBytes) {
        seen++;
        const inner = await readEntryHead(zip, entry, entry.uncompressedSize);
        const verdict = await classifyXlsx(inner, { name: entry.fileName, totalBytes: entry.uncompressedSize }, limits);
        if (verdict) out.push({ entry: entry.fileName, verdict });
      } else if (TEXT.test(ext)) {
        seen++;
        const head = await readEntryHead(zip, entry, HEAD_BYTES);
        const t = tableEvidence(head, entry.uncompressedSize);
        if (t) out.push({ entry: entry.fileName, verdict: classifyTable(t, { name: entry.fileName, totalBytes: entry.uncompressedSize }) });
      }
    }
  } finally {
    zip.close();
  }
  return out;
}
