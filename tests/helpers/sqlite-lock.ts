import { spawn } from 'node:child_process';
import * as path from 'node:path';

/**
 * Another process in the middle of a write to the SQLite file, as another Canvass scan saving
 * would be: resolves once it holds the lock; release() ends it.
 */
export async function holdWriteLock(file: string): Promise<{ release: () => void }> {
  const holder = spawn(process.execPath, ['-e', `const db = new (require('better-sqlite3'))(${JSON.stringify(file)}); db.exec('BEGIN IMMEDIATE'); console.log('locked'); setInterval(() => {}, 1000);`], {
    cwd: path.resolve(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((r) => holder.stdout.once('data', r));
  return { release: () => holder.kill() };
}
