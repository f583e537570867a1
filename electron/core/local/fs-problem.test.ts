import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeFile, type AnalyzeContext } from './analyze';
import { zeroCounters } from './file-report';
import { describeFsError } from './fs-problem';
import { DEFAULT_LIMITS } from './limits';
import { scanLocal } from './scan-local';

const TOO_LONG = 'its path is longer than the system allows: move or rename the folders above it so the path is shorter, then scan it again';
const made: string[] = [];
const folder = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'canvass-fsproblem-'));
  made.push(d);
  return d;
};
// rm walks by relative steps: Node's recursive rm would meet the same over-long paths.
afterAll(() => made.forEach((d) => spawnSync('rm', ['-rf', d])));

async function analyze(file: string) {
  const ctx: AnalyzeContext = { limits: DEFAULT_LIMITS, counters: zeroCounters(), reports: [], scratch: Buffer.allocUnsafe(DEFAULT_LIMITS.chunkBytes) };
  await analyzeFile(file, path.basename(file), ctx);
  return ctx.reports;
}

describe('a path the system cannot read, named with a reason a clerk can act on', () => {
  it('a folder nested so deep its path is longer than the system allows (PATH_MAX), met by the walk', async () => {
    const root = folder();
    writeFileSync(path.join(root, 'top.txt'), 'minutes\n');
    // Made by relative steps from a child process: no absolute path that long could be given to mkdir.
    const name = 'd'.repeat(200);
    const r = spawnSync(
      process.execPath,
      ['-e', `const fs = require('node:fs'); for (let i = 0; i < 24; i++) { fs.mkdirSync(${JSON.stringify(name)}); process.chdir(${JSON.stringify(name)}); } fs.writeFileSync('creds.txt', 'aws_access_key_id = AKIAQX4TNW7RBJ3LPZ5K\\n');`],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const inv = await scanLocal(root, { workers: 0 });
    const problems = inv.files.filter((f) => f.problem);
    expect(problems).toHaveLength(1);
    expect(problems[0].problem).toBe(TOO_LONG);
    expect(problems[0].id.length).toBeGreaterThan(4096);
  });

  it('a file name longer than the system allows, met when it is opened', async () => {
    const [r] = await analyze(path.join(folder(), `${'n'.repeat(300)}.csv`));
    expect(r.problem).toBe(TOO_LONG);
  });

  it('a socket put in the place of a file the walk listed', async () => {
    const file = path.join(folder(), 'export.csv');
    const server = net.createServer().listen(file);
    await new Promise((r) => server.once('listening', r));
    try {
      const [r] = await analyze(file);
      expect(r.problem).toBe('is a socket or device rather than a file, or the device it is on is gone');
    } finally {
      server.close();
    }
  });

  it('gives every error a drive, share or system folder commonly answers a reason in words, not a code', () => {
    for (const code of ['ENOTCONN', 'ENODEV', 'EINVAL', 'ENOTSUP']) {
      expect(describeFsError(Object.assign(new Error(code), { code }))).not.toMatch(/could not be read|[A-Z]{4}/);
    }
  });
});
