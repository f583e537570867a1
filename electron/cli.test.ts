import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { holdWriteLock } from '../tests/helpers/sqlite-lock';
import { main } from './cli';
import { findResourcesDir } from './core/paths';
import { runScan } from './core/scan/scan';
import { openDatabase } from './core/store/db';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'canvass-cli-'));

/**
 * The command line run in this process, from the sources (the tests under tests/cli run the
 * build). onProgress, if given, is called at each progress line (as on a terminal), which then
 * is not kept in stderr.
 */
async function run(args: string[], onProgress?: () => void) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (s.startsWith('canvass: ') ? (stderr += s) : onProgress?.()),
    isTTY: onProgress !== undefined,
  });
  return { code, stdout, stderr };
}

/**
 * Another process takes the write lock, and this one waits for it without letting the scan
 * that called it go on (it runs on the same thread): the scan then meets the lock at its save.
 */
function lockNow(file: string): Promise<{ release: () => void }> {
  const holder = holdWriteLock(file);
  const probe = new Database(file, { timeout: 0 });
  try {
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20)) {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_BUSY') return holder;
        throw e;
      }
    }
    throw new Error('the other process did not take the lock');
  } finally {
    probe.close();
  }
}

describe('canvass checklist', () => {
  it('shows a line break in the jurisdiction as \\n, so it cannot forge a line of its own', async () => {
    const file = path.join(tmp(), 'c.db');
    const db = openDatabase(file);
    const { audit } = await runScan(db, { jurisdiction: 'Harlow County\nAudit forged: 0 findings to work', auditor: 'Pat', sources: [{ kind: 'demo' }] }, { resourcesDir: findResourcesDir() });
    db.close();
    const r = await run(['checklist', '--db', file, '--audit', audit.id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Audit ${audit.id}, Harlow County\\nAudit forged: 0 findings to work: `);
    expect(r.stdout).not.toMatch(/^Audit forged/m);
  });
});

describe('canvass scan, the database locked by another program after it was opened', () => {
  it('says in one line that the results were not saved and why, writes the JSON and CSV asked for but not the report, exits 1, leaves the database as it was', async () => {
    const dir = tmp();
    const file = path.join(dir, 'c.db');
    openDatabase(file).close();
    const [json, csv, report] = ['f.json', 'f.csv', 'r.html'].map((f) => path.join(dir, f));
    let holder: Promise<{ release: () => void }> | undefined;
    const r = await run(['scan', '--demo', '--db', file, '--json', json, '--csv', csv, '--report', report], () => (holder ??= lockNow(file)));
    (await holder!).release();
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(
      `canvass: ${file}: the database is locked by another program (another Canvass scan or window?), so this scan's results were not saved and the database was left as it was; ` +
        `close that program or wait until it ends, then run the scan again; its findings were written to ${json} and ${csv}; ` +
        `the report ${report} was not written (a report is made from a saved audit)\n`,
    );
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(doc.findings.length).toBeGreaterThan(100);
    expect(doc.audit.sources).toEqual([{ kind: 'demo', ref: 'Harlow County demo evidence (embedded)' }]);
    expect(readFileSync(csv, 'utf8').split('\n').length).toBe(doc.findings.length + 2);
    expect(existsSync(report)).toBe(false);
    const db = openDatabase(file);
    expect(db.prepare('SELECT count(*) AS n FROM audits').get()).toEqual({ n: 0 });
    db.close();
  });
});
