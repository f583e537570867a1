#!/usr/bin/env node
// Finds or installs what the test suite needs beyond npm packages, idempotently, and says
// exactly what is missing when it cannot install it:
// - Debian packages: Chromium, poppler-utils, and the AWS CLI v2 (Debian's "awscli" is 2.x);
// - moto's S3 API server (moto[server] >= 5.2.5 from PyPI) in the virtualenv .venv/moto.
// What it found is written to .cache/test-tools.json for the tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const AWS_CLI = '/usr/bin/aws';
const MOTO_VENV = path.join(root, '.venv', 'moto');
const MOTO_PYTHON = path.join(MOTO_VENV, 'bin', 'python');
const MOTO_REQUIREMENT = 'moto[server]>=5.2.5';

const awsCliV2 = () => existsSync(AWS_CLI) && /^aws-cli\/2\./.test(run(AWS_CLI, ['--version']) ?? '');

const need = [
  { what: 'Chromium (browser tests, PDF reports)', ok: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'), apt: 'chromium' },
  { what: 'pdftotext and pdftoppm (reading reports back)', ok: () => has('pdftotext') && has('pdftoppm'), apt: 'poppler-utils' },
  { what: `the AWS CLI v2 at ${AWS_CLI} (evidence format tests)`, ok: awsCliV2, apt: 'awscli' },
  { what: 'python3 (to run moto, the S3 API server of the integration tests)', ok: () => has('python3'), apt: 'python3' },
  { what: "python3's venv module (for moto's virtualenv)", ok: () => !has('python3') || pythonCanMakeVenvs(), apt: 'python3-venv' },
];

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? `${r.stdout}${r.stderr}` : undefined;
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function pythonCanMakeVenvs() {
  return run('python3', ['-c', 'import venv, ensurepip']) !== undefined;
}

function installDebianPackages() {
  const missing = need.filter((n) => !n.ok());
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !has('apt-get')) return;
  const pkgs = missing.map((m) => m.apt);
  console.error(`test-prereqs: installing ${pkgs.join(' ')} with apt-get`);
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch {
    // fall through to the report below
  }
}

const motoReady = () =>
  existsSync(MOTO_PYTHON) &&
  run(MOTO_PYTHON, [
    '-c',
    'import moto.server, importlib.metadata as m, sys; v = tuple(int(x) for x in m.version("moto").split(".")[:3]); sys.exit(0 if v >= (5, 2, 5) else 1)',
  ]) !== undefined;

/** Makes .venv/moto with moto's server mode, unless a working one is already there. */
function installMoto() {
  if (motoReady()) return undefined;
  console.error(`test-prereqs: installing ${MOTO_REQUIREMENT} into .venv/moto`);
  // A virtualenv moved from another folder, or half made, is remade whole.
  rmSync(MOTO_VENV, { recursive: true, force: true });
  try {
    execFileSync('python3', ['-m', 'venv', MOTO_VENV], { stdio: 'inherit' });
    execFileSync(MOTO_PYTHON, ['-m', 'pip', 'install', '--quiet', MOTO_REQUIREMENT], { stdio: 'inherit' });
  } catch (e) {
    return `moto's server mode: \`python3 -m venv .venv/moto && .venv/moto/bin/pip install '${MOTO_REQUIREMENT}'\` failed (${e.message.split('\n')[0]})`;
  }
  return motoReady() ? undefined : `moto's server mode: ${MOTO_REQUIREMENT} did not install into .venv/moto`;
}

installDebianPackages();
const still = need.filter((n) => !n.ok());
const motoProblem = still.some((s) => s.apt.startsWith('python3')) ? undefined : installMoto();
if (still.length || motoProblem) {
  console.error('test-prereqs: the tests need, and this machine lacks:');
  for (const m of still) console.error(`  - ${m.what}: install the Debian package "${m.apt}" (apt-get install -y ${m.apt})`);
  if (motoProblem) console.error(`  - ${motoProblem}`);
  if (still.some((s) => s.apt === 'chromium') && !process.env.CHROMIUM_PATH) console.error('  (or set CHROMIUM_PATH to a Chromium or Chrome executable)');
  process.exit(1);
}
mkdirSync(path.join(root, '.cache'), { recursive: true });
writeFileSync(path.join(root, '.cache', 'test-tools.json'), JSON.stringify({ awsCli: AWS_CLI, motoServer: path.join(MOTO_VENV, 'bin', 'moto_server') }, null, 2) + '\n');
