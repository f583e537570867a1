import { severityRank } from '../checks/engine';
import type { Severity, Status } from '../checks/types';
import type { Db } from '../store/db';
import { listFindings } from '../store/findings';
import type { ChecklistCatalogue } from './checklists';
import { isOverdue, settled, workStatus, type StepState, type WorkStatus } from './work';
import { auditChecklist, defaultCarry, requireAudit, WORKED_STATUSES } from './work-store';

export interface BoardItem {
  seq: number;
  checkId: string;
  title: string;
  severity: Severity;
  findingStatus: Status;
  resourceName: string;
  carry: 'first' | 'new' | 'still_open' | 'fixed';
  status: WorkStatus;
  assignee: string | null;
  dueDate: string | null;
  overdue: boolean;
  stepsSettled: number;
  stepsTotal: number;
  blockedSteps: number;
}

export interface Board {
  auditId: string;
  items: BoardItem[];
  totals: Record<WorkStatus, number> & { overdue: number; blocked: number; fixedSinceLastAudit: number };
  /** Steps settled over all steps, and findings closed over all worked findings. */
  progress: { stepsSettled: number; stepsTotal: number; closed: number; findings: number };
}

const STATUS_ORDER: WorkStatus[] = ['open', 'in_progress', 'ready_to_sign', 'signed_off', 'fixed'];

/**
 * The remediation board: every worked finding with its priority (severity), where it stands,
 * who has it and by when; most severe first, then the least advanced.
 */
export function getBoard(db: Db, auditId: string, catalogue: ChecklistCatalogue, now = new Date()): Board {
  requireAudit(db, auditId);
  const work = new Map(
    (
      db.prepare('SELECT finding_seq, carry, assignee, due_date, closed_at FROM finding_work WHERE audit_id = ?').all(auditId) as Array<{
        finding_seq: number;
        carry: BoardItem['carry'];
        assignee: string | null;
        due_date: string | null;
        closed_at: string | null;
      }>
    ).map((w) => [w.finding_seq, w]),
  );
  const states = new Map<number, Map<number, StepState>>();
  for (const r of db.prepare('SELECT finding_seq, step, state FROM step_states WHERE audit_id = ?').all(auditId) as Array<{ finding_seq: number; step: number; state: StepState }>) {
    if (!states.has(r.finding_seq)) states.set(r.finding_seq, new Map());
    states.get(r.finding_seq)!.set(r.step, r.state);
  }
  const signed = new Set((db.prepare('SELECT finding_seq FROM signoffs WHERE audit_id = ?').all(auditId) as Array<{ finding_seq: number }>).map((r) => r.finding_seq));
  const stepsOf = new Map<string, number[]>();
  const unworked = defaultCarry(db, auditId).carry;

  const items: BoardItem[] = [];
  for (const f of listFindings(db, auditId)) {
    const w = work.get(f.seq);
    if (!w && !WORKED_STATUSES.has(f.status)) continue;
    if (!stepsOf.has(f.checkId)) stepsOf.set(f.checkId, auditChecklist(db, auditId, f.checkId, catalogue)?.steps.map((s) => s.n) ?? []);
    // A finding fixed since the last audit has nothing left to do: its steps count as settled.
    const fixedBefore = w?.carry === 'fixed';
    const steps = stepsOf.get(f.checkId)!.map((n) => ({ n, state: fixedBefore ? 'done' : (states.get(f.seq)?.get(n) ?? 'open') }) as { n: number; state: StepState });
    const closedAt = w?.closed_at ?? null;
    items.push({
      seq: f.seq,
      checkId: f.checkId,
      title: f.title,
      severity: f.severity,
      findingStatus: f.status,
      resourceName: f.resource.name,
      carry: w?.carry ?? unworked,
      status: workStatus(
        steps.map((s) => ({ ...s, reason: '', revision: 0, updatedAt: null, updatedBy: null })),
        signed.has(f.seq),
        closedAt,
      ),
      assignee: w?.assignee ?? null,
      dueDate: w?.due_date ?? null,
      overdue: isOverdue(w?.due_date ?? null, !!closedAt, now),
      stepsSettled: steps.filter((s) => settled(s.state)).length,
      stepsTotal: steps.length,
      blockedSteps: steps.filter((s) => s.state === 'blocked').length,
    });
  }
  items.sort(
    (a, b) =>
      Number(a.status === 'fixed') - Number(b.status === 'fixed') ||
      severityRank(a.severity) - severityRank(b.severity) ||
      Number(b.overdue) - Number(a.overdue) ||
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      a.seq - b.seq,
  );
  const totals = { open: 0, in_progress: 0, ready_to_sign: 0, signed_off: 0, fixed: 0, overdue: 0, blocked: 0, fixedSinceLastAudit: 0 };
  for (const i of items) {
    totals[i.status]++;
    if (i.overdue) totals.overdue++;
    if (i.blockedSteps) totals.blocked++;
    if (i.carry === 'fixed') totals.fixedSinceLastAudit++;
  }
  return {
    auditId,
    items,
    totals,
    progress: {
      stepsSettled: items.reduce((n, i) => n + i.stepsSettled, 0),
      stepsTotal: items.reduce((n, i) => n + i.stepsTotal, 0),
      closed: totals.fixed,
      findings: items.length,
    },
  };
}
