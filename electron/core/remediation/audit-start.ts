import type { AuditRecord } from '../store/audits';
import { appendLog } from '../store/audit-log';
import type { Db } from '../store/db';
import type { Status } from '../checks/types';
import type { ChecklistCatalogue } from './checklists';
import { snapshotChecklist, WORKED_STATUSES } from './work-store';

export type Carry = 'first' | 'new' | 'still_open' | 'fixed';

const norm = (j: string) => j.trim().toLowerCase().replace(/\s+/g, ' ');

/** The latest complete audit of the same jurisdiction made before this one. */
export function previousAudit(db: Db, audit: Pick<AuditRecord, 'id' | 'jurisdiction' | 'startedAt'>): string | null {
  const rows = db
    .prepare("SELECT id, jurisdiction FROM audits WHERE status = 'complete' AND id != ? AND started_at <= ? ORDER BY started_at DESC, id DESC")
    .all(audit.id, audit.startedAt) as Array<{ id: string; jurisdiction: string }>;
  return rows.find((r) => norm(r.jurisdiction) === norm(audit.jurisdiction))?.id ?? null;
}

/** What matching needs of a finding; the whole rows (evidence and all) of 100,000 findings would cost seconds and hundreds of MB. */
interface FindingKey {
  seq: number;
  checkId: string;
  resourceId: string;
  status: Status;
}
const findingKeys = (db: Db, auditId: string) =>
  db.prepare('SELECT seq, check_id AS checkId, resource_id AS resourceId, status FROM findings WHERE audit_id = ? ORDER BY seq').all(auditId) as FindingKey[];

const key = (f: FindingKey) => `${f.checkId}\u0000${f.resourceId}`;

interface PrevWork {
  seq: number;
  closed: boolean;
  assignee: string | null;
  dueDate: string | null;
}

/**
 * Called in the transaction that stores a new complete audit: keeps the checklists it will be
 * worked with, opens work on every failing or unknown finding, and matches the findings to
 * the jurisdiction's previous audit — new, still open (its progress carried over), or fixed.
 */
export function startRemediation(db: Db, audit: AuditRecord, catalogue: ChecklistCatalogue, actor: string): void {
  const prevId = previousAudit(db, audit);
  db.prepare('UPDATE audits SET checklists_version = ?, previous_audit_id = ? WHERE id = ?').run(catalogue.version, prevId, audit.id);

  const prevFindings = new Map<string, FindingKey>();
  const prevWork = new Map<number, PrevWork>();
  if (prevId) {
    for (const f of findingKeys(db, prevId)) prevFindings.set(key(f), f);
    for (const w of db.prepare('SELECT finding_seq, closed_at, assignee, due_date FROM finding_work WHERE audit_id = ?').all(prevId) as Array<{
      finding_seq: number;
      closed_at: string | null;
      assignee: string | null;
      due_date: string | null;
    }>) {
      prevWork.set(w.finding_seq, { seq: w.finding_seq, closed: w.closed_at !== null, assignee: w.assignee, dueDate: w.due_date });
    }
  }

  const insertWork = db.prepare(
    'INSERT INTO finding_work (audit_id, finding_seq, carry, carried_from, assignee, due_date, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const counts: Record<Carry, number> = { first: 0, new: 0, still_open: 0, fixed: 0 };
  const findings = findingKeys(db, audit.id);
  const snapshotted = new Set<string>();
  for (const f of findings) {
    const prev = prevFindings.get(key(f));
    const prevFailing = prev !== undefined && WORKED_STATUSES.has(prev.status);
    const pw = prev && prevWork.get(prev.seq);
    if (WORKED_STATUSES.has(f.status)) {
      if (!snapshotted.has(f.checkId)) {
        snapshotted.add(f.checkId);
        snapshotChecklist(db, audit.id, f.checkId, catalogue);
      }
      // A finding closed last time that fails again starts over: it is new, not carried.
      const carry: Carry = !prevId ? 'first' : prevFailing && !pw?.closed ? 'still_open' : 'new';
      counts[carry]++;
      // A new (or first) finding gets its work row on its first change (ensureWork): a 10,000-bucket
      // account has over 100,000 findings to work, and writing a row for each would cost a second.
      if (carry === 'still_open' && prev) {
        insertWork.run(audit.id, f.seq, carry, prevId, pw?.assignee ?? null, pw?.dueDate ?? null, null);
        carryProgress(db, prevId!, prev.seq, audit.id, f.seq, f.checkId);
      }
    } else if (prevFailing && f.status === 'pass') {
      counts.fixed++;
      insertWork.run(audit.id, f.seq, 'fixed', prevId, pw?.assignee ?? null, null, audit.finishedAt ?? audit.startedAt);
    }
  }
  appendLog(db, {
    at: audit.finishedAt ?? audit.startedAt,
    actor,
    action: 'audit.created',
    auditId: audit.id,
    payload: {
      jurisdiction: audit.jurisdiction,
      checksVersion: audit.checksVersion,
      checklistsVersion: catalogue.version,
      previousAuditId: prevId,
      findings: findings.length,
      carried: counts,
    },
  });
}

/**
 * Copies a still-open finding's steps, notes and attachments from the previous audit. Steps
 * are matched by number when the checklist version is the same, by title otherwise (a newer
 * checklist may have renumbered them); a step with no match starts open.
 */
function carryProgress(db: Db, fromAudit: string, fromSeq: number, toAudit: string, toSeq: number, checkId: string): void {
  const versions = db
    .prepare('SELECT audit_id, version, checklist_json FROM audit_checklists WHERE check_id = ? AND audit_id IN (?, ?)')
    .all(checkId, fromAudit, toAudit) as Array<{ audit_id: string; version: string; checklist_json: string }>;
  const from = versions.find((v) => v.audit_id === fromAudit);
  const to = versions.find((v) => v.audit_id === toAudit);
  const stepsOld = db
    .prepare('SELECT step, state, reason, revision, updated_at, updated_by FROM step_states WHERE audit_id = ? AND finding_seq = ?')
    .all(fromAudit, fromSeq) as Array<{ step: number; state: string; reason: string; revision: number; updated_at: string; updated_by: string }>;
  const insertStep = db.prepare(
    'INSERT INTO step_states (audit_id, finding_seq, step, state, reason, revision, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  if (from && to) {
    const titlesOld = new Map((JSON.parse(from.checklist_json) as { steps: Array<{ n: number; title: string }> }).steps.map((s) => [s.n, s.title]));
    const byTitleNew = new Map((JSON.parse(to.checklist_json) as { steps: Array<{ n: number; title: string }> }).steps.map((s) => [s.title, s.n]));
    for (const s of stepsOld) {
      const n = from.version === to.version ? s.step : byTitleNew.get(titlesOld.get(s.step) ?? '');
      if (n !== undefined) insertStep.run(toAudit, toSeq, n, s.state, s.reason, s.revision, s.updated_at, s.updated_by);
    }
  }
  db.prepare('INSERT INTO notes (audit_id, finding_seq, at, author, text) SELECT ?, ?, at, author, text FROM notes WHERE audit_id = ? AND finding_seq = ? ORDER BY id').run(
    toAudit,
    toSeq,
    fromAudit,
    fromSeq,
  );
  db.prepare(
    'INSERT INTO attachments (audit_id, finding_seq, at, added_by, name, stored_name, size, sha256) SELECT ?, ?, at, added_by, name, stored_name, size, sha256 FROM attachments WHERE audit_id = ? AND finding_seq = ? ORDER BY id',
  ).run(toAudit, toSeq, fromAudit, fromSeq);
}
