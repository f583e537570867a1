/**
 * Credential detection, Canvass beside gitleaks and Kingfisher on the same generated corpus
 * (tests/helpers/credential-corpus.ts): per kind, how many planted credentials each tool
 * alarms on (recall) and how many of its alarms are on a planted credential (precision).
 *
 * Tools are compared by file and line, the one thing all three report: an alarm on any line
 * of a planted credential (a key id's line or its secret's, any line of a service-account key
 * file) finds it; several alarms on one line count as one. An alarm on no planted credential
 * is a false alarm, named with the close negative on its line. The peers' reports are read in
 * memory for file, line and rule only (gitleaks runs with --redact; Kingfisher's report holds
 * the corpus's made-up secrets, in a temporary directory deleted afterwards).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createCredentialScanner } from '../electron/core/discovery/credentials/scanner';
import { CORPUS_NOW, CREDENTIAL_KINDS, credentialCorpus, corpusDigest, officeText, type CorpusFile, type CredentialKind } from '../tests/helpers/credential-corpus';

const ROOT = path.resolve(__dirname, '..');
export const GITLEAKS = path.join(ROOT, '.cache/peers/bin/gitleaks');
export const KINGFISHER = path.join(ROOT, '.venv/kingfisher/bin/kingfisher');
const CHUNK = 64 * 1024;

export type Tool = 'Canvass' | 'gitleaks' | 'Kingfisher';
export const TOOLS: Tool[] = ['Canvass', 'gitleaks', 'Kingfisher'];

/** One alarm: where, and the rule (Canvass: the kind) that raised it. */
interface Alarm {
  file: string;
  line: number;
  rule: string;
}

export interface KindRow {
  kind: CredentialKind | 'other';
  planted: number;
  /** Per tool: planted credentials found, and alarms attributed to this kind, of which correct. */
  tools: Record<Tool, { found: number; alarms: number; correct: number }>;
}

export interface CredentialBench {
  corpus: { files: number; bytes: number; digest: string };
  rows: KindRow[];
  /** Every miss and false alarm, in words. */
  misses: string[];
  falseAlarms: string[];
  versions: Record<Tool, string>;
  /** The scanner alone on generated office text, in 64 KB chunks, on one thread: each run's wall-clock and CPU-time rates. */
  throughput: { megabytes: number; runs: Array<{ wallMBs: number; cpuMBs: number }> };
}

/** Runs the three tools on the corpus and scores them. */
export async function benchCredentials(): Promise<CredentialBench> {
  ensurePeers();
  const corpus = credentialCorpus();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-cred-bench-'));
  try {
    const root = path.join(dir, 'corpus');
    for (const f of corpus) {
      mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
      writeFileSync(path.join(root, f.path), f.content);
    }
    const alarms: Record<Tool, Alarm[]> = {
      Canvass: canvassAlarms(root, corpus),
      gitleaks: gitleaksAlarms(root, dir),
      Kingfisher: kingfisherAlarms(root, dir),
    };
    return {
      corpus: { files: corpus.length, bytes: corpus.reduce((n, f) => n + Buffer.byteLength(f.content), 0), digest: corpusDigest(corpus) },
      ...score(corpus, alarms),
      versions: { Canvass: 'this tree', gitleaks: gitleaksVersion(), Kingfisher: run(KINGFISHER, ['--version']).trim() },
      throughput: scannerThroughput(64),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function ensurePeers(): void {
  if (!existsSync(GITLEAKS)) {
    console.error('bench: installing gitleaks into .cache/peers/bin (go install)');
    mkdirSync(path.dirname(GITLEAKS), { recursive: true });
    run('go', ['install', 'github.com/zricethezav/gitleaks/v8@latest'], { GOBIN: path.dirname(GITLEAKS) });
  }
  if (!existsSync(KINGFISHER)) {
    console.error('bench: installing Kingfisher (kingfisher-bin from PyPI) into .venv/kingfisher');
    run('python3', ['-m', 'venv', path.join(ROOT, '.venv/kingfisher')]);
    run(path.join(ROOT, '.venv/kingfisher/bin/pip'), ['install', '-q', 'kingfisher-bin']);
  }
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args[0]} failed (${r.status ?? r.signal}): ${(r.stderr ?? '').slice(-500)}`);
  return r.stdout;
}

/**
 * MB/s of the scanner on its own (the local walk adds reading, decoding and the voter-file
 * classifier). CPU time is reported beside wall time because the machine is shared: on a
 * loaded machine wall time measures the neighbours.
 */
function scannerThroughput(megabytes: number): CredentialBench['throughput'] {
  const text = officeText(megabytes * 1024 * 1024);
  const runs = Array.from({ length: 3 }, () => {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const scanner = createCredentialScanner('office.txt');
    for (let i = 0; i < text.length; i += CHUNK) scanner.push(text.slice(i, i + CHUNK));
    scanner.end();
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    return { wallMBs: text.length / 1e6 / wall, cpuMBs: text.length / 1e6 / ((cpu.user + cpu.system) / 1e6) };
  });
  return { megabytes: text.length / 1e6, runs };
}

/** A `go install`ed gitleaks says "version is set by build process"; the module version is in the binary's build info. */
export function gitleaksVersion(): string {
  const mod = /\bmod\s+\S+\s+(v\S+)/.exec(run('go', ['version', '-m', GITLEAKS]));
  return `gitleaks ${mod ? mod[1] : 'unknown version'}`;
}

/** Canvass as the local walker runs it: each file in 64 KB chunks. */
function canvassAlarms(root: string, corpus: CorpusFile[]): Alarm[] {
  return corpus.flatMap((f) => {
    const text = readFileSync(path.join(root, f.path), 'utf8');
    const scanner = createCredentialScanner(f.path, { now: CORPUS_NOW });
    for (let i = 0; i < text.length; i += CHUNK) scanner.push(text.slice(i, i + CHUNK));
    return scanner.end().map((h) => ({ file: f.path, line: h.line, rule: h.kind }));
  });
}

function gitleaksAlarms(root: string, dir: string): Alarm[] {
  const report = path.join(dir, 'gitleaks.json');
  run(GITLEAKS, ['dir', root, '--no-banner', '--redact', '--exit-code', '0', '--log-level', 'error', '-f', 'json', '-r', report]);
  const findings = JSON.parse(readFileSync(report, 'utf8')) as Array<{ File: string; StartLine: number; RuleID: string }>;
  return findings.map((x) => ({ file: path.relative(root, x.File), line: x.StartLine, rule: x.RuleID }));
}

function kingfisherAlarms(root: string, dir: string): Alarm[] {
  const report = path.join(dir, 'kingfisher.json');
  // --no-validate and --no-update-check: it would otherwise reach the network. --no-dedup: every occurrence, as the others report.
  spawnSync(KINGFISHER, ['scan', root, '--no-validate', '--no-update-check', '--no-dedup', '-f', 'json', '-o', report], { encoding: 'utf8' });
  if (!existsSync(report)) throw new Error('Kingfisher wrote no report');
  const doc = JSON.parse(readFileSync(report, 'utf8')) as { findings: Array<{ rule: { id: string }; finding: { path: string; line: number } }> };
  return doc.findings.map((x) => ({ file: path.relative(root, x.finding.path), line: x.finding.line, rule: x.rule.id }));
}

/** The kind a peer's rule claims, for attributing its false alarms. */
function kindOfRule(rule: string): CredentialKind | 'other' {
  if ((CREDENTIAL_KINDS as string[]).includes(rule)) return rule as CredentialKind;
  if (/aws-(access|session)|aws-secret/i.test(rule)) return 'aws-access-key-id';
  if (/azure.*(storage|account-key)/i.test(rule)) return 'azure-storage-key';
  if (/azure.*sas/i.test(rule)) return 'azure-sas';
  if (/gcp|google|private-key/i.test(rule)) return 'gcp-service-account-key';
  if (/presign/i.test(rule)) return 's3-presigned-url';
  return 'other';
}

function score(corpus: CorpusFile[], alarms: Record<Tool, Alarm[]>): Pick<CredentialBench, 'rows' | 'misses' | 'falseAlarms'> {
  const planted = corpus.flatMap((f) => f.planted.map((p) => ({ ...p, file: f.path })));
  const rows: KindRow[] = [...CREDENTIAL_KINDS, 'other' as const].map((kind) => ({
    kind,
    planted: planted.filter((p) => p.kind === kind).length,
    tools: Object.fromEntries(TOOLS.map((t) => [t, { found: 0, alarms: 0, correct: 0 }])) as KindRow['tools'],
  }));
  const row = (kind: CredentialKind | 'other') => rows.find((r) => r.kind === kind) as KindRow;
  const misses: string[] = [];
  const falseAlarms: string[] = [];
  for (const tool of TOOLS) {
    const byLine = new Map<string, Alarm>();
    for (const a of alarms[tool]) if (!byLine.has(`${a.file}:${a.line}`)) byLine.set(`${a.file}:${a.line}`, a);
    for (const p of planted) {
      if (p.lines.some((l) => byLine.has(`${p.file}:${l}`))) row(p.kind).tools[tool].found++;
      else misses.push(`${tool} misses the ${p.kind} in ${p.file}, line ${p.line}`);
    }
    for (const a of byLine.values()) {
      const hit = planted.find((p) => p.file === a.file && p.lines.includes(a.line));
      const r = row(hit ? hit.kind : kindOfRule(a.rule)).tools[tool];
      r.alarms++;
      if (hit) r.correct++;
      else {
        const what = corpus.find((f) => f.path === a.file)?.negatives.find((n) => n.line === a.line)?.what ?? 'a line with no credential';
        falseAlarms.push(`${tool} (${a.rule}) alarms on ${a.file}, line ${a.line}: ${what}`);
      }
    }
  }
  return { rows: rows.filter((r) => r.planted > 0 || TOOLS.some((t) => r.tools[t].alarms > 0)), misses, falseAlarms };
}

const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(0)}% (${n}/${d})`);

/** The table and lists as they go in BENCHMARKS.md. */
export function formatCredentialBench(b: CredentialBench): string {
  const total = (tool: Tool, k: 'found' | 'alarms' | 'correct') => b.rows.reduce((n, r) => n + r.tools[tool][k], 0);
  const plantedTotal = b.rows.reduce((n, r) => n + r.planted, 0);
  const t = b.throughput.runs;
  const lines = [
    `Scanner alone on ${b.throughput.megabytes.toFixed(0)} MB of generated office text, 64 KB chunks, one thread: ${t.map((r) => r.wallMBs.toFixed(0)).join(', ')} MB/s wall clock; ${t.map((r) => r.cpuMBs.toFixed(0)).join(', ')} MB per CPU second`,
    '',
    `Corpus: ${b.corpus.files} files, ${b.corpus.bytes.toLocaleString('en-US')} bytes (digest ${b.corpus.digest}); ${TOOLS.map((t) => `${t}: ${b.versions[t]}`).join('; ')}`,
    '',
    `| kind | planted | ${TOOLS.map((t) => `${t} recall | ${t} precision`).join(' | ')} |`,
    `|---|---|${TOOLS.map(() => '---|---|').join('')}`,
    ...b.rows.map((r) => `| ${r.kind === 'other' ? 'other rules (no planted kind)' : r.kind} | ${r.planted} | ${TOOLS.map((t) => `${pct(r.tools[t].found, r.planted)} | ${pct(r.tools[t].correct, r.tools[t].alarms)}`).join(' | ')} |`),
    `| **all** | ${plantedTotal} | ${TOOLS.map((t) => `${pct(total(t, 'found'), plantedTotal)} | ${pct(total(t, 'correct'), total(t, 'alarms'))}`).join(' | ')} |`,
    '',
    'Misses:',
    ...b.misses.map((m) => `- ${m}`),
    '',
    'False alarms:',
    ...b.falseAlarms.map((m) => `- ${m}`),
  ];
  return lines.join('\n');
}
