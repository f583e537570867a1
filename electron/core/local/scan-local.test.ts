import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../errors';
import { scanLocal, type LocalProgress } from './scan-local';

/** The built worker: tests run after `npm run build`, as the CLI and the app start it. */
const WORKER = path.resolve(__dirname, '../../../dist/electron/core/local/worker.js');
const KEY_LINE = 'aws_access_key_id = AKIAQX4TNW7RBJ3LPZ5K\naws_secret_access_key = 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\n';

function tree(files: number): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'canvass-scanlocal-'));
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, `d${i % 7}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `f${i}.txt`), i % 10 === 0 ? `[default]\n${KEY_LINE}` : 'nothing to see\n'.repeat(100));
  }
  return root;
}
const summary = (inv: Awaited<ReturnType<typeof scanLocal>>) => ({
  stats: inv.stats,
  files: inv.files.map((f) => `${f.name} ${f.hits.map((h) => `${h.kind}@${h.line}`).join(',')}`).sort(),
});

describe('scanLocal', () => {
  it('gives the same result on worker threads as in this thread, with progress', async () => {
    expect(existsSync(WORKER)).toBe(true);
    const root = tree(60);
    const progress: LocalProgress[] = [];
    const pooled = await scanLocal(root, { workers: 2, workerFile: WORKER, onProgress: (p) => progress.push(p) });
    const inline = await scanLocal(root, { workers: 0 });
    expect(summary(pooled)).toEqual(summary(inline));
    expect(pooled.stats.files).toBe(60);
    expect(pooled.files).toHaveLength(6);
    expect(progress.at(-1)).toMatchObject({ files: 60, findings: 6 });
  });

  it('stops at once when cancelled, and says so', async () => {
    const root = tree(400);
    const ac = new AbortController();
    const run = scanLocal(root, { workers: 2, workerFile: WORKER, signal: ac.signal, onProgress: () => ac.abort() });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });

  it('fails the scan, reporting nothing, when the reader script is not there (an incomplete build)', async () => {
    const root = tree(3);
    await expect(scanLocal(root, { workers: 1, workerFile: path.join(root, 'no-such-worker.js') })).rejects.toThrow(/no-such-worker\.js is missing: this build of Canvass is incomplete/);
  });

  it('reports a file whose reader died, and goes on', async () => {
    const root = tree(20);
    // A worker that exits on its first file stands for one that crashed (out of memory, a bug).
    const dying = path.join(mkdtempSync(path.join(os.tmpdir(), 'canvass-dying-')), 'worker.js');
    writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));");
    const inv = await scanLocal(root, { workers: 1, workerFile: dying });
    expect(inv.files).toHaveLength(20);
    expect(inv.files[0].problem).toBe('could not be read: the reader stopped (exit code 3)');
  });
});
