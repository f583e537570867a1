import type { FileReport, LocalCounters } from './file-report';

/** What a local scan of one folder (or file) gives the checks. */
export interface LocalInventory {
  /** The scanned folder or file, absolute. */
  root: string;
  /** Files and archive members with something to say, and every path that could not be read. */
  files: FileReport[];
  stats: LocalCounters & { directories: number; symlinksSkipped: number; specialSkipped: number };
}
