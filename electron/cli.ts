import { constants, promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { catalog } from './core/checks/registry';
import { readingOrder } from './core/checks/engine';
import { defaultDbPath } from './core/data-dir';
import type { LiveOptions } from './core/collect/live/live-options';
import { loadCollect } from './core/collect/live/load-live';
import { CancelledError, InputError, NotFoundError } from './core/errors';
import { writeFileAtomic } from './core/fs-atomic';
import { findingsCsv } from './core/output/findings-csv';
import { findingsJsonText } from './core/output/findings-json';
import { findResourcesDir } from './core/paths';
import { checklistsDir, loadChecklists, type ChecklistCatalogue } from './core/remediation/checklists';
import { getFindingWork } from './core/remediation/work';
import { WORKED_STATUSES } from './core/remediation/work-store';
import { checklistText } from './core/report/checklist-text';
import { renderReportHtml } from './core/report/html';
import { ChromiumNotFoundError, htmlToPdfWithChromium } from './core/report/pdf';
import { loadReportWork } from './core/report/report-work';
import { checkLocalRoots } from './core/local/scan-local';
import { AuditNotSavedError, runScan, type ScanProgress, type ScanResult, type ScanSource } from './core/scan/scan';
import { summarize } from './core/scan/summary';
import { verifyLog } from './core/store/audit-log';
import { getAudit, type AuditRecord } from './core/store/audits';
import { openDatabase, type Db } from './core/store/db';
import { countFindings, getFinding, listFindings } from './core/store/findings';
import { listSources } from './core/store/sources';
import type { Finding } from './core/checks/types';
import { canvassVersion } from './core/version';

const USAGE = `Usage:
  canvass scan [--demo] [--evidence DIR|ZIP|CONFIG.json ...] [--profile P] [--region R] [--endpoint URL] [--path-style]
               [--local PATH ...] [--jurisdiction NAME] [--auditor NAME]
               [--db FILE] [--json FILE] [--report FILE.pdf|FILE.html] [--csv FILE]
  canvass collect --out DIR [--profile P] [--region R] [--endpoint URL] [--path-style]
  canvass report --db FILE --audit ID --out FILE.pdf|FILE.html
  canvass checklist --db FILE --audit ID [--finding N]
  canvass log verify --db FILE
  canvass --version | --help

A live scan or collection (--profile, --region or --endpoint) reads the account through
read-only calls, with the standard AWS credentials: a profile of ~/.aws/config and
~/.aws/credentials (SSO included), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
--evidence reads an evidence bundle (a folder or .zip) or an AWS Config snapshot or list of
configuration items (a .json or .json.gz file). --local reads a folder, drive or file for
voter files and storage credentials (AWS, Azure, Google Cloud keys, presigned links).

checklist prints, for each finding that needs action (or finding N), the steps still to do
with their AWS CLI commands filled in for its bucket, ready to paste into bash, and the
blanks (<NAME>) to fill in first with what each means; settled steps in one line.
log verify checks the hash chain of the audit trail and names the first entry that does not fit.

Exit status: 0 on success whatever was found, 1 on a usage or input error, 2 on an internal failure.`;

class UsageError extends InputError {}

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
}

function progressBar(io: Io) {
  if (!io.isTTY) return undefined;
  return (p: ScanProgress) => {
    const width = 30;
    const frac = p.total ? p.done / p.total : 0;
    const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
    // A folder walk has no total to measure against: its line says what was read so far.
    if (p.phase === 'reading' && p.total === 0) io.stderr(`\r${printable(p.message).slice(0, 150)}\x1b[K`);
    else io.stderr(`\r${p.phase.padEnd(8)} [${bar}] ${p.done}/${p.total} `);
    if (p.phase === 'saving' && p.done === p.total) io.stderr('\n');
  };
}

function reportFormat(file: string): 'pdf' | 'html' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.pdf') return 'pdf';
  if (ext === '.html' || ext === '.htm') return 'html';
  throw new UsageError(`${file}: the report must end in .pdf or .html`);
}

/**
 * Checks, before a scan runs, that an output file can be written where it is asked for: found
 * only after the scan, a missing folder left an audit saved and its outputs not written.
 */
async function checkOutputFile(file: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  try {
    await fs.access(dir, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(`${file}: no such folder ${dir}; create it or give another place for the file`);
    throw new InputError(`${file}: cannot write in the folder ${dir} (${code ?? 'error'}); give a place you can write to`);
  }
  if ((await fs.stat(file).catch(() => undefined))?.isDirectory()) throw new InputError(`${file}: a folder; give a file name for the output`);
}

/** Writes the report; with no Chromium for a PDF, writes the HTML beside it and says how to get a PDF. */
async function writeReport(io: Io, db: Db, auditId: string, out: string, version: string): Promise<void> {
  const format = reportFormat(out);
  const audit = completeAudit(db, auditId, 'report');
  const findings = listFindings(db, auditId).sort(readingOrder);
  const html = renderReportHtml({
    audit: { ...audit, sources: listSources(db, auditId), counts: countFindings(db, auditId) },
    summary: summarize(findings),
    findings,
    catalog: catalog(),
    work: loadReportWork(db, auditId, checklistCatalogue()),
    generatedAt: new Date().toISOString(),
    version,
  });
  if (format === 'html') return writeFileAtomic(path.resolve(out), html);
  try {
    await writeFileAtomic(path.resolve(out), await htmlToPdfWithChromium(html));
  } catch (e) {
    if (!(e instanceof ChromiumNotFoundError)) throw e;
    const htmlOut = out.replace(/\.pdf$/i, '.html');
    await writeFileAtomic(path.resolve(htmlOut), html);
    io.stderr(
      `canvass: no Chromium or Chrome found to make a PDF; wrote ${htmlOut} instead.\n` +
        `  Open it in a browser and print to PDF, or install Chromium (Debian/Ubuntu: apt-get install chromium) or set CANVASS_CHROMIUM to a Chrome executable.\n`,
    );
  }
}

function completeAudit(db: Db, auditId: string, what: string): AuditRecord {
  const audit = getAudit(db, auditId);
  if (!audit) throw new NotFoundError(`no audit ${auditId} in this database`);
  if (audit.status !== 'complete') throw new InputError(`audit ${auditId} was ${audit.status}; it has no findings to ${what}`);
  return audit;
}

const checklistCatalogue = (): ChecklistCatalogue => loadChecklists(checklistsDir(findResourcesDir()));

/** Opens a database that must already exist: the commands that read one never leave an empty one behind. */
function openExistingDatabase(file: string): Db {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new InputError(`${file}: no such database`);
  }
  if (size === 0) throw new InputError(`${file}: an empty file, not a Canvass database`);
  return openDatabase(file);
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const hex = (c: string, digits: number) => c.charCodeAt(0).toString(16).padStart(digits, '0');

/**
 * A name as the terminal shows it, control characters (ESC, CR, newline) and the marks that
 * reverse text written out (\x1b, \r, \u202e): a file name could otherwise forge a line
 * ("No storage credential found"), erase one, or hide itself. The JSON keeps names exact.
 */
const printable = (s: string) =>
  s.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, (c) => ESCAPES[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));

/** A list for one terminal line: the first few names and how many more. */
function someOf(names: string[], max = 8): string {
  const shown = names.slice(0, max).map(printable).join(', ');
  return names.length <= max ? shown : `${shown} and ${names.length - max} more`;
}

/** A folder or file to scan as it was typed, and where it really is (the start of each path under it). */
interface LocalRoot {
  given: string;
  real: string;
}

const trimSeps = (p: string) => p.replace(/[\\/]+$/, '') || p;

/**
 * How the summary names a file scanned: by its name under the folder scanned, or with several
 * folders, after the folder as it was typed, since each may hold the same name (two creds.txt).
 */
function localNamer(roots: LocalRoot[]): (id: string, name: string) => string {
  if (roots.length < 2) return (_id, name) => name;
  return (id, name) => {
    const root = roots.find((r) => isOf(id, r.real));
    return root ? trimSeps(root.given) + id.slice(trimSeps(root.real).length) : name;
  };
}

/** The root itself, a path under it, or a member of an archive that is the root. */
function isOf(id: string, real: string): boolean {
  const start = trimSeps(real);
  return id === real || (id.startsWith(start) && [path.sep, '!'].includes(id.charAt(start.length)));
}

/** What a clerk reads first of a local scan: the voter files, the credentials, and what could not be read. */
function localSummary(findings: Finding[], roots: LocalRoot[]): string[] {
  const named = localNamer(roots);
  const failing = (f: (id: string) => boolean) => [...new Set(findings.filter((x) => x.status === 'fail' && f(x.checkId)).map((x) => named(x.resource.id, x.resource.name)))].sort();
  const voter = failing((id) => id === 'local.voter-file');
  const creds = failing((id) => id.startsWith('local.credential.'));
  const unread = new Set(
    findings.flatMap((f) =>
      f.checkId.startsWith('local.') && f.status === 'unknown' ? ((f.evidence.unreadable as Array<{ file: string; path: string }> | undefined) ?? []).map((u) => named(u.path, u.file)) : [],
    ),
  );
  return [
    voter.length ? `Voter files on the scanned drives: ${someOf(voter)}.` : 'No voter file found on the scanned drives.',
    creds.length ? `Storage credentials in: ${someOf(creds)}.` : 'No storage credential found on the scanned drives.',
    ...(unread.size ? [`Could not be read (see the findings that could not be checked): ${someOf([...unread].sort())}.`] : []),
  ];
}

/**
 * parseArgs, refusing an empty value (an unset shell variable, often): --local "" would scan the
 * current folder, --db "" save the audit to a temporary file that is lost, --json "" write nothing.
 */
function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  const parsed = parseArgs(config);
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === '' || (Array.isArray(value) && value.includes(''))) throw new InputError(`--${name} was given an empty value; give it a value (was a shell variable unset?)`);
  }
  return parsed;
}

const LIVE_FLAGS = {
  profile: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'path-style': { type: 'boolean' },
} as const;

/** The live source the flags ask for, if any. */
function liveOptions(values: { profile?: string; region?: string; endpoint?: string; 'path-style'?: boolean }): LiveOptions | undefined {
  if (values['path-style'] && !values.endpoint) throw new UsageError('--path-style goes with --endpoint URL');
  if (!values.profile && !values.region && !values.endpoint) return undefined;
  return { profile: values.profile, region: values.region, endpoint: values.endpoint, pathStyle: values['path-style'] };
}

/** Ctrl-C cancels the running operation; the listener is removed when it ends. */
async function cancellable<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    return await run(ac.signal);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

async function collectCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseOptions({ args, strict: true, allowPositionals: false, options: { out: { type: 'string' }, ...LIVE_FLAGS } });
  if (!values.out) throw new UsageError('collect needs --out DIR (a new or empty folder)');
  const out = path.resolve(values.out);
  const options = liveOptions(values) ?? {};
  const { collectToFolder } = await loadCollect();
  const live = await cancellable((signal) =>
    collectToFolder(out, options, {
      signal,
      onProgress: io.isTTY
        ? (p) => io.stderr(`\rcollect  ${p.bucketsDone}/${p.bucketsFound} buckets, ${p.callsDone} calls `)
        : undefined,
    }),
  ).catch((e: unknown) => {
    if (e instanceof CancelledError) throw new CancelledError(`collection cancelled; nothing was written to ${values.out}`);
    throw e;
  });
  if (io.isTTY) io.stderr('\n');
  io.stdout(
    `Collected evidence of ${live.bucketCount} buckets${live.accountId ? ` of account ${live.accountId}` : ''}${live.identityArn ? ` as ${live.identityArn}` : ''} into ${values.out}: ` +
      `${live.calls} calls, ${live.failedCalls} failed (kept as CALL.error.json files).\n`,
  );
  return 0;
}

/** Writes the --json and --csv outputs asked for, from the scan's result; returns the files written. */
async function writeFindingFiles(out: { json?: string; csv?: string }, version: string, { audit, findings, sources }: ScanResult): Promise<string[]> {
  const sorted = [...findings].sort(readingOrder);
  if (out.json) await writeFileAtomic(path.resolve(out.json), findingsJsonText(version, audit, sources, sorted));
  if (out.csv) await writeFileAtomic(path.resolve(out.csv), findingsCsv(sorted));
  return [out.json, out.csv].filter((f): f is string => !!f);
}

async function scanCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseOptions({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      ...LIVE_FLAGS,
      demo: { type: 'boolean' },
      evidence: { type: 'string', multiple: true },
      local: { type: 'string', multiple: true },
      jurisdiction: { type: 'string' },
      auditor: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'string' },
      report: { type: 'string' },
      csv: { type: 'string' },
    },
  });
  const sources: ScanSource[] = [];
  if (values.demo) sources.push({ kind: 'demo' });
  for (const p of values.evidence ?? []) sources.push({ kind: 'evidence', path: path.resolve(p) });
  const live = liveOptions(values);
  if (live) sources.push({ kind: 'live', options: live });
  // Checked before the database is opened: a mistyped folder leaves nothing behind.
  const localRoots = (await checkLocalRoots(values.local ?? [])).map((real, i): LocalRoot => ({ given: values.local![i], real }));
  for (const r of localRoots) sources.push({ kind: 'local', path: r.real });
  if (!sources.length) {
    throw new UsageError('scan needs a source: --demo, --evidence DIR|ZIP|CONFIG.json, --local PATH, or a live account (--profile P, --region R or --endpoint URL)');
  }
  if (values.report) reportFormat(values.report);
  for (const out of [values.json, values.csv, values.report]) if (out) await checkOutputFile(out);

  const version = canvassVersion();
  const db = openDatabase(values.db ?? defaultDbPath());
  try {
    const result = await cancellable((signal) =>
      runScan(
        db,
        {
          jurisdiction: values.jurisdiction ?? (values.demo && sources.length === 1 ? 'Harlow County (demo)' : 'Unnamed jurisdiction'),
          auditor: values.auditor ?? (process.env.USER || process.env.USERNAME || 'unknown'),
          sources,
        },
        { resourcesDir: findResourcesDir(), signal, onProgress: progressBar(io) },
      ),
    ).catch(async (e: unknown) => {
      if (!(e instanceof AuditNotSavedError)) throw e;
      // The scan itself succeeded: its findings still go to the files asked for. A report is
      // made from the saved audit (its checklists, the previous audit's progress), so not that.
      const written = await writeFindingFiles(values, version, e.result);
      throw new InputError(
        [
          e.message,
          ...(written.length ? [`its findings were written to ${written.join(' and ')}`] : []),
          ...(values.report ? [`the report ${values.report} was not written (a report is made from a saved audit)`] : []),
        ].join('; '),
      );
    });
    const { audit, findings } = result;
    if (audit.status === 'cancelled') throw new CancelledError(`scan cancelled; audit ${audit.id} is recorded as cancelled`);

    await writeFindingFiles(values, version, result);
    if (values.report) await writeReport(io, db, audit.id, values.report, version);

    const s = summarize(findings);
    const cloud = sources.some((x) => x.kind !== 'local');
    io.stdout(
      [
        `Audit ${audit.id}: ${cloud ? `${s.buckets} buckets, ` : ''}${s.counts.fail} problems, ${s.counts.unknown} could not be checked, ${s.counts.pass} passed.`,
        ...(!cloud
          ? []
          : [
              s.publicRead.length
                ? `Readable by anyone on the internet: ${someOf(s.publicRead)}.${s.publicVoterData.length ? ` Holding voter data: ${someOf(s.publicVoterData)}.` : ''}`
                : 'No bucket is readable by anyone on the internet.',
            ]),
        ...(localRoots.length ? localSummary(findings, localRoots) : []),
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    db.close();
  }
}

async function reportCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseOptions({
    args,
    strict: true,
    options: { db: { type: 'string' }, audit: { type: 'string' }, out: { type: 'string' } },
  });
  if (!values.db || !values.audit || !values.out) throw new UsageError('report needs --db FILE --audit ID --out FILE.pdf|FILE.html');
  reportFormat(values.out);
  await checkOutputFile(values.out);
  const db = openExistingDatabase(values.db);
  try {
    await writeReport(io, db, values.audit, values.out, canvassVersion());
    io.stdout(`Wrote ${values.out}\n`);
    return 0;
  } finally {
    db.close();
  }
}

async function checklistCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseOptions({ args, strict: true, options: { db: { type: 'string' }, audit: { type: 'string' }, finding: { type: 'string' } } });
  if (!values.db || !values.audit) throw new UsageError('checklist needs --db FILE --audit ID (and --finding N for one finding)');
  if (values.finding !== undefined && !/^[1-9]\d{0,8}$/.test(values.finding)) throw new UsageError(`--finding takes a finding number, like 12 (got "${values.finding}")`);
  const db = openExistingDatabase(values.db);
  try {
    const audit = completeAudit(db, values.audit, 'work');
    const catalogue = checklistCatalogue();
    let seqs: number[];
    if (values.finding !== undefined) {
      const f = getFinding(db, audit.id, Number(values.finding));
      if (!f) throw new NotFoundError(`audit ${audit.id} has no finding ${values.finding}`);
      if (!WORKED_STATUSES.has(f.status)) throw new InputError(`finding ${f.seq} of audit ${audit.id} ${f.status === 'pass' ? 'passed' : 'does not apply'}: it has no checklist to work`);
      seqs = [f.seq];
    } else {
      seqs = listFindings(db, audit.id)
        .filter((f) => WORKED_STATUSES.has(f.status))
        .sort(readingOrder)
        .map((f) => f.seq);
    }
    const works = seqs.map((seq) => getFindingWork(db, audit.id, seq, catalogue));
    const open = works.reduce((n, w) => n + (w.closedAt ? 0 : w.steps.filter((s) => s.state === 'open' || s.state === 'blocked').length), 0);
    const head = [
      `Audit ${audit.id}, ${printable(audit.jurisdiction)}: ${works.length} ${works.length === 1 ? 'finding' : 'findings'} to work (failed or could not be checked), ${open} ${open === 1 ? 'step' : 'steps'} still to do.`,
      'Commands are for bash (AWS CloudShell, Linux, macOS), one per line. Fill in each <NAME> first: a command with a blank left in it does not start.',
    ];
    io.stdout(`${[...head, ...works.map((w) => `\n${checklistText(w)}`)].join('\n')}\n`);
    return 0;
  } finally {
    db.close();
  }
}

async function logCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError(sub ? `unknown log command "${sub}" (try: canvass log verify --db FILE)` : 'log needs a command: canvass log verify --db FILE');
  const { values } = parseOptions({ args: rest, strict: true, options: { db: { type: 'string' } } });
  if (!values.db) throw new UsageError('log verify needs --db FILE');
  const db = openExistingDatabase(values.db);
  try {
    const v = verifyLog(db);
    if (!v.ok && v.firstBad) {
      io.stderr(`canvass: audit log broken at entry ${v.firstBad.seq}: ${v.firstBad.problem}\n`);
      return 1;
    }
    io.stdout(`audit log intact: ${v.entries} ${v.entries === 1 ? 'entry' : 'entries'}\n`);
    return 0;
  } finally {
    db.close();
  }
}

let stdoutWatched = false;

/** `canvass checklist | head`, or a pager quit early, closes stdout: that is the reader's choice, not a failure. */
function endQuietlyWhenStdoutCloses(): void {
  if (stdoutWatched) return;
  stdoutWatched = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
}

export async function main(argv: string[], io: Io): Promise<number> {
  endQuietlyWhenStdoutCloses();
  // The AWS SDK's notice about Node versions it will stop supporting is not for a clerk's terminal.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'scan':
        return await scanCommand(rest, io);
      case 'collect':
        return await collectCommand(rest, io);
      case 'report':
        return await reportCommand(rest, io);
      case 'checklist':
        return await checklistCommand(rest, io);
      case 'log':
        return await logCommand(rest, io);
      case '--version':
        io.stdout(`${canvassVersion()}\n`);
        return 0;
      case '--help':
      case 'help':
        io.stdout(`${USAGE}\n`);
        return 0;
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`canvass: ${printable(e.message)}\n${USAGE}\n`);
      return 1;
    }
    // parseArgs reports unknown or malformed options with these codes.
    const code = (e as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      io.stderr(`canvass: ${printable((e as Error).message)}\n${USAGE}\n`);
      return 1;
    }
    // One line each, naming paths and names that may hold control characters.
    if (e instanceof InputError || e instanceof NotFoundError || e instanceof CancelledError) {
      io.stderr(`canvass: ${printable(e.message)}\n`);
      return 1;
    }
    io.stderr(`canvass: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: process.stderr.isTTY === true,
  }).then((code) => {
    process.exitCode = code;
  });
}
