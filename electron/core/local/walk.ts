import { promises as fs, type Dir, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { describeFsError } from './fs-problem';

/** A regular file to read, or a path the walk could not go into (named, with the reason). */
export type WalkEntry =
  | { kind: 'file'; path: string; rel: string }
  | { kind: 'problem'; path: string; rel: string; reason: string };

export interface WalkStats {
  directories: number;
  /** Symbolic links are never followed: a link to a folder could loop or leave the tree. */
  symlinksSkipped: number;
  /** FIFOs, sockets and devices: reading them could block or never end. */
  specialSkipped: number;
}

export interface WalkOptions {
  /** Deeper folders are reported, not entered: each level holds one open directory handle. */
  maxDepth?: number;
  signal?: AbortSignal;
}

const DEFAULT_MAX_DEPTH = 64;

interface Level {
  dir: Dir;
  path: string;
  rel: string;
  /** dev:ino, to recognise a folder that contains itself (bind mounts, junctions). */
  key: string;
}

type EntryType = 'file' | 'dir' | 'link' | 'special';
interface Typed {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
}
/** undefined when the directory listing does not say (DT_UNKNOWN). */
function typeOf(e: Typed): EntryType | undefined {
  if (e.isFile()) return 'file';
  if (e.isDirectory()) return 'dir';
  if (e.isSymbolicLink()) return 'link';
  if (e.isFIFO() || e.isSocket() || e.isBlockDevice() || e.isCharacterDevice()) return 'special';
  return undefined;
}

const keyOf = (s: { dev: number; ino: number }) => `${s.dev}:${s.ino}`;

/**
 * Walks a folder depth first without ever holding the tree: the only state is the stack of
 * directories being read (one handle per level, bounded by maxDepth), each read a few entries
 * at a time. A file or folder that cannot be read is yielded as a problem and the walk goes on.
 * A root that is a file yields that file. A problem with the root itself names it by its path,
 * which is what the clerk gave (its path relative to itself, ".", says nothing).
 */
export async function* walkTree(root: string, stats: WalkStats, opts: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  let rootStat;
  try {
    rootStat = await fs.stat(root);
  } catch (e) {
    yield { kind: 'problem', path: root, rel: root, reason: describeFsError(e) };
    return;
  }
  if (rootStat.isFile()) {
    yield { kind: 'file', path: root, rel: path.basename(root) };
    return;
  }
  if (!rootStat.isDirectory()) {
    // Nothing read must not pass: a root that became a device or pipe since it was checked is a problem.
    yield { kind: 'problem', path: root, rel: root, reason: 'is not a folder or a file (a device, pipe or socket)' };
    return;
  }
  const stack: Level[] = [];
  const onStack = new Set<string>();
  const enter = async (p: string, rel: string, key: string): Promise<string | undefined> => {
    try {
      stack.push({ dir: await fs.opendir(p, { bufferSize: 64 }), path: p, rel, key });
      onStack.add(key);
      stats.directories++;
      return undefined;
    } catch (e) {
      return describeFsError(e);
    }
  };
  const rootProblem = await enter(root, '', keyOf(rootStat));
  if (rootProblem) {
    yield { kind: 'problem', path: root, rel: root, reason: rootProblem };
    return;
  }
  try {
    while (stack.length) {
      if (opts.signal?.aborted) return;
      const top = stack[stack.length - 1];
      let ent: Dirent | null;
      try {
        ent = await top.dir.read();
      } catch (e) {
        // A folder removed or unmounted while it was listed: the rest of it cannot be known.
        yield { kind: 'problem', path: top.path, rel: top.rel || top.path, reason: `could not be listed to the end: ${describeFsError(e)}` };
        ent = null;
      }
      if (!ent) {
        stack.pop();
        onStack.delete(top.key);
        await top.dir.close().catch(() => undefined);
        continue;
      }
      const p = path.join(top.path, ent.name);
      const rel = top.rel ? `${top.rel}/${ent.name}` : ent.name;
      let type = typeOf(ent);
      if (!type) {
        // Some file systems do not say what an entry is: ask.
        try {
          type = typeOf(await fs.lstat(p));
        } catch (e) {
          yield { kind: 'problem', path: p, rel, reason: describeFsError(e) };
          continue;
        }
      }
      if (type === 'link') stats.symlinksSkipped++;
      else if (type === 'special') stats.specialSkipped++;
      else if (type === 'file') yield { kind: 'file', path: p, rel };
      else {
        let key: string;
        try {
          key = keyOf(await fs.stat(p));
        } catch (e) {
          yield { kind: 'problem', path: p, rel, reason: describeFsError(e) };
          continue;
        }
        if (onStack.has(key)) {
          yield { kind: 'problem', path: p, rel, reason: 'is the same folder as one that contains it (a loop); not entered again' };
        } else if (stack.length > maxDepth) {
          yield { kind: 'problem', path: p, rel, reason: `is more than ${maxDepth} folders deep; not entered` };
        } else {
          const problem = await enter(p, rel, key);
          if (problem) yield { kind: 'problem', path: p, rel, reason: problem };
        }
      }
    }
  } finally {
    // Cancelled or abandoned part way: close what is still open.
    for (const l of stack) await l.dir.close().catch(() => undefined);
  }
}
