import type { Status } from '../checks/types';
import { NotFoundError } from '../errors';
import { getAudit, type AuditRecord } from '../store/audits';
import type { Db } from '../store/db';
import { getFinding, type StoredFinding } from '../store/findings';
import type { Checklist } from './checklist-schema';
import type { ChecklistCatalogue } from './checklists';

/** Findings that get a checklist to work: what failed, and what could not be known. */
export const WORKED_STATUSES: ReadonlySet<Status> = new Set<Status>(['fail', 'unknown']);

/** Keeps the checklist of a check as it is now, for this audit, once. */
export function snapshotChecklist(db: Db, auditId: string, checkId: string, catalogue: ChecklistCatalogue): void {
  const c = catalogue.checklists.get(checkId);
  if (!c) return;
  db.prepare('INSERT OR IGNORE INTO audit_checklists (audit_id, check_id, version, checklist_json) VALUES (?, ?, ?, ?)').run(auditId, checkId, c.version, JSON.stringify(c));
}

/** The checklist this audit is worked with: its own copy, or (an audit made before checklists were kept) the current one. */
export function auditChecklist(db: Db, auditId: string, checkId: string, catalogue: ChecklistCatalogue): Checklist | undefined {
  const row = db.prepare('SELECT checklist_json FROM audit_checklists WHERE audit_id = ? AND check_id = ?').get(auditId, checkId) as { checklist_json: string } | undefined;
  return row ? (JSON.parse(row.checklist_json) as Checklist) : catalogue.checklists.get(checkId);
}

export function requireAudit(db: Db, auditId: string): AuditRecord {
  const a = getAudit(db, auditId);
  if (!a) throw new NotFoundError(`no audit ${auditId} in this database`);
  return a;
}

export function requireFinding(db: Db, auditId: string, seq: number): StoredFinding {
  requireAudit(db, auditId);
  const f = getFinding(db, auditId, seq);
  if (!f) throw new NotFoundError(`audit ${auditId} has no finding ${seq}`);
  return f;
}

export interface WorkRow {
  carry: 'first' | 'new' | 'still_open' | 'fixed';
  carried_from: string | null;
  assignee: string | null;
  due_date: string | null;
  closed_at: string | null;
  revision: number;
}

/** Where a worked finding without a row of its own stands: new when the audit has a previous one, first otherwise. */
export function defaultCarry(db: Db, auditId: string): { carry: 'first' | 'new'; carriedFrom: string | null } {
  const r = db.prepare('SELECT previous_audit_id AS prev FROM audits WHERE id = ?').get(auditId) as { prev: string | null } | undefined;
  return r?.prev ? { carry: 'new', carriedFrom: r.prev } : { carry: 'first', carriedFrom: null };
}

export const workRow = (db: Db, auditId: string, seq: number) =>
  db.prepare('SELECT carry, carried_from, assignee, due_date, closed_at, revision FROM finding_work WHERE audit_id = ? AND finding_seq = ?').get(auditId, seq) as
    | WorkRow
    | undefined;

/**
 * The finding's work row, made on its first change (and for an audit stored before
 * remediation was kept, its checklist is then the current one, kept from now on).
 */
export function ensureWork(db: Db, auditId: string, seq: number, catalogue: ChecklistCatalogue): { finding: StoredFinding; work: WorkRow } {
  const finding = requireFinding(db, auditId, seq);
  let work = workRow(db, auditId, seq);
  if (!work) {
    if (!WORKED_STATUSES.has(finding.status)) throw new NotFoundError(`finding ${seq} of audit ${auditId} passed (or does not apply): it has no checklist to work`);
    snapshotChecklist(db, auditId, finding.checkId, catalogue);
    const { carry, carriedFrom } = defaultCarry(db, auditId);
    db.prepare('INSERT INTO finding_work (audit_id, finding_seq, carry, carried_from) VALUES (?, ?, ?, ?)').run(auditId, seq, carry, carriedFrom);
    work = workRow(db, auditId, seq)!;
  }
  return { finding, work };
}
