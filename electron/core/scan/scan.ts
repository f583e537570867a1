import { randomBytes } from 'node:crypto';
import { evaluate } from '../checks/engine';
import { evaluateLocal } from '../checks/local/evaluate-local';
import { CHECKS_VERSION } from '../checks/registry';
import type { Finding } from '../checks/types';
import { memoryFiles } from '../collect/bundle-files';
import { readEvidenceFiles } from '../collect/evidence-bundle';
import { evidenceKind, readEvidence } from '../collect/evidence-source';
import { liveSourceName, type LiveOptions } from '../collect/live/live-options';
import { loadLive } from '../collect/live/load-live';
import type { LiveEvidence } from '../collect/live/read-live';
import type { Inventory } from '../collect/inventory';
import { CancelledError, InputError } from '../errors';
import type { LocalInventory } from '../local/local-inventory';
import { checkLocalRoots, scanLocal } from '../local/scan-local';
import { demoEvidenceDir } from '../paths';
import { startRemediation } from '../remediation/audit-start';
import { checklistsDir, loadChecklists } from '../remediation/checklists';
import { insertAudit, type AuditRecord } from '../store/audits';
import { isBusy, type Db } from '../store/db';
import { insertFindings } from '../store/findings';
import { insertResources } from '../store/resources';
import { insertSources, type SourceRecord } from '../store/sources';

export type ScanSource =
  | { kind: 'demo' }
  /** A canvass-evidence/1 bundle (folder or .zip), or an AWS Config file (.json or .json.gz). */
  | { kind: 'evidence'; path: string }
  /** An account read live through the read-only clients (credentials in memory only). */
  | { kind: 'live'; options: LiveOptions }
  /** A folder, drive or file read for credentials and voter files (on worker threads). */
  | { kind: 'local'; path: string };

export interface ScanRequest {
  jurisdiction: string;
  auditor: string;
  sources: ScanSource[];
}

export interface ScanProgress {
  phase: 'reading' | 'checking' | 'saving';
  done: number;
  total: number;
  message: string;
  /** A folder being read: what has been read and found so far (its size is not known before the walk). */
  local?: { root: string; files: number; bytes: number; findings: number };
}

export interface ScanOptions {
  resourcesDir: string;
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
  now?: () => Date;
  /** Worker threads for local folders (default: every core; 0 reads in this thread, as tests from the TypeScript sources must). */
  localWorkers?: number;
}

export interface ScanResult {
  audit: AuditRecord;
  findings: Finding[];
  /** As stored with the audit. */
  sources: SourceRecord[];
}

/**
 * The scan ran to the end but its audit could not be saved: another program held the
 * database past the busy timeout. Nothing was written; the result is here for what can still
 * be made from it without the database.
 */
export class AuditNotSavedError extends InputError {
  constructor(
    file: string,
    readonly result: ScanResult,
  ) {
    super(
      `${file}: the database is locked by another program (another Canvass scan or window?), so this scan's results were not saved and the database was left as it was; close that program or wait until it ends, then run the scan again`,
    );
  }
}

/**
 * Writes in one transaction taken for writing from its start (BEGIN IMMEDIATE): a database
 * another program holds is found, after the busy timeout, before anything is written.
 */
function save(db: Db, write: () => void, busy: () => Error): void {
  try {
    db.transaction(write).immediate();
  } catch (e) {
    throw isBusy(e) ? busy() : e;
  }
}

export function newAuditId(now: Date): string {
  const stamp = now.toISOString().slice(0, 10).replace(/-/g, '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

const sourceRecord = (s: ScanSource): SourceRecord => {
  switch (s.kind) {
    case 'demo':
      return { kind: 'demo', ref: 'Harlow County demo evidence (embedded)' };
    case 'evidence':
      return { kind: evidenceKind(s.path), ref: s.path };
    case 'live':
      return { kind: 'live', ref: liveSourceName(s.options, s.options.region ?? 'default region') };
    case 'local':
      return { kind: 'local', ref: s.path };
  }
};

/** A live source as the audit names it: where it was read, and as whom. */
const liveRecord = (live: LiveEvidence): SourceRecord => ({
  kind: 'live',
  ref: live.identityArn ? `${live.source} as ${live.identityArn}` : live.source,
});

/** A local scan's progress in one line: files and bytes read, and what was found. */
const localProgressMessage = (root: string, p: { files: number; bytes: number; findings: number }) =>
  `Read ${p.files.toLocaleString('en-US')} files (${(p.bytes / 1e6).toFixed(0)} MB) under ${root}; ${p.findings} found`;

/** The scanned folders and the files that have findings, once each. */
const localResources = (findings: Finding[]) => [
  ...new Map(findings.filter((f) => f.resource.type === 'file').map((f) => [f.resource.id, { ...f.resource, region: null }])).values(),
];

/** Lets progress events and a cancel click through between buckets. */
const yieldToEvents = () => new Promise<void>((r) => setImmediate(r));

/**
 * Reads every source into inventories, runs the checks, and stores the audit in one
 * transaction. Bad input throws before anything is written; a cancelled scan is recorded
 * as a cancelled audit with its sources and no findings; earlier audits are never touched.
 * A database another program holds at the save throws AuditNotSavedError, nothing written.
 */
export async function runScan(db: Db, req: ScanRequest, opts: ScanOptions): Promise<ScanResult> {
  const now = opts.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const audit: AuditRecord = {
    id: newAuditId(now()),
    jurisdiction: req.jurisdiction,
    auditor: req.auditor,
    status: 'complete',
    startedAt,
    finishedAt: null,
    checksVersion: CHECKS_VERSION,
    accountId: '',
    collectedAt: null,
  };
  const sources = req.sources.map(sourceRecord);
  // Loaded first: a broken checklist folder stops the scan before anything is read or written.
  const catalogue = loadChecklists(checklistsDir(opts.resourcesDir));
  const progress = (p: ScanProgress) => opts.onProgress?.(p);

  // A folder that does not exist is bad input: said before a long live read, not after.
  const localRoots = await checkLocalRoots(req.sources.flatMap((s) => (s.kind === 'local' ? [s.path] : [])));

  try {
    const inventories: Inventory[] = [];
    const locals: LocalInventory[] = [];
    for (const [i, s] of req.sources.entries()) {
      let last = 0;
      // Throttle events: a 10,000-bucket account should not send 10,000 messages.
      const reading = (done: number, total: number, message: string) => {
        if (done === total || done === 0 || done - last >= Math.max(1, Math.floor(total / 100))) {
          last = done;
          progress({ phase: 'reading', done, total, message });
        }
      };
      if (s.kind === 'local') {
        const root = localRoots[locals.length];
        locals.push(
          await scanLocal(root, {
            signal: opts.signal,
            workers: opts.localWorkers,
            onProgress: (p) =>
              progress({ phase: 'reading', done: p.files, total: 0, message: localProgressMessage(root, p), local: { root, files: p.files, bytes: p.bytes, findings: p.findings } }),
          }),
        );
      } else if (s.kind === 'live') {
        const { readLiveEvidence } = await loadLive();
        const live = await readLiveEvidence(s.options, {
          signal: opts.signal,
          onProgress: (p) => reading(p.bucketsDone, p.bucketsFound, p.bucket ? `Read bucket ${p.bucket}` : `Found ${p.bucketsFound} buckets`),
        });
        sources[i] = liveRecord(live);
        inventories.push(await readEvidenceFiles(memoryFiles(`live read of ${live.source}`, live.files), { signal: opts.signal }));
      } else {
        const p = s.kind === 'demo' ? demoEvidenceDir(opts.resourcesDir) : s.path;
        inventories.push(
          await readEvidence(p, {
            signal: opts.signal,
            onProgress: ({ done, total, bucket }) => reading(done, total, bucket ? `Read bucket ${bucket}` : 'Reading evidence'),
          }),
        );
      }
      await yieldToEvents();
    }
    const accounts = inventories.map((i) => i.account.accountId);
    const twice = accounts.find((a, i) => accounts.indexOf(a) !== i);
    if (twice) throw new InputError(`two sources hold evidence of the same AWS account ${twice}: scan them as separate audits`);
    let findings: Finding[] = [];
    for (const inv of inventories) {
      if (opts.signal?.aborted) throw new CancelledError();
      // concat, not push(...): a 20,000-bucket account has more findings than a call has arguments.
      findings = findings.concat(
        evaluate(inv, {
          signal: opts.signal,
          onProgress: (done, total) => {
            if (done === total) progress({ phase: 'checking', done, total, message: `Checked ${total} buckets` });
          },
        }),
      );
      await yieldToEvents();
    }
    for (const local of locals) findings = findings.concat(evaluateLocal(local));
    if (opts.signal?.aborted) throw new CancelledError();
    progress({ phase: 'saving', done: 0, total: 1, message: 'Saving the audit' });
    audit.finishedAt = now().toISOString();
    audit.accountId = [...new Set(inventories.map((i) => i.account.accountId))].join(', ');
    audit.collectedAt = inventories.map((i) => i.collectedAt).filter(Boolean).sort()[0] ?? null;
    const result: ScanResult = { audit, findings, sources };
    save(
      db,
      () => {
        insertAudit(db, audit);
        insertSources(db, audit.id, sources);
        insertResources(
          db,
          audit.id,
          inventories.flatMap((inv) => [
            { type: 'account', id: inv.account.accountId, name: `AWS account ${inv.account.accountId}`, region: null },
            ...inv.buckets.map((b) => ({
              type: 'bucket',
              id: `arn:aws:s3:::${b.name}`,
              name: b.name,
              region: b.region.kind === 'value' ? b.region.value : null,
            })),
          ]),
        );
        insertResources(db, audit.id, localResources(findings));
        insertFindings(db, audit.id, findings);
        startRemediation(db, audit, findings, catalogue, req.auditor);
      },
      () => new AuditNotSavedError(db.name, result),
    );
    progress({ phase: 'saving', done: 1, total: 1, message: 'Audit saved' });
    return result;
  } catch (e) {
    if (e instanceof CancelledError) {
      const cancelled: AuditRecord = { ...audit, status: 'cancelled', finishedAt: now().toISOString() };
      save(
        db,
        () => {
          insertAudit(db, cancelled);
          insertSources(db, cancelled.id, sources);
        },
        () => new InputError(`${db.name}: the database is locked by another program (another Canvass scan or window?), so the cancelled scan was not recorded`),
      );
      return { audit: cancelled, findings: [], sources };
    }
    throw e;
  }
}
