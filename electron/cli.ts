import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { catalog } from './core/checks/registry';
import { readingOrder } from './core/checks/engine';
import { defaultDbPath } from './core/data-dir';
import { collectToFolder } from './core/collect/live/collect-folder';
import type { LiveOptions } from './core/collect/live/live-options';
import { CancelledError, InputError, NotFoundError } from './core/errors';
import { writeFileAtomic } from './core/fs-atomic';
import { findingsCsv } from './core/output/findings-csv';
import { findingsDocument } from './core/output/findings-json';
import { findResourcesDir } from './core/paths';
import { renderReportHtml } from './core/report/html';
import { ChromiumNotFoundError, htmlToPdfWithChromium } from './core/report/pdf';
import { runScan, type ScanProgress, type ScanSource } from './core/scan/scan';
import { summarize } from './core/scan/summary';
import { getAudit } from './core/store/audits';
import { openDatabase, type Db } from './core/store/db';
import { countFindings, listFindings } from './core/store/findings';
import { listSources } from './core/store/sources';
import { canvassVersion } from './core/version';

const USAGE = `Usage:
  canvass scan [--demo] [--evidence DIR|ZIP|CONFIG.json ...] [--profile P] [--region R] [--endpoint URL] [--path-style]
               [--jurisdiction NAME] [--auditor NAME]
               [--db FILE] [--json FILE] [--report FILE.pdf|FILE.html] [--csv FILE]
  canvass collect --out DIR [--profile P] [--region R] [--endpoint URL] [--path-style]
  canvass report --db FILE --audit ID --out FILE.pdf|FILE.html
  canvass --version | --help

A live scan or collection (--profile, --region or --endpoint) reads the account through
read-only calls, with the standard AWS credentials: a profile of ~/.aws/config and
~/.aws/credentials (SSO included), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
--evidence reads an evidence bundle (a folder or .zip) or an AWS Config snapshot or list of
configuration items (a .json or .json.gz file).

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
    io.stderr(`\r${p.phase.padEnd(8)} [${bar}] ${p.done}/${p.total} `);
    if (p.phase === 'saving' && p.done === p.total) io.stderr('\n');
  };
}

function reportFormat(file: string): 'pdf' | 'html' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.pdf') return 'pdf';
  if (ext === '.html' || ext === '.htm') return 'html';
  throw new UsageError(`${file}: the report must end in .pdf or .html`);
}

/** Writes the report; with no Chromium for a PDF, writes the HTML beside it and says how to get a PDF. */
async function writeReport(io: Io, db: Db, auditId: string, out: string, version: string): Promise<void> {
  const format = reportFormat(out);
  const audit = getAudit(db, auditId);
  if (!audit) throw new NotFoundError(`no audit ${auditId} in this database`);
  if (audit.status !== 'complete') throw new InputError(`audit ${auditId} was ${audit.status}; it has no findings to report`);
  const findings = listFindings(db, auditId).sort(readingOrder);
  const html = renderReportHtml({
    audit: { ...audit, sources: listSources(db, auditId), counts: countFindings(db, auditId) },
    summary: summarize(findings),
    findings,
    catalog: catalog(),
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

/** A list for one terminal line: the first few names and how many more. */
function someOf(names: string[], max = 8): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
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
  const { values } = parseArgs({ args, strict: true, allowPositionals: false, options: { out: { type: 'string' }, ...LIVE_FLAGS } });
  if (!values.out) throw new UsageError('collect needs --out DIR (a new or empty folder)');
  const out = path.resolve(values.out);
  const options = liveOptions(values) ?? {};
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

async function scanCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      ...LIVE_FLAGS,
      demo: { type: 'boolean' },
      evidence: { type: 'string', multiple: true },
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
  if (!sources.length) {
    throw new UsageError('scan needs a source: --demo, --evidence DIR|ZIP|CONFIG.json, or a live account (--profile P, --region R or --endpoint URL)');
  }
  if (values.report) reportFormat(values.report);

  const version = canvassVersion();
  const db = openDatabase(values.db ?? defaultDbPath());
  try {
    const { audit, findings } = await cancellable((signal) =>
      runScan(
        db,
        {
          jurisdiction: values.jurisdiction ?? (values.demo && sources.length === 1 ? 'Harlow County (demo)' : 'Unnamed jurisdiction'),
          auditor: values.auditor ?? (process.env.USER || process.env.USERNAME || 'unknown'),
          sources,
        },
        { resourcesDir: findResourcesDir(), signal, onProgress: progressBar(io) },
      ),
    );
    if (audit.status === 'cancelled') throw new CancelledError(`scan cancelled; audit ${audit.id} is recorded as cancelled`);

    const sorted = [...findings].sort(readingOrder);
    if (values.json) {
      const doc = findingsDocument(version, audit, listSources(db, audit.id), sorted);
      await writeFileAtomic(path.resolve(values.json), JSON.stringify(doc, null, 2) + '\n');
    }
    if (values.csv) await writeFileAtomic(path.resolve(values.csv), findingsCsv(sorted));
    if (values.report) await writeReport(io, db, audit.id, values.report, version);

    const s = summarize(findings);
    io.stdout(
      [
        `Audit ${audit.id}: ${s.buckets} buckets, ${s.counts.fail} problems, ${s.counts.unknown} could not be checked, ${s.counts.pass} passed.`,
        s.publicRead.length
          ? `Readable by anyone on the internet: ${someOf(s.publicRead)}.${s.publicVoterData.length ? ` Holding voter data: ${someOf(s.publicVoterData)}.` : ''}`
          : 'No bucket is readable by anyone on the internet.',
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    db.close();
  }
}

async function reportCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { db: { type: 'string' }, audit: { type: 'string' }, out: { type: 'string' } },
  });
  if (!values.db || !values.audit || !values.out) throw new UsageError('report needs --db FILE --audit ID --out FILE.pdf|FILE.html');
  reportFormat(values.out);
  const db = openDatabase(values.db);
  try {
    await writeReport(io, db, values.audit, values.out, canvassVersion());
    io.stdout(`Wrote ${values.out}\n`);
    return 0;
  } finally {
    db.close();
  }
}

export async function main(argv: string[], io: Io): Promise<number> {
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
      io.stderr(`canvass: ${e.message}\n${USAGE}\n`);
      return 1;
    }
    // parseArgs reports unknown or malformed options with these codes.
    const code = (e as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      io.stderr(`canvass: ${(e as Error).message}\n${USAGE}\n`);
      return 1;
    }
    if (e instanceof InputError || e instanceof NotFoundError || e instanceof CancelledError) {
      io.stderr(`canvass: ${e.message}\n`);
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
