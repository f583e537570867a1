import { InputError } from '../errors';
import { appendLog } from '../store/audit-log';
import type { Db } from '../store/db';
import type { StoredFinding } from '../store/findings';
import { fillChecklist, placeholderValues, type ChecklistCatalogue, type FilledChecklist } from './checklists';
import { auditChecklist, defaultCarry, ensureWork, requireAudit, requireFinding, workRow, type WorkRow } from './work-store';

export const STEP_STATES = ['open', 'done', 'not_applicable', 'blocked'] as const;
export type StepState = (typeof STEP_STATES)[number];
/** Where a finding stands, from its steps, sign-off and verification. */
export type WorkStatus = 'open' | 'in_progress' | 'ready_to_sign' | 'signed_off' | 'fixed';

/** Someone else changed what this edit was based on: nothing was written; look again. */
export class ConflictError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export interface StepView {
  n: number;
  state: StepState;
  reason: string;
  /** Changes so far: an edit names the revision it saw, and is refused if another came first. */
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface FindingWork {
  auditId: string;
  finding: StoredFinding;
  carry: WorkRow['carry'];
  carriedFrom: string | null;
  checklist: (FilledChecklist & { version: string }) | null;
  steps: StepView[];
  assignee: string | null;
  dueDate: string | null;
  revision: number;
  status: WorkStatus;
  overdue: boolean;
  closedAt: string | null;
  notes: Array<{ id: number; at: string; author: string; text: string }>;
  attachments: Array<{ id: number; at: string; addedBy: string; name: string; size: number; sha256: string }>;
  signoff: { name: string; role: string; at: string } | null;
  verifications: Array<{ at: string; by: string; sourceKind: string; sourceRef: string; status: string; detail: string }>;
}

/** A step is settled when it is done or does not apply; a blocked step still needs someone. */
export const settled = (s: StepState) => s === 'done' || s === 'not_applicable';

export function workStatus(steps: StepView[], signed: boolean, closedAt: string | null): WorkStatus {
  if (closedAt) return 'fixed';
  if (signed) return 'signed_off';
  if (steps.length && steps.every((s) => settled(s.state))) return 'ready_to_sign';
  return steps.some((s) => s.state !== 'open') ? 'in_progress' : 'open';
}

export const isOverdue = (dueDate: string | null, closed: boolean, now: Date) => !!dueDate && !closed && dueDate < now.toISOString().slice(0, 10);

function stepViews(db: Db, auditId: string, seq: number, numbers: number[]): StepView[] {
  const rows = db
    .prepare('SELECT step, state, reason, revision, updated_at, updated_by FROM step_states WHERE audit_id = ? AND finding_seq = ?')
    .all(auditId, seq) as Array<{ step: number; state: StepState; reason: string; revision: number; updated_at: string; updated_by: string }>;
  const byStep = new Map(rows.map((r) => [r.step, r]));
  return numbers.map((n) => {
    const r = byStep.get(n);
    return r
      ? { n, state: r.state, reason: r.reason, revision: r.revision, updatedAt: r.updated_at, updatedBy: r.updated_by }
      : { n, state: 'open', reason: '', revision: 0, updatedAt: null, updatedBy: null };
  });
}

/**
 * Everything about working one finding: its filled-in checklist, step states, people, files and attempts.
 * `inputs` are the checklist's blanks (e.g. LOG_BUCKET) typed on the page so far: they only fill
 * in the commands and texts returned (shell-quoted; a bad value is an InputError) and are never stored.
 */
export function getFindingWork(
  db: Db,
  auditId: string,
  seq: number,
  catalogue: ChecklistCatalogue,
  now = new Date(),
  inputs: Readonly<Record<string, string>> = {},
): FindingWork {
  const audit = requireAudit(db, auditId);
  const finding = requireFinding(db, auditId, seq);
  const work = workRow(db, auditId, seq);
  const raw = auditChecklist(db, auditId, finding.checkId, catalogue);
  const values = placeholderValues(finding.resource, audit.accountId.includes(',') ? undefined : audit.accountId || undefined);
  const checklist = raw ? { ...fillChecklist(raw, values, inputs), version: raw.version } : null;
  const steps = checklist ? stepViews(db, auditId, seq, checklist.steps.map((s) => s.n)) : [];
  const signoff = (db.prepare('SELECT name, role, at FROM signoffs WHERE audit_id = ? AND finding_seq = ?').get(auditId, seq) as FindingWork['signoff'] | undefined) ?? null;
  const closedAt = work?.closed_at ?? null;
  const unworked = work ? undefined : defaultCarry(db, auditId);
  return {
    auditId,
    finding,
    carry: work?.carry ?? unworked!.carry,
    carriedFrom: work ? work.carried_from : unworked!.carriedFrom,
    checklist,
    steps,
    assignee: work?.assignee ?? null,
    dueDate: work?.due_date ?? null,
    revision: work?.revision ?? 0,
    status: workStatus(steps, !!signoff, closedAt),
    overdue: isOverdue(work?.due_date ?? null, !!closedAt, now),
    closedAt,
    notes: db.prepare('SELECT id, at, author, text FROM notes WHERE audit_id = ? AND finding_seq = ? ORDER BY id').all(auditId, seq) as FindingWork['notes'],
    attachments: db
      .prepare('SELECT id, at, added_by AS addedBy, name, size, sha256 FROM attachments WHERE audit_id = ? AND finding_seq = ? ORDER BY id')
      .all(auditId, seq) as FindingWork['attachments'],
    signoff,
    verifications: db
      .prepare('SELECT at, by, source_kind AS sourceKind, source_ref AS sourceRef, status, detail FROM verifications WHERE audit_id = ? AND finding_seq = ? ORDER BY id')
      .all(auditId, seq) as FindingWork['verifications'],
  };
}

export interface EditContext {
  catalogue: ChecklistCatalogue;
  /** Who is at the keyboard: recorded with the change and in the audit log. */
  actor: string;
  now?: () => Date;
}

const stamp = (c: EditContext) => (c.now ?? (() => new Date()))().toISOString();

function refuseIfSigned(db: Db, auditId: string, seq: number, what: string): void {
  const s = db.prepare('SELECT name, at FROM signoffs WHERE audit_id = ? AND finding_seq = ?').get(auditId, seq) as { name: string; at: string } | undefined;
  if (s) throw new InputError(`finding ${seq} was signed off by ${s.name} on ${s.at.slice(0, 10)}: reopen it before you ${what}`);
}

export interface StepEdit {
  auditId: string;
  seq: number;
  step: number;
  state: StepState;
  reason?: string;
  /** The step's revision the person saw; another change in between refuses this one. */
  expectedRevision: number;
}

/** Marks one step done, not applicable or blocked (both with a reason), or open again. */
export function setStep(db: Db, e: StepEdit, c: EditContext): StepView {
  const reason = (e.reason ?? '').trim();
  if ((e.state === 'not_applicable' || e.state === 'blocked') && !reason) {
    throw new InputError(`say why step ${e.step} is ${e.state === 'blocked' ? 'blocked' : 'not applicable'}: a reason is required`);
  }
  return db.transaction(() => {
    const { finding } = ensureWork(db, e.auditId, e.seq, c.catalogue);
    refuseIfSigned(db, e.auditId, e.seq, 'change its steps');
    const checklist = auditChecklist(db, e.auditId, finding.checkId, c.catalogue);
    if (!checklist?.steps.some((s) => s.n === e.step)) throw new InputError(`the checklist of finding ${e.seq} has no step ${e.step}`);
    const [current] = stepViews(db, e.auditId, e.seq, [e.step]);
    if (current.revision !== e.expectedRevision) {
      throw new ConflictError(
        `step ${e.step} was changed by ${current.updatedBy ?? 'someone'} at ${current.updatedAt ?? 'an earlier time'} (it is now "${current.state.replace('_', ' ')}") after you opened it; your change was not saved. Look at it again and repeat your change if it is still right.`,
      );
    }
    const at = stamp(c);
    const revision = current.revision + 1;
    const stored = e.state === 'done' || e.state === 'open' ? '' : reason;
    db.prepare(
      `INSERT INTO step_states (audit_id, finding_seq, step, state, reason, revision, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (audit_id, finding_seq, step) DO UPDATE SET state = excluded.state, reason = excluded.reason, revision = excluded.revision, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(e.auditId, e.seq, e.step, e.state, stored, revision, at, c.actor);
    appendLog(db, { at, actor: c.actor, action: 'step.set', auditId: e.auditId, findingSeq: e.seq, payload: { step: e.step, state: e.state, reason: stored, revision } });
    return { n: e.step, state: e.state, reason: stored, revision, updatedAt: at, updatedBy: c.actor };
  })();
}

export interface Assignment {
  auditId: string;
  seq: number;
  assignee: string | null;
  /** YYYY-MM-DD, or null for no due date. */
  dueDate: string | null;
  expectedRevision: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function assignFinding(db: Db, a: Assignment, c: EditContext): { revision: number } {
  const assignee = a.assignee?.trim() || null;
  if (a.dueDate !== null && (!DATE.test(a.dueDate) || Number.isNaN(Date.parse(`${a.dueDate}T00:00:00Z`)) || new Date(`${a.dueDate}T00:00:00Z`).toISOString().slice(0, 10) !== a.dueDate)) {
    throw new InputError(`the due date must be a calendar date like 2026-12-31 (got "${a.dueDate}")`);
  }
  return db.transaction(() => {
    const { work } = ensureWork(db, a.auditId, a.seq, c.catalogue);
    if (work.revision !== a.expectedRevision) {
      throw new ConflictError(
        `finding ${a.seq} was reassigned (now ${work.assignee ?? 'nobody'}${work.due_date ? `, due ${work.due_date}` : ''}) after you opened it; your change was not saved.`,
      );
    }
    const revision = work.revision + 1;
    db.prepare('UPDATE finding_work SET assignee = ?, due_date = ?, revision = ? WHERE audit_id = ? AND finding_seq = ?').run(assignee, a.dueDate, revision, a.auditId, a.seq);
    appendLog(db, { at: stamp(c), actor: c.actor, action: 'finding.assigned', auditId: a.auditId, findingSeq: a.seq, payload: { assignee, dueDate: a.dueDate, revision } });
    return { revision };
  })();
}

export function addNote(db: Db, n: { auditId: string; seq: number; text: string }, c: EditContext): { id: number } {
  const text = n.text.trim();
  if (!text) throw new InputError('the note is empty');
  return db.transaction(() => {
    ensureWork(db, n.auditId, n.seq, c.catalogue);
    const at = stamp(c);
    const id = Number(db.prepare('INSERT INTO notes (audit_id, finding_seq, at, author, text) VALUES (?, ?, ?, ?, ?)').run(n.auditId, n.seq, at, c.actor, text).lastInsertRowid);
    appendLog(db, { at, actor: c.actor, action: 'note.added', auditId: n.auditId, findingSeq: n.seq, payload: { noteId: id, text } });
    return { id };
  })();
}

/** Signs a finding off once every step is done or marked not applicable. */
export function signOff(db: Db, s: { auditId: string; seq: number; name: string; role: string }, c: EditContext): { at: string } {
  const name = s.name.trim();
  const role = s.role.trim();
  if (!name || !role) throw new InputError('a sign-off needs the name and the role of the person signing');
  return db.transaction(() => {
    const { finding } = ensureWork(db, s.auditId, s.seq, c.catalogue);
    refuseIfSigned(db, s.auditId, s.seq, 'sign it again');
    const checklist = auditChecklist(db, s.auditId, finding.checkId, c.catalogue);
    const steps = stepViews(db, s.auditId, s.seq, checklist?.steps.map((x) => x.n) ?? []);
    const unsettled = steps.filter((x) => !settled(x.state));
    if (unsettled.length) {
      throw new InputError(
        `finding ${s.seq} cannot be signed off yet: step${unsettled.length > 1 ? 's' : ''} ${unsettled.map((x) => `${x.n} (${x.state.replace('_', ' ')})`).join(', ')} must be done or marked not applicable first`,
      );
    }
    const at = stamp(c);
    db.prepare('INSERT INTO signoffs (audit_id, finding_seq, name, role, at) VALUES (?, ?, ?, ?, ?)').run(s.auditId, s.seq, name, role, at);
    appendLog(db, { at, actor: c.actor, action: 'finding.signed_off', auditId: s.auditId, findingSeq: s.seq, payload: { name, role } });
    return { at };
  })();
}

/** Withdraws a sign-off (a step must change, or the re-scan still fails); the log keeps both. */
export function reopenFinding(db: Db, r: { auditId: string; seq: number; reason: string }, c: EditContext): void {
  const reason = r.reason.trim();
  if (!reason) throw new InputError('say why the finding is reopened');
  db.transaction(() => {
    ensureWork(db, r.auditId, r.seq, c.catalogue);
    const gone = db.prepare('DELETE FROM signoffs WHERE audit_id = ? AND finding_seq = ?').run(r.auditId, r.seq).changes;
    const reopened = db.prepare('UPDATE finding_work SET closed_at = NULL WHERE audit_id = ? AND finding_seq = ? AND closed_at IS NOT NULL').run(r.auditId, r.seq).changes;
    if (!gone && !reopened) throw new InputError(`finding ${r.seq} is neither signed off nor closed: there is nothing to reopen`);
    appendLog(db, { at: stamp(c), actor: c.actor, action: 'finding.reopened', auditId: r.auditId, findingSeq: r.seq, payload: { reason } });
  })();
}
