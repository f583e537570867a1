#!/usr/bin/env node
// Finds or installs what the test suite needs beyond npm packages, idempotently, and says
// exactly what is missing when it cannot install it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const need = [
  { what: 'Chromium (browser tests, PDF reports)', ok: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'), apt: 'chromium' },
  { what: 'pdftotext and pdftoppm (reading reports back)', ok: () => has('pdftotext') && has('pdftoppm'), apt: 'poppler-utils' },
];

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const missing = need.filter((n) => !n.ok());
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && has('apt-get')) {
  const pkgs = missing.map((m) => m.apt);
  console.error(`test-prereqs: installing ${pkgs.join(' ')} with apt-get`);
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch {
    // fall through to the report below
  }
}
const still = need.filter((n) => !n.ok());
if (still.length) {
  console.error('test-prereqs: the tests need, and this machine lacks:');
  for (const m of still) console.error(`  - ${m.what}: install the Debian package "${m.apt}" (apt-get install -y ${m.apt})`);
  if (!process.env.CHROMIUM_PATH) console.error('  (or set CHROMIUM_PATH to a Chromium or Chrome executable)');
  process.exit(1);
}
