import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { findResourcesDir } from '../../electron/core/paths';
import { checklistsDir, loadChecklists } from '../../electron/core/remediation/checklists';
import { getFindingWork } from '../../electron/core/remediation/work';
import { runScan } from '../../electron/core/scan/scan';
import { listLog, verifyLog } from '../../electron/core/store/audit-log';
import { openDatabase } from '../../electron/core/store/db';
import { listFindings } from '../../electron/core/store/findings';

const resourcesDir = findResourcesDir(__dirname);

/** A process that edits one step over and over, saying after each commit how many it made. */
const EDITOR = `
import { openDatabase } from '${path.resolve(__dirname, '../../electron/core/store/db')}';
import { setStep, getFindingWork } from '${path.resolve(__dirname, '../../electron/core/remediation/work')}';
import { checklistsDir, loadChecklists } from '${path.resolve(__dirname, '../../electron/core/remediation/checklists')}';
const [file, auditId, seq, resources] = process.argv.slice(2);
const db = openDatabase(file);
const catalogue = loadChecklists(checklistsDir(resources));
for (let i = 0; ; i++) {
  const rev = getFindingWork(db, auditId, Number(seq), catalogue).steps[0].revision;
  setStep(db, { auditId, seq: Number(seq), step: 1, state: i % 2 ? 'open' : 'done', expectedRevision: rev }, { catalogue, actor: 'editor' });
  process.stdout.write('committed ' + (i + 1) + '\\n');
}
`;

describe('progress survives the app being killed mid-edit', () => {
  it('after SIGKILL in the middle of a run of edits, every committed edit is there, the log chain holds, and work goes on', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-kill-'));
    const file = path.join(dir, 'canvass.db');
    const db = openDatabase(file);
    const { audit } = await runScan(db, { jurisdiction: 'Harlow County', auditor: 'D', sources: [{ kind: 'demo' }] }, { resourcesDir });
    const seq = listFindings(db, audit.id).find((f) => f.status === 'fail')!.seq;
    db.close();

    const src = path.join(dir, 'editor.ts');
    writeFileSync(src, EDITOR);
    const out = path.join(dir, 'editor.js');
    buildSync({ entryPoints: [src], bundle: true, platform: 'node', format: 'cjs', outfile: out, external: ['better-sqlite3'], nodePaths: [path.resolve(__dirname, '../../node_modules')], logLevel: 'error' });

    const child = spawn(process.execPath, [out, file, audit.id, String(seq), resourcesDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The bundle lives in a temporary folder: better-sqlite3 (native, not bundled) is found through NODE_PATH.
      env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../node_modules') },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let committed = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        const m = [...d.matchAll(/committed (\d+)/g)].at(-1);
        if (m) committed = Number(m[1]);
        // Kill while it is writing, well into the run.
        if (committed >= 40) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`editor ended on its own: ${stderr}`))));
    });

    const after = openDatabase(file);
    const catalogue = loadChecklists(checklistsDir(resourcesDir));
    const step = getFindingWork(after, audit.id, seq, catalogue).steps[0];
    const logged = listLog(after, audit.id).filter((e) => e.action === 'step.set');
    // Every commit the editor reported is there (it may have committed one more before dying).
    expect(step.revision).toBeGreaterThanOrEqual(committed);
    expect(logged.length).toBe(step.revision);
    expect(logged.at(-1)!.payload).toMatchObject({ state: step.state, revision: step.revision });
    expect(verifyLog(after)).toMatchObject({ ok: true });
    after.close();
  });
});
