import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './cli';
import { findResourcesDir } from './core/paths';
import { runScan } from './core/scan/scan';
import { openDatabase } from './core/store/db';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'canvass-cli-'));

/** The command line run in this process, from the sources (the tests under tests/cli run the build). */
async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
  return { code, stdout, stderr };
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
