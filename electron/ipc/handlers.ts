import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { catalog, CHECKS_VERSION } from '../core/checks/registry';
import { readingOrder } from '../core/checks/engine';
import { inspectEvidence } from '../core/collect/evidence-source';
import { InputError, NotFoundError } from '../core/errors';
import { renderReportHtml } from '../core/report/html';
import { runScan } from '../core/scan/scan';
import { summarize } from '../core/scan/summary';
import { getAudit, listAudits, type AuditRecord } from '../core/store/audits';
import type { Db } from '../core/store/db';
import { countFindings, listFindings } from '../core/store/findings';
import { listSources } from '../core/store/sources';
import { writeFileAtomic } from '../core/fs-atomic';
import type { Host } from './host';
import { toCallError, type Handlers } from './router';

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

export function createHandlers(deps: HandlerDeps): Handlers {
  const { db, host } = deps;
  const scans = new Map<string, AbortController>();

  return {
    'app.info': () => ({ version: deps.version, checksVersion: CHECKS_VERSION, dataDir: deps.dataDir }),
    'checks.catalog': () => catalog(),
    'audits.list': () => listAudits(db).map((a) => withDetails(db, a)),
    'audits.get': ({ auditId }) => loadAudit(db, auditId),
    'sources.chooseEvidence': async ({ pick }) => ({ path: await host.chooseEvidence(pick) }),
    'sources.inspectEvidence': ({ path: p }) => inspectEvidence(p),
    'scan.start': async (req, ctx) => {
      // Bad evidence is refused here, before the scan starts and before anything is written.
      for (const s of req.sources) if (s.kind === 'evidence') await inspectEvidence(s.path);
      const scanId = randomBytes(8).toString('hex');
      const ac = new AbortController();
      scans.set(scanId, ac);
      void runScan(db, req, {
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
    'report.save': async ({ auditId, format }) => {
      const data = loadAudit(db, auditId);
      if (data.audit.status !== 'complete') throw new InputError(`audit ${auditId} was ${data.audit.status}; it has no findings to report`);
      const target = await host.chooseReportPath(reportFileName(data.audit, format), format);
      if (!target) return { path: null };
      const html = renderReportHtml({ ...data, catalog: catalog(), generatedAt: new Date().toISOString(), version: deps.version });
      const bytes = format === 'pdf' ? await host.htmlToPdf(html) : Buffer.from(html, 'utf8');
      await writeFileAtomic(path.resolve(target), bytes);
      return { path: target };
    },
  };
}
