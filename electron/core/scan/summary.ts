import type { Finding, Severity } from '../checks/types';

export interface AuditSummary {
  buckets: number;
  /** Buckets anyone on the internet can read objects of. */
  publicRead: string[];
  publicWrite: string[];
  publicList: string[];
  voterData: string[];
  /** The worst case: voter data anyone can read. */
  publicVoterData: string[];
  /** Buckets whose exposure could not be determined. */
  exposureUnknown: string[];
  counts: { fail: number; pass: number; unknown: number; not_applicable: number };
  failsBySeverity: Record<Severity, number>;
}

const names = (fs: Finding[], check: string, status: Finding['status']) =>
  [...new Set(fs.filter((f) => f.checkId === check && f.status === status).map((f) => f.resource.name))].sort();

export function summarize(findings: Finding[]): AuditSummary {
  const publicRead = names(findings, 's3.bucket.public-read', 'fail');
  const voterData = names(findings, 's3.bucket.voter-data', 'fail');
  const exposureUnknown = [
    ...new Set(
      findings
        .filter((f) => ['s3.bucket.public-read', 's3.bucket.public-list', 's3.bucket.public-write'].includes(f.checkId) && f.status === 'unknown')
        .map((f) => f.resource.name),
    ),
  ].sort();
  const counts = { fail: 0, pass: 0, unknown: 0, not_applicable: 0 };
  const failsBySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) {
    counts[f.status]++;
    if (f.status === 'fail') failsBySeverity[f.severity]++;
  }
  return {
    buckets: new Set(findings.filter((f) => f.resource.type === 'bucket').map((f) => f.resource.id)).size,
    publicRead,
    publicWrite: names(findings, 's3.bucket.public-write', 'fail'),
    publicList: names(findings, 's3.bucket.public-list', 'fail'),
    voterData,
    publicVoterData: publicRead.filter((b) => voterData.includes(b)),
    exposureUnknown,
    counts,
    failsBySeverity,
  };
}
