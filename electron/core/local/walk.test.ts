import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkTree, type WalkEntry, type WalkStats } from './walk';

const walk = async (root: string, maxDepth?: number) => {
  const stats: WalkStats = { directories: 0, symlinksSkipped: 0, specialSkipped: 0 };
  const entries: WalkEntry[] = [];
  for await (const e of walkTree(root, stats, { maxDepth })) entries.push(e);
  return { stats, files: entries.filter((e) => e.kind === 'file').map((e) => e.rel).sort(), problems: entries.filter((e) => e.kind === 'problem') };
};

describe('walkTree', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'canvass-walk-'));
  mkdirSync(path.join(root, 'a/b/c'), { recursive: true });
  writeFileSync(path.join(root, 'top.txt'), 'x');
  writeFileSync(path.join(root, 'a/b/c/deep.csv'), 'x');
  // A link back to the root (a loop) and a link to a file: neither is followed.
  symlinkSync(root, path.join(root, 'a/loop'));
  symlinkSync(path.join(root, 'top.txt'), path.join(root, 'a/top-link.txt'));
  execFileSync('mkfifo', [path.join(root, 'a/pipe')]);

  it('yields every regular file with its path relative to the root, and follows no link', async () => {
    const r = await walk(root);
    expect(r.files).toEqual(['a/b/c/deep.csv', 'top.txt']);
    expect(r.problems).toEqual([]);
    expect(r.stats).toEqual({ directories: 4, symlinksSkipped: 2, specialSkipped: 1 });
  });

  it('reports folders deeper than the limit instead of entering them', async () => {
    const r = await walk(root, 2);
    expect(r.files).toEqual(['top.txt']);
    expect(r.problems).toEqual([{ kind: 'problem', path: path.join(root, 'a/b/c'), rel: 'a/b/c', reason: 'is more than 2 folders deep; not entered' }]);
  });

  it('recognises a folder that contains itself (a bind mount) by device and inode', async () => {
    const outer = mkdtempSync(path.join(os.tmpdir(), 'canvass-walk-bind-'));
    mkdirSync(path.join(outer, 'inner'));
    writeFileSync(path.join(outer, 'f.txt'), 'x');
    try {
      execFileSync('mount', ['--bind', outer, path.join(outer, 'inner')], { stdio: 'ignore' });
    } catch {
      // Without mount privileges there is no way to make such a loop; the symlink case above still runs.
      expect(process.getuid?.()).not.toBe(0);
      return;
    }
    try {
      const r = await walk(outer);
      expect(r.files).toEqual(['f.txt']);
      expect(r.problems).toEqual([expect.objectContaining({ rel: 'inner', reason: expect.stringMatching(/loop/) })]);
    } finally {
      execFileSync('umount', [path.join(outer, 'inner')]);
    }
  });

  it('reports a root that does not exist by its path, and walks a root that is a file', async () => {
    expect((await walk(path.join(root, 'nope'))).problems).toEqual([
      { kind: 'problem', path: path.join(root, 'nope'), rel: path.join(root, 'nope'), reason: 'no longer exists (removed or renamed while the scan ran)' },
    ]);
    expect((await walk(path.join(root, 'top.txt'))).files).toEqual(['top.txt']);
  });

  it('reports a root that is a pipe or a device instead of walking nothing', async () => {
    for (const special of [path.join(root, 'a/pipe'), '/dev/null']) {
      const r = await walk(special);
      expect(r.files).toEqual([]);
      expect(r.problems).toEqual([{ kind: 'problem', path: special, rel: special, reason: 'is not a folder or a file (a device, pipe or socket)' }]);
    }
  });
});
