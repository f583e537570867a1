/**
 * npm run bench: the figures in BENCHMARKS.md. Each run is a fresh `canvass scan` process
 * (as a user runs it), timed by GNU time for wall clock and peak resident memory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatedBundle } from '../tests/helpers/bundle';

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
}

main();
