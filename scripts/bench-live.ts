/**
 * The live-scan benchmark: 500 buckets on a loopback moto server, scanned by Canvass and by
 * Prowler's S3 checks in the same run. Runs inside its own network namespace (bench.ts starts
 * it with `unshare -n`), so no lookup or request can leave the machine whatever either tool
 * tries (S3 Control prefixes the account id to the host name).
 */
import { PutBucketPolicyCommand, PutBucketVersioningCommand, PutObjectCommand, CreateBucketCommand } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MOTO_ROOT_KEYS, startMoto } from '../tests/helpers/moto';
import { adminClients } from '../tests/helpers/s3-scenarios';
import { startLatencyRelay } from './latency-relay';
import { median } from './median';

const ROOT = path.resolve(__dirname, '..');
const BUCKETS = Number(process.env.BENCH_LIVE_BUCKETS ?? 500);
const ROUNDS = Number(process.env.BENCH_LIVE_ROUNDS ?? 2);
/** Round trips added to every request, in ms (BENCH_LIVE_RTT_MS=0,30): 0 measures the server alone; 30 is about an office's round trip to a nearby AWS region. */
const RTTS_MS = (process.env.BENCH_LIVE_RTT_MS ?? '0').split(',').map(Number);

interface Run {
  tool: string;
  wallS: number;
  cpuS: number;
  peakMiB: number;
  requests: number;
  findings: number;
}

/** Asynchronous on purpose: this process must keep draining moto's log pipe while a tool runs. */
function timed(tool: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ wallS: number; cpuS: number; peakMiB: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'BENCH %e %M %U %S', cmd, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-20_000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /BENCH ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      if (code !== 0 || !m) reject(new Error(`${tool} failed (${code}): ${stderr.slice(-2000)}`));
      else resolve({ wallS: Number(m[1]), peakMiB: Number(m[2]) / 1024, cpuS: Number(m[3]) + Number(m[4]) });
    });
  });
}

async function main() {
  const moto = await startMoto();
  const { s3 } = adminClients(moto.endpoint);
  const t0 = Date.now();
  for (let i = 0; i < BUCKETS; i++) {
    const Bucket = `bench-${String(i).padStart(4, '0')}`;
    await s3.send(new CreateBucketCommand({ Bucket }));
    if (i % 5 === 0) {
      const Policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }] });
      await s3.send(new PutBucketPolicyCommand({ Bucket, Policy }));
    }
    if (i % 3 === 0) await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    if (i % 10 === 0) await s3.send(new PutObjectCommand({ Bucket, Key: 'exports/turnout.csv', Body: 'PRECINCT,BALLOTS\nHC-101,812\n' }));
  }
  const setupS = (Date.now() - t0) / 1000;
  console.log(`${BUCKETS} buckets on moto (set up in ${setupS.toFixed(1)} s).`);
  for (const rtt of RTTS_MS) {
    // The relay stands between both tools and moto even at 0 ms, so both pay the same hop.
    const relay = await startLatencyRelay(Number(new URL(moto.endpoint).port), rtt);
    printRuns(rtt, await scanBoth(relay.endpoint, moto.requests));
    await relay.stop();
  }
  await moto.stop();
}

/** Both tools, alternating, ROUNDS times each, against the same server. */
async function scanBoth(endpoint: string, requests: () => unknown[]): Promise<Run[]> {
  const creds = { AWS_ACCESS_KEY_ID: MOTO_ROOT_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: MOTO_ROOT_KEYS.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
  const runs: Run[] = [];
  const prowler = path.join(ROOT, '.venv/prowler/bin/prowler');
  for (let round = 0; round < ROUNDS; round++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-bench-live-'));
    let before = requests().length;
    const c = await timed('canvass', process.execPath, [path.join(ROOT, 'bin/canvass'), 'scan', '--endpoint', endpoint, '--path-style', '--region', 'us-east-1', '--db', path.join(dir, 'c.db'), '--json', path.join(dir, 'c.json')], creds);
    const cFindings = (JSON.parse(readFileSync(path.join(dir, 'c.json'), 'utf8')) as { findings: unknown[] }).findings.length;
    runs.push({ tool: 'Canvass', ...c, requests: requests().length - before, findings: cFindings });

    before = requests().length;
    const out = path.join(dir, 'prowler');
    const p = await timed('prowler', prowler, ['aws', '--service', 's3', '-f', 'us-east-1', '-M', 'json-ocsf', '--output-directory', out, '--no-banner', '--ignore-exit-code-3'], { ...creds, AWS_ENDPOINT_URL: endpoint });
    const ocsf = readdirSync(out).find((f) => f.endsWith('.ocsf.json'))!;
    const pFindings = (JSON.parse(readFileSync(path.join(out, ocsf), 'utf8')) as unknown[]).length;
    runs.push({ tool: 'Prowler 5 (S3 checks)', ...p, requests: requests().length - before, findings: pFindings });
    rmSync(dir, { recursive: true, force: true });
  }
  return runs;
}

function printRuns(rtt: number, runs: Run[]) {
  const byTool = (t: string) => runs.filter((r) => r.tool === t);
  console.log(`\nRound trip added to every request: ${rtt} ms`);
  console.log(`| tool | wall (best of ${ROUNDS}) | runs | CPU (user+sys) | peak RSS | requests to the server | requests/s | findings |`);
  console.log('|---|---|---|---|---|---|---|---|');
  for (const t of ['Canvass', 'Prowler 5 (S3 checks)']) {
    const rs = byTool(t);
    const best = Math.min(...rs.map((r) => r.wallS));
    const req = median(rs.map((r) => r.requests));
    console.log(
      `| ${t} | ${best.toFixed(1)} s | ${rs.map((r) => r.wallS.toFixed(1)).join(', ')} s | ${median(rs.map((r) => r.cpuS)).toFixed(1)} s | ${Math.max(...rs.map((r) => r.peakMiB)).toFixed(0)} MiB | ${req} | ${(req / best).toFixed(0)} | ${rs[0].findings} |`,
    );
  }
  const ratio = Math.min(...byTool('Prowler 5 (S3 checks)').map((r) => r.wallS)) / Math.min(...byTool('Canvass').map((r) => r.wallS));
  console.log(`\nAt ${rtt} ms, Prowler takes ${ratio.toFixed(1)}x Canvass's time.`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
