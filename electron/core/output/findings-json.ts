import type { Finding } from '../checks/types';
import type { AuditRecord } from '../store/audits';
import type { SourceRecord } from '../store/sources';

export const FINDINGS_FORMAT = 'canvass-findings/1';

/**
 * The canvass-findings/1 document of design.md section 5, as text in pieces of a thousand
 * findings, for writing as it is made: the findings of a 10,000-bucket account are 150 MB
 * of JSON, which need not be one string. The text is what JSON.stringify(document, null, 2)
 * gives.
 */
export function* findingsJsonText(version: string, audit: AuditRecord, sources: SourceRecord[], findings: Finding[]): Generator<string> {
  const head = JSON.stringify(documentHead(version, audit, sources), null, 2);
  yield `${head.slice(0, head.lastIndexOf('\n}'))},\n  "findings": [`;
  // Stringified a thousand at a time inside a stand-in of the document, so that JSON.stringify
  // itself indents them at the depth they have there (faster than re-indenting each one).
  const open = '{\n  "findings": [';
  const close = '\n  ]\n}';
  for (let i = 0; i < findings.length; i += CHUNK) {
    const text = JSON.stringify({ findings: findings.slice(i, i + CHUNK).map(findingEntry) }, null, 2);
    yield `${i ? ',' : ''}${text.slice(open.length, text.length - close.length)}`;
  }
  yield `${findings.length ? '\n  ' : ''}]\n}\n`;
}

const CHUNK = 1000;

function documentHead(version: string, audit: AuditRecord, sources: SourceRecord[]) {
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
  };
}

const findingEntry = (f: Finding) => ({
  checkId: f.checkId,
  status: f.status,
  severity: f.severity,
  resource: f.resource,
  title: f.title,
  detail: f.detail,
  evidence: f.evidence,
  references: f.references,
});
