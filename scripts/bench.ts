/**
 * npm run bench: the figures in BENCHMARKS.md. Each run is a fresh `canvass scan` process
 * (as a user runs it), timed by GNU time for wall clock and peak resident memory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatedBundle } from '../tests/helpers/bundle';
import { benchCredentials, formatCredentialBench } from './bench-credentials';
import { benchLocal } from './bench-local';
import { median } from './median';
import { printVoterBench } from './bench-voter';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PROWLER_VERSION = '5.46.0';

interface Sample {
  wallS: number;
  peakMiB: number;
}


function timed(bundle: string): Sample {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-bench-'));
  try {
    const r = spawnSync(
      '/usr/bin/time',
      ['-f', 'BENCH %e %M', process.execPath, path.join(ROOT, 'bin/canvass'), 'scan', '--evidence', bundle, '--db', path.join(dir, 'b.db'), '--json', path.join(dir, 'f.json')],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`scan failed: ${r.stderr}`);
    const m = /BENCH ([\d.]+) (\d+)/.exec(r.stderr as string);
    if (!m) throw new Error(`no timing in: ${r.stderr}`);
    return { wallS: Number(m[1]), peakMiB: Number(m[2]) / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main() {
  const rows: string[] = [];
  for (const n of [1000, 10000]) {
    const t0 = Date.now();
    const bundle = generatedBundle(n);
    const genS = (Date.now() - t0) / 1000;
    const samples = Array.from({ length: RUNS }, () => timed(bundle));
    rmSync(bundle, { recursive: true, force: true });
    const wall = median(samples.map((s) => s.wallS));
    const peak = Math.max(...samples.map((s) => s.peakMiB));
    rows.push(
      `| offline scan, generated bundle | ${n.toLocaleString('en-US')} buckets (${(n * 10).toLocaleString('en-US')} files) | ${wall.toFixed(2)} s | ${peak.toFixed(0)} MiB | ${(n / wall).toFixed(0)} buckets/s | runs: ${samples.map((s) => s.wallS.toFixed(2)).join(', ')} s; bundle generated in ${genS.toFixed(1)} s |`,
    );
  }
  console.log(`Canvass benchmarks, ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'})`);
  console.log('| what | input | wall (median) | peak RSS (max) | rate | notes |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  benchLocal();
}

/**
 * The live benchmark runs in a network namespace of its own (root and unshare needed), with
 * Prowler from PyPI in .venv/prowler beside it.
 */
function live() {
  if (process.env.BENCH_LIVE === '0') return;
  const prowler = path.join(ROOT, '.venv/prowler/bin/prowler');
  if (!existsSync(prowler)) {
    console.error('bench: installing Prowler (the peer for the live scan) into .venv/prowler');
    spawnSync('python3', ['-m', 'venv', path.join(ROOT, '.venv/prowler')], { stdio: 'inherit' });
    spawnSync(path.join(ROOT, '.venv/prowler/bin/pip'), ['install', '-q', `prowler==${PROWLER_VERSION}`], { stdio: 'inherit' });
  }
  const r = spawnSync('unshare', ['-n', 'sh', '-c', `ip link set lo up && exec "${process.execPath}" "${path.join(ROOT, 'dist/bench-live.js')}"`], { stdio: 'inherit' });
  if (r.status !== 0) console.error('bench: the live benchmark needs root, unshare and ip (iproute2) to run in an isolated network namespace');
}

main();
live();
// In-process, after the scans: the voter-file classifier's precision, recall and speed.
printVoterBench()
  .catch((e) => {
    console.error(`bench: voter-file classifier: ${e instanceof Error ? e.message : e}`);
    process.exitCode = 1;
  })
  // Then credential detection beside gitleaks and Kingfisher, one after the other so they do not share the cores.
  .then(() => benchCredentials())
  .then((b) => console.log(formatCredentialBench(b)))
  .catch((e) => {
    console.error(`bench: credential detection: ${e instanceof Error ? e.message : e}`);
    process.exitCode = 1;
  });
