import type { ChecklistCatalogue } from '../remediation/checklists';
import { getFindingWork, type FindingWork } from '../remediation/work';
import { WORKED_STATUSES } from '../remediation/work-store';
import type { Db } from '../store/db';
import { listFindings } from '../store/findings';

/** The remediation of each finding the report prints a checklist for (failing or unknown), by finding number. */
export type ReportWork = ReadonlyMap<number, FindingWork>;

/** Reads the work on every failing or unknown finding of an audit: checklist and step states, people, files, attempts, sign-off. */
export function loadReportWork(db: Db, auditId: string, catalogue: ChecklistCatalogue, now = new Date()): ReportWork {
  const work = new Map<number, FindingWork>();
  for (const f of listFindings(db, auditId)) {
    if (WORKED_STATUSES.has(f.status)) work.set(f.seq, getFindingWork(db, auditId, f.seq, catalogue, now));
  }
  return work;
}
