import type { Finding } from '../checks/types';
import type { AuditRecord } from '../store/audits';
import type { SourceRecord } from '../store/sources';

export const FINDINGS_FORMAT = 'canvass-findings/1';

/** The canvass-findings/1 document of design.md section 5. */
export function findingsDocument(version: string, audit: AuditRecord, sources: SourceRecord[], findings: Finding[]) {
  return {
    format: FINDINGS_FORMAT,
    tool: { name: 'canvass', version },
    audit: {
      id: audit.id,
      jurisdiction: audit.jurisdiction,
      auditor: audit.auditor,
      startedAt: audit.startedAt,
      finishedAt: audit.finishedAt,
      status: audit.status,
      checksVersion: audit.checksVersion,
      sources: sources.map((s) => ({ kind: s.kind, ref: s.ref })),
    },
    findings: findings.map((f) => ({
      checkId: f.checkId,
      status: f.status,
      severity: f.severity,
      resource: f.resource,
      title: f.title,
      detail: f.detail,
      evidence: f.evidence,
      references: f.references,
    })),
  };
}
