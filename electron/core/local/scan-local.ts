import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancelledError, InputError } from '../errors';
import { addCounters, zeroCounters, type FileReport } from './file-report';
import { DEFAULT_LIMITS, type LocalLimits } from './limits';
import type { LocalInventory } from './local-inventory';
import { FilePool } from './pool';
import { walkTree, type WalkStats } from './walk';

export interface LocalProgress {
  files: number;
  bytes: number;
  /** Voter files and credentials found so far. */
  findings: number;
  /** The folder being walked, relative to the root. */
  current: string;
}

export interface LocalScanOptions {
  signal?: AbortSignal;
  onProgress?: (p: LocalProgress) => void;
  /** Worker threads; 0 reads in this thread. Default: every core. */
  workers?: number;
  workerFile?: string;
  limits?: LocalLimits;
}

const PROGRESS_MS = 200;

/** A folder or file to scan, absolute and resolved; anything else is refused with a reason a clerk can act on. */
async function realRoot(p: string): Promise<string> {
  let real: string;
  let stat;
  try {
    real = await fs.realpath(path.resolve(p));
    stat = await fs.stat(real);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' || code === 'ENOTDIR' ? `${p}: no such file or folder` : `${p}: cannot be opened (${code ?? 'error'})`);
  }
  // A disk device, pipe or socket has no files to list: reading it would find nothing and pass.
  if (!stat.isDirectory() && !stat.isFile()) {
    throw new InputError(`${p}: not a folder or a file (a device, pipe or socket); to scan a drive, mount it and give its folder`);
  }
  return real;
}

/**
 * Checks the folders to scan before anything starts: each must be a folder or a file, and
 * none may be inside another (its files would be read, and reported, twice). Returns them
 * absolute and resolved.
 */
export async function checkLocalRoots(paths: string[]): Promise<string[]> {
  const real: string[] = [];
  for (const p of paths) real.push(await realRoot(p));
  real.forEach((a, i) =>
    real.forEach((b, j) => {
      if (i !== j && (a === b || b.startsWith(a.endsWith(path.sep) ? a : a + path.sep))) {
        throw new InputError(`${paths[j]} is inside ${paths[i]}, which is already scanned: give only one of them`);
      }
    }),
  );
  return real;
}

const findingsIn = (r: FileReport) => r.hits.length + (r.voter?.isVoterFile ? 1 : 0);

/**
 * Scans one folder: the walk runs here and hands each file to the worker pool; only what a
 * finding needs is kept. Cancelling stops the walk and the workers at once and throws
 * CancelledError.
 */
export async function scanLocal(root: string, opts: LocalScanOptions = {}): Promise<LocalInventory> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const walkStats: WalkStats = { directories: 0, symlinksSkipped: 0, specialSkipped: 0 };
  const counters = zeroCounters();
  const files: FileReport[] = [];
  let findings = 0;
  let current = '';
  let lastProgress = 0;
  const progress = (force = false) => {
    const now = Date.now();
    if (!opts.onProgress || (!force && now - lastProgress < PROGRESS_MS)) return;
    lastProgress = now;
    opts.onProgress({ files: counters.files, bytes: counters.bytes, findings, current });
  };
  const pool = new FilePool({
    size: opts.workers ?? os.availableParallelism(),
    limits,
    workerFile: opts.workerFile,
    onResult: (r) => {
      addCounters(counters, r.counters);
      for (const rep of r.reports) {
        files.push(rep);
        findings += findingsIn(rep);
      }
      progress();
    },
  });
  const abort = () => void pool.close();
  opts.signal?.addEventListener('abort', abort, { once: true });
  try {
    for await (const entry of walkTree(root, walkStats, { signal: opts.signal })) {
      if (entry.kind === 'problem') {
        files.push({ id: entry.path, name: entry.rel, bytes: 0, hits: [], problem: entry.reason });
        continue;
      }
      current = path.posix.dirname(entry.rel);
      await pool.submit(entry.path, entry.rel);
      if (opts.signal?.aborted) break;
    }
    await pool.drain();
    if (opts.signal?.aborted) throw new CancelledError();
    progress(true);
    return { root, files, stats: { ...counters, ...walkStats } };
  } finally {
    opts.signal?.removeEventListener('abort', abort);
    await pool.close();
  }
}
