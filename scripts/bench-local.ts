/**
 * Local scan throughput: `canvass scan --local` on a generated tree of mixed office files, at
 * two sizes (to show peak memory stays flat as the tree grows), beside gitleaks (`dir`),
 * Kingfisher (--no-validate --no-update-check) and ripgrep given what Canvass looks for, two
 * ways: the literal strings its first pass searches for, and the patterns its detectors
 * confirm. Every tool runs as a fresh process under GNU time, after one warm-up read of the
 * tree, so all read from the page cache. The tree is deleted afterwards.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { credentialCorpus, Forge, officeText } from '../tests/helpers/credential-corpus';
import { voterCorpus } from '../tests/helpers/voter-corpus';
import { zipFiles } from '../tests/helpers/zip-writer';
import { ACCESS_KEY_ID } from '../electron/core/discovery/credentials/aws-key-id';
import { NAMED_SECRET } from '../electron/core/discovery/credentials/aws';
import { ensurePeers, GITLEAKS, gitleaksVersion, KINGFISHER } from './bench-credentials';
import { median } from './median';

const ROOT = path.resolve(__dirname, '..');
const MB = 1024 * 1024;
/** Rounds of Canvass and ripgrep turn about, per tree. */
const ROUNDS = 5;
const FILES_PER_DIR = 150;
/**
 * For ripgrep, what the credential scanner's first pass searches for (anchors.ts): key id
 * prefixes and literal strings, "==" (an Azure key's end) among them, with no test of what
 * follows them (every "Secretary" line matches). A lower bound for a search of the same
 * credentials: ripgrep's quickest case.
 */
const RG_ANCHORS =
  '(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}|ecret|ECRET|==|ccountKey|ccount_key|torageKey|ccess_key|ccessKey|sig=|X-Amz-Signature|AWSAccessKeyId|service_account|private_key|client_email';
/**
 * A detector's regex for ripgrep's default engine, which has no look-arounds: they are left out
 * (ripgrep then matches a little more than Canvass, never less).
 */
const forRipgrep = (re: RegExp): string => {
  const body = re.source.replace(/\(\?<?[=!][^()]*\)/g, '');
  return re.flags.includes('i') ? `(?i:${body})` : body;
};
/**
 * For ripgrep, the patterns the detectors confirm, one per credential: the key id and a named
 * secret from the detectors' own regexes (aws-key-id.ts, aws.ts), and, written out here in
 * ripgrep's syntax from regexes their modules keep to themselves, an Azure storage key and a
 * SAS signature (anchors.ts, STORAGE_KEY and SAS_SIGNATURE), a presigned URL's signature or key
 * id (presigned-url.ts) and a service-account key file's type or private key (gcp.ts).
 */
const RG_DETECTORS = [
  forRipgrep(ACCESS_KEY_ID),
  forRipgrep(NAMED_SECRET),
  '[A-Za-z0-9+/]{86}==',
  '[&?;]sig=[A-Za-z0-9%+/]{40}',
  'X-Amz-Signature=[0-9a-fA-F]{64}|AWSAccessKeyId=',
  '\\\\?"type\\\\?"\\s*:\\s*\\\\?"service_account\\\\?"|\\\\?"private_key\\\\?"\\s*:\\s*\\\\?"-----BEGIN',
].join('|');

interface Tree {
  dir: string;
  files: number;
  bytes: number;
  genS: number;
  /** The first folder alone: gitleaks reads about 1 MB/s here, so it is timed on this sample. */
  sample: { dir: string; files: number; bytes: number };
}

/**
 * About `bytes` of files a county drive holds, in a cycle of ten: seven text files (txt, md,
 * log, csv, json; about 47% of the bytes), a Word and an Excel file (80 KB each on disk,
 * 0.75 MB and 0.43 MB of XML inside; 2% of the bytes, most of Canvass's CPU time) and a
 * jpg-named random binary (about 4 MB, 51% of the bytes); a key pair every ~100 files, a voter
 * extract every ~500. Slices of a few precomputed blobs keep generation fast.
 */
function generateTree(bytes: number): Tree {
  const t0 = Date.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-bench-local-'));
  const text = Buffer.from(officeText(16 * MB, 11));
  const binary = randomBytes(8 * MB);
  const f = new Forge(7);
  const creds = () => `\n[default]\naws_access_key_id = ${f.keyId()}\naws_secret_access_key = ${f.base64(40).replace(/[=]/g, 'A')}\n`;
  const docx = zipFiles([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'word/document.xml', data: `<w:document><w:body>${text.toString('utf8', 0, 600_000).split('\n').map((l) => `<w:p><w:r><w:t>${l.replace(/[<&]/g, ' ')}</w:t></w:r></w:p>`).join('')}</w:body></w:document>` },
  ]);
  const voters = voterCorpus({ rows: 400, seed: 3 }).filter((v) => v.positive && v.format === 'csv');
  const xlsx = voterCorpus({ rows: 400, seed: 4 }).find((v) => v.format === 'xlsx')!;
  const kinds = ['txt', 'md', 'log', 'csv', 'json', 'txt', 'log', 'docx', 'xlsx', 'bin'];
  let written = 0;
  let n = 0;
  const sample = { dir: path.join(dir, 'dept-000'), files: 0, bytes: 0 };
  while (written < bytes) {
    const sub = path.join(dir, `dept-${String(Math.floor(n / FILES_PER_DIR)).padStart(3, '0')}`);
    if (n % FILES_PER_DIR === 0) mkdirSync(sub, { recursive: true });
    const kind = kinds[n % kinds.length];
    let data: Buffer;
    if (kind === 'docx') data = docx;
    else if (kind === 'xlsx') data = xlsx.bytes;
    else if (kind === 'bin') data = binary.subarray(f.int(4 * MB), 4 * MB + f.int(4 * MB));
    else {
      const size = 16 * 1024 + f.int(kind === 'log' ? 2 * MB : 600 * 1024);
      const start = f.int(text.length - size);
      data = text.subarray(start, start + size);
      if (n % 97 === 0) data = Buffer.concat([data, Buffer.from(creds())]);
    }
    if (n % 499 === 0) data = voters[(n / 499) % voters.length].bytes;
    writeFileSync(path.join(sub, `file-${n}.${kind === 'bin' ? 'jpg' : kind}`), data);
    written += data.length;
    if (n < FILES_PER_DIR) {
      sample.files++;
      sample.bytes += data.length;
    }
    n++;
  }
  return { dir, files: n, bytes: written, genS: (Date.now() - t0) / 1000, sample };
}

interface Timing {
  wallS: number;
  peakMiB: number;
  cpuS: number;
}

function timed(cmd: string, args: string[]): Timing {
  const r = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %M %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 256 * MB });
  const m = /BENCH ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr);
  if (!m) throw new Error(`${path.basename(cmd)} gave no timing (${r.status ?? r.signal}): ${r.stderr.slice(-400)}`);
  return { wallS: Number(m[1]), peakMiB: Number(m[2]) / 1024, cpuS: Number(m[3]) + Number(m[4]) };
}

type Tool = 'Canvass' | 'gitleaks dir' | 'Kingfisher' | 'ripgrep' | 'ripgrep, Office files unzipped' | 'ripgrep, detector patterns, Office files unzipped';
const TOOLS: Tool[] = ['Canvass', 'gitleaks dir', 'Kingfisher', 'ripgrep', 'ripgrep, Office files unzipped', 'ripgrep, detector patterns, Office files unzipped'];

/** ripgrep with its preprocessor for Office files: ripgrep alone never reads inside a docx or xlsx (zip archives). */
function ripgrepUnzipped(pattern: string, tree: string, out: string): Timing {
  // As ripgrep's documentation suggests: then it searches the same text Canvass does.
  const pre = path.join(out, 'rg-unzip');
  writeFileSync(pre, '#!/bin/sh\nexec unzip -p "$1"\n', { mode: 0o755 });
  return timed('rg', ['--count', '--no-messages', '--hidden', '--no-ignore', '--pre', pre, '--pre-glob', '*.{docx,xlsx}', '-e', pattern, tree]);
}

/**
 * A pattern ripgrep refused would end it at once and pass for a quick search, and one that
 * missed credentials would be a smaller search than Canvass's: each must find a line of every
 * credential planted in the precision corpus (credential-corpus.ts), and nothing in plain prose.
 */
export function checkRipgrepPatterns(): void {
  const corpus = credentialCorpus();
  for (const [name, pattern] of [['anchors', RG_ANCHORS], ['detector patterns', RG_DETECTORS]] as const) {
    const prose = spawnSync('rg', ['--count', '-e', pattern, '-'], { input: 'The ballots were counted twice.\n', encoding: 'utf8' });
    if (prose.status !== 1) throw new Error(`ripgrep's ${name} pattern does not work: ${prose.stdout.trim() || prose.stderr.trim()}`);
    for (const file of corpus) {
      const r = spawnSync('rg', ['--line-number', '--no-filename', '-e', pattern, '-'], { input: file.content, encoding: 'utf8', maxBuffer: 64 * MB });
      const matched = new Set(r.stdout.split('\n').filter(Boolean).map((l) => Number(l.slice(0, l.indexOf(':')))));
      const missed = file.planted.find((c) => !c.lines.some((l) => matched.has(l)));
      if (missed) throw new Error(`ripgrep's ${name} pattern misses the ${missed.kind} planted in ${file.path} (line ${missed.line})`);
    }
  }
}

function runTool(tool: Tool, tree: string, out: string): Timing {
  switch (tool) {
    case 'Canvass':
      return timed(process.execPath, [path.join(ROOT, 'bin/canvass'), 'scan', '--local', tree, '--db', path.join(out, 'c.db'), '--json', path.join(out, 'c.json')]);
    case 'gitleaks dir':
      return timed(GITLEAKS, ['dir', tree, '--no-banner', '--redact', '--exit-code', '0', '--log-level', 'error', '-f', 'json', '-r', path.join(out, 'g.json')]);
    case 'Kingfisher':
      return timed(KINGFISHER, ['scan', tree, '--no-validate', '--no-update-check', '-f', 'json', '-o', path.join(out, 'k.json')]);
    case 'ripgrep':
      // Everything, as the others read it: hidden files and ignore files included; binaries skipped as Canvass does.
      return timed('rg', ['--count', '--no-messages', '--hidden', '--no-ignore', '-e', RG_ANCHORS, tree]);
    case 'ripgrep, Office files unzipped':
      return ripgrepUnzipped(RG_ANCHORS, tree, out);
    case 'ripgrep, detector patterns, Office files unzipped':
      return ripgrepUnzipped(RG_DETECTORS, tree, out);
  }
}

const loadLine = () => `load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}`;

/** Prints the 'Local scan throughput' table for BENCHMARKS.md. */
export function benchLocal(): void {
  if (process.env.BENCH_LOCAL === '0') return;
  ensurePeers();
  checkRipgrepPatterns();
  const sizes = (process.env.BENCH_LOCAL_MB ?? '1024,2048').split(',').map(Number);
  const rows: string[] = [];
  const turns: string[] = [];
  const loads = [loadLine()];
  for (const size of sizes) {
    const tree = generateTree(size * MB);
    const out = mkdtempSync(path.join(os.tmpdir(), 'canvass-bench-local-out-'));
    try {
      spawnSync('rg', ['--count', '--no-messages', '-e', 'warm-up', tree.dir]);
      const rate = new Map<Tool, number>();
      for (const t of TOOLS) {
        const on = t === 'gitleaks dir' ? tree.sample : tree;
        const r = runTool(t, on.dir, out);
        rate.set(t, on.bytes / 1e6 / r.wallS);
        const what = `${(on.bytes / 1e9).toFixed(2)} GB, ${on.files.toLocaleString('en-US')} files${on === tree.sample ? ' (first folder only)' : ''}`;
        rows.push(
          `| ${t} | ${what} | ${r.wallS.toFixed(1)} s | ${rate.get(t)!.toFixed(0)} MB/s | ${(on.files / r.wallS).toFixed(0)} | ${r.peakMiB.toFixed(0)} MiB | ${r.cpuS.toFixed(1)} s | ${t === 'Canvass' ? '1' : (rate.get('Canvass')! / rate.get(t)!).toFixed(2)} |`,
        );
      }
      // The aim is a ratio of times on a shared machine whose speed moves from one minute to
      // the next: Canvass and ripgrep (both ways) run turn about, and each round gives its own ratios.
      const rounds: string[] = [];
      const ratios: number[] = [];
      const detectorRatios: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const c = runTool('Canvass', tree.dir, out);
        const a = runTool('ripgrep, Office files unzipped', tree.dir, out);
        const d = runTool('ripgrep, detector patterns, Office files unzipped', tree.dir, out);
        rounds.push(`${c.wallS.toFixed(2)} s / ${a.wallS.toFixed(2)} s = ${(c.wallS / a.wallS).toFixed(2)}; / ${d.wallS.toFixed(2)} s = ${(c.wallS / d.wallS).toFixed(2)}`);
        ratios.push(c.wallS / a.wallS);
        detectorRatios.push(c.wallS / d.wallS);
      }
      turns.push(`| ${(tree.bytes / 1e9).toFixed(2)} GB | ${rounds.join('<br>')} | ${median(ratios).toFixed(2)} | ${median(detectorRatios).toFixed(2)} |`);
      loads.push(loadLine());
      console.error(`bench: local tree of ${(tree.bytes / 1e9).toFixed(2)} GB generated in ${tree.genS.toFixed(1)} s`);
    } finally {
      rmSync(tree.dir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  }
  console.log(`\nLocal scan throughput, ${new Date().toISOString()}, ${os.availableParallelism()} cores; ${gitleaksVersion()}; ${loads.join(' / ')}`);
  console.log('| tool | tree | wall | MB/s | files/s | peak RSS | CPU (user+sys) | Canvass MB/s ÷ its MB/s |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(`\nCanvass and ripgrep (Office files unzipped; anchors, then detector patterns) turn about, ${ROUNDS} rounds: Canvass's time ÷ ripgrep's`);
  console.log('| tree | rounds (Canvass / ripgrep, anchors = ratio; / ripgrep, detector patterns = ratio) | median ratio, anchors | median ratio, detector patterns |');
  console.log('|---|---|---|---|');
  for (const t of turns) console.log(t);
}
