import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { catalog, CHECKS_VERSION } from '../core/checks/registry';
import { readingOrder } from '../core/checks/engine';
import { inspectEvidence } from '../core/collect/evidence-source';
import { collectToFolder } from '../core/collect/live/collect-folder';
import { testConnection } from '../core/collect/live/connection';
import type { LiveOptions } from '../core/collect/live/live-options';
import { listProfileNames } from '../core/collect/live/profiles';
import { assertEmptyTarget } from '../core/collect/write-bundle';
import { CancelledError, InputError, NotFoundError } from '../core/errors';
import { checklistsDir, loadChecklists, type ChecklistCatalogue } from '../core/remediation/checklists';
import { renderReportHtml } from '../core/report/html';
import { loadReportWork } from '../core/report/report-work';
import { checkLocalRoots } from '../core/local/scan-local';
import { runScan, type ScanSource } from '../core/scan/scan';
import { summarize } from '../core/scan/summary';
import { getAudit, listAudits, type AuditRecord } from '../core/store/audits';
import type { Db } from '../core/store/db';
import { countFindings, listFindings } from '../core/store/findings';
import { listSources } from '../core/store/sources';
import { writeFileAtomic } from '../core/fs-atomic';
import type { Host } from './host';
import type { Input } from './contract';
import { toCallError, type Handlers } from './router';
import { createWorkHandlers } from './work-handlers';

export interface HandlerDeps {
  db: Db;
  host: Host;
  resourcesDir: string;
  dataDir: string;
  version: string;
  log?: (msg: string) => void;
}

const withDetails = (db: Db, a: AuditRecord) => ({ ...a, sources: listSources(db, a.id), counts: countFindings(db, a.id) });

export function loadAudit(db: Db, auditId: string) {
  const audit = getAudit(db, auditId);
  if (!audit) throw new NotFoundError(`no audit ${auditId} in this database`);
  const findings = listFindings(db, auditId).sort(readingOrder);
  return { audit: withDetails(db, audit), summary: summarize(findings), findings };
}

export function reportFileName(a: { jurisdiction: string; id: string }, format: 'pdf' | 'html'): string {
  const slug = a.jurisdiction.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'audit';
  return `canvass-${slug}-${a.id}.${format}`;
}

type LiveInput = Pick<LiveOptions, 'profile' | 'region' | 'endpoint' | 'pathStyle' | 'credentials'>;

/**
 * What the core is told of a live source. Typed keys pass through here in memory, for this
 * call only; the audit names the source by its endpoint or region and identity, never its keys.
 */
const liveOptions = ({ profile, region, endpoint, pathStyle, credentials }: LiveInput): LiveOptions => ({
  profile,
  region,
  endpoint,
  pathStyle,
  credentials,
  // The one-line problems name the parts of the form, not the command line's flags.
  audience: 'app',
});

const scanSource = (s: Input<'scan.start'>['sources'][number]): ScanSource => (s.kind === 'live' ? { kind: 'live', options: liveOptions(s) } : s);

/** About a hundred progress events per run at most: a 10,000-bucket account should not send 10,000 messages. */
function everyPercent(emit: (done: number, total: number) => void): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    if (done === 0 || done === total || done - last >= Math.max(1, Math.floor(total / 100))) {
      last = done;
      emit(done, total);
    }
  };
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, host } = deps;
  const scans = new Map<string, AbortController>();
  const collects = new Map<string, AbortController>();

  // Read once, on the first call that needs it: a broken checklist file fails that call with
  // its message, not the whole app at start.
  let catalogue: ChecklistCatalogue | undefined;
  const checklists = () => (catalogue ??= loadChecklists(checklistsDir(deps.resourcesDir)));

  return {
    'app.info': () => ({ version: deps.version, checksVersion: CHECKS_VERSION, dataDir: deps.dataDir }),
    'checks.catalog': () => catalog(),
    'audits.list': () => listAudits(db).map((a) => withDetails(db, a)),
    'audits.get': ({ auditId }) => loadAudit(db, auditId),
    'sources.chooseEvidence': async ({ pick }) => ({ path: await host.chooseEvidence(pick) }),
    'sources.chooseLocalFolder': async () => {
      const chosen = await host.chooseEvidence('local');
      // A share that went away or a folder the app may not open is said here, where the clerk chose it.
      if (chosen) await checkLocalRoots([chosen]);
      return { path: chosen };
    },
    'sources.inspectEvidence': ({ path: p }) => inspectEvidence(p),
    'scan.start': async (req, ctx) => {
      // Bad evidence, a folder that is gone and a folder inside another are refused here, before the scan starts and before anything is written.
      for (const s of req.sources) if (s.kind === 'evidence') await inspectEvidence(s.path);
      await checkLocalRoots(req.sources.flatMap((s) => (s.kind === 'local' ? [s.path] : [])));
      const scanId = randomBytes(8).toString('hex');
      const ac = new AbortController();
      scans.set(scanId, ac);
      void runScan(db, { ...req, sources: req.sources.map(scanSource) }, {
        resourcesDir: deps.resourcesDir,
        signal: ac.signal,
        onProgress: (p) => ctx.emit('scan.progress', { scanId, ...p }),
      })
        .then(({ audit }) =>
          ctx.emit('scan.finished', { scanId, status: audit.status === 'cancelled' ? 'cancelled' : 'complete', auditId: audit.id, error: null }),
        )
        .catch((e: unknown) => {
          const error = toCallError(e);
          if (error.code === 'internal') deps.log?.(`scan ${scanId} failed: ${(e as Error)?.stack ?? String(e)}`);
          ctx.emit('scan.finished', { scanId, status: 'failed', auditId: null, error });
        })
        .finally(() => scans.delete(scanId));
      return { scanId };
    },
    'scan.cancel': ({ scanId }) => {
      const ac = scans.get(scanId);
      if (!ac) return { cancelled: false };
      ac.abort();
      return { cancelled: true };
    },
    'live.profiles': async () => ({ profiles: await listProfileNames() }),
    'live.testConnection': async (input) => {
      const c = await testConnection(liveOptions(input));
      return { accountId: c.accountId ?? null, identityArn: c.identityArn ?? null, longLivedKeys: c.longLivedKeys };
    },
    'collect.start': async (input, ctx) => {
      const out = await host.chooseCollectFolder();
      if (!out) return { collectId: null, path: null };
      // A folder that holds anything is refused here, before any call, so the page can say so where the clerk is.
      await assertEmptyTarget(out);
      const collectId = randomBytes(8).toString('hex');
      const ac = new AbortController();
      collects.set(collectId, ac);
      let callsDone = 0;
      const progress = everyPercent((bucketsDone, bucketsFound) => ctx.emit('collect.progress', { collectId, bucketsFound, bucketsDone, callsDone }));
      void collectToFolder(out, liveOptions(input), {
        signal: ac.signal,
        onProgress: (p) => {
          callsDone = p.callsDone;
          progress(p.bucketsDone, p.bucketsFound);
        },
      })
        .then((live) =>
          ctx.emit('collect.finished', {
            collectId,
            status: 'complete',
            path: out,
            result: { bucketCount: live.bucketCount, accountId: live.accountId ?? null, calls: live.calls },
            error: null,
          }),
        )
        .catch((e: unknown) => {
          const cancelled = e instanceof CancelledError;
          const error = cancelled ? null : toCallError(e);
          if (error?.code === 'internal') deps.log?.(`collection ${collectId} failed: ${(e as Error)?.stack ?? String(e)}`);
          ctx.emit('collect.finished', { collectId, status: cancelled ? 'cancelled' : 'failed', path: out, result: null, error });
        })
        .finally(() => collects.delete(collectId));
      return { collectId, path: out };
    },
    'collect.cancel': ({ collectId }) => {
      const ac = collects.get(collectId);
      if (!ac) return { cancelled: false };
      ac.abort();
      return { cancelled: true };
    },
    'report.save': async ({ auditId, format }) => {
      const data = loadAudit(db, auditId);
      if (data.audit.status !== 'complete') throw new InputError(`audit ${auditId} was ${data.audit.status}; it has no findings to report`);
      const target = await host.chooseReportPath(reportFileName(data.audit, format), format);
      if (!target) return { path: null };
      const work = loadReportWork(db, auditId, checklists());
      const html = renderReportHtml({ ...data, catalog: catalog(), work, generatedAt: new Date().toISOString(), version: deps.version });
      const bytes = format === 'pdf' ? await host.htmlToPdf(html) : Buffer.from(html, 'utf8');
      await writeFileAtomic(path.resolve(target), bytes);
      return { path: target };
    },
    ...createWorkHandlers(deps, liveOptions, checklists),
  };
}
