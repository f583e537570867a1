import type { Finding } from '../checks/types';
import type { AuditRecord } from '../store/audits';
import { appendLog } from '../store/audit-log';
import type { Db } from '../store/db';
import type { ChecklistCatalogue } from './checklists';
import { snapshotChecklist, WORKED_STATUSES } from './work-store';

type Carry = 'first' | 'new' | 'still_open' | 'fixed';

const norm = (j: string) => j.trim().toLowerCase().replace(/\s+/g, ' ');

/** The latest complete audit of the same jurisdiction made before this one. */
function previousAudit(db: Db, audit: Pick<AuditRecord, 'id' | 'jurisdiction' | 'startedAt'>): string | null {
  const rows = db
    .prepare("SELECT id, jurisdiction FROM audits WHERE status = 'complete' AND id != ? AND started_at <= ? ORDER BY started_at DESC, id DESC")
    .all(audit.id, audit.startedAt) as Array<{ id: string; jurisdiction: string }>;
  return rows.find((r) => norm(r.jurisdiction) === norm(audit.jurisdiction))?.id ?? null;
}

/** The statuses a checklist is worked for, as an SQL list. */
const WORKED = `(${[...WORKED_STATUSES].map((s) => `'${s}'`).join(', ')})`;

/**
 * Called in the transaction that stores a new complete audit: keeps the checklists it will be
 * worked with, and matches the findings to the jurisdiction's previous audit — new, still
 * open (its progress carried over), or fixed. Set-wise in SQL: a 10,000-bucket account has
 * over 100,000 findings to match, and a query per finding would take longer than the scan.
 * New (or first) findings get their work row on their first change (ensureWork).
 * `findings` are the ones just stored for this audit.
 */
export function startRemediation(
  db: Db,
  audit: AuditRecord,
  findings: ReadonlyArray<Pick<Finding, 'checkId' | 'status'>>,
  catalogue: ChecklistCatalogue,
  actor: string,
): void {
  const prev = previousAudit(db, audit);
  const ids = { cur: audit.id, prev };
  db.prepare('UPDATE audits SET checklists_version = ?, previous_audit_id = ? WHERE id = ?').run(catalogue.version, prev, audit.id);
  // Counted from the findings just stored rather than read back: 200,000 rows for 10,000 buckets.
  const workedChecks = new Set<string>();
  let worked = 0;
  for (const f of findings) {
    if (!WORKED_STATUSES.has(f.status)) continue;
    workedChecks.add(f.checkId);
    worked++;
  }
  for (const checkId of workedChecks) snapshotChecklist(db, audit.id, checkId, catalogue);
  const counts: Record<Carry, number> = { first: prev ? 0 : worked, new: 0, still_open: 0, fixed: 0 };

  if (prev) {
    // Still open: failing (or unknown) in both audits, and not closed by a verified fix last time
    // (one that fails again starts over as new).
    db.exec('CREATE TEMP TABLE IF NOT EXISTS carry_map (prev_seq INTEGER NOT NULL, cur_seq INTEGER NOT NULL, check_id TEXT NOT NULL)');
    db.exec('DELETE FROM temp.carry_map');
    db.prepare(
      `INSERT INTO temp.carry_map (prev_seq, cur_seq, check_id)
       SELECT p.seq, c.seq, c.check_id FROM findings c
       JOIN findings p ON p.audit_id = @prev AND p.check_id = c.check_id AND p.resource_id = c.resource_id
       LEFT JOIN finding_work pw ON pw.audit_id = @prev AND pw.finding_seq = p.seq
       WHERE c.audit_id = @cur AND c.status IN ${WORKED} AND p.status IN ${WORKED} AND pw.closed_at IS NULL`,
    ).run(ids);
    counts.still_open = db
      .prepare(
        `INSERT INTO finding_work (audit_id, finding_seq, carry, carried_from, assignee, due_date)
         SELECT @cur, m.cur_seq, 'still_open', @prev, pw.assignee, pw.due_date FROM temp.carry_map m
         LEFT JOIN finding_work pw ON pw.audit_id = @prev AND pw.finding_seq = m.prev_seq`,
      )
      .run(ids).changes;
    counts.new = worked - counts.still_open;
    carrySteps(db, prev, audit.id);
    db.prepare(
      `INSERT INTO notes (audit_id, finding_seq, at, author, text)
       SELECT @cur, m.cur_seq, n.at, n.author, n.text FROM temp.carry_map m
       JOIN notes n ON n.audit_id = @prev AND n.finding_seq = m.prev_seq ORDER BY m.cur_seq, n.id`,
    ).run(ids);
    db.prepare(
      `INSERT INTO attachments (audit_id, finding_seq, at, added_by, name, stored_name, size, sha256)
       SELECT @cur, m.cur_seq, a.at, a.added_by, a.name, a.stored_name, a.size, a.sha256 FROM temp.carry_map m
       JOIN attachments a ON a.audit_id = @prev AND a.finding_seq = m.prev_seq ORDER BY m.cur_seq, a.id`,
    ).run(ids);
    // Fixed since the last audit: failing (or unknown) then, passing now.
    counts.fixed = db
      .prepare(
        `INSERT INTO finding_work (audit_id, finding_seq, carry, carried_from, assignee, closed_at)
         SELECT @cur, c.seq, 'fixed', @prev, pw.assignee, @at FROM findings c
         JOIN findings p ON p.audit_id = @prev AND p.check_id = c.check_id AND p.resource_id = c.resource_id
         LEFT JOIN finding_work pw ON pw.audit_id = @prev AND pw.finding_seq = p.seq
         WHERE c.audit_id = @cur AND c.status = 'pass' AND p.status IN ${WORKED}`,
      )
      .run({ ...ids, at: audit.finishedAt ?? audit.startedAt }).changes;
    db.exec('DELETE FROM temp.carry_map');
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
      previousAuditId: prev,
      findings: findings.length,
      carried: counts,
    },
  });
}

/**
 * The still-open findings' step states, copied by step number where the checklist version is
 * the same in both audits, and by step title where it changed (a newer checklist may have
 * renumbered its steps); a step with no match starts open.
 */
function carrySteps(db: Db, prev: string, cur: string): void {
  const ids = { prev, cur };
  db.prepare(
    `INSERT INTO step_states (audit_id, finding_seq, step, state, reason, revision, updated_at, updated_by)
     SELECT @cur, m.cur_seq, s.step, s.state, s.reason, s.revision, s.updated_at, s.updated_by FROM temp.carry_map m
     JOIN audit_checklists a ON a.audit_id = @prev AND a.check_id = m.check_id
     JOIN audit_checklists b ON b.audit_id = @cur AND b.check_id = m.check_id AND b.version = a.version
     JOIN step_states s ON s.audit_id = @prev AND s.finding_seq = m.prev_seq`,
  ).run(ids);
  const changed = db
    .prepare(
      `SELECT a.check_id AS checkId, a.checklist_json AS before, b.checklist_json AS after FROM audit_checklists a
       JOIN audit_checklists b ON b.audit_id = @cur AND b.check_id = a.check_id AND b.version != a.version WHERE a.audit_id = @prev`,
    )
    .all(ids) as Array<{ checkId: string; before: string; after: string }>;
  const insert = db.prepare(
    'INSERT INTO step_states (audit_id, finding_seq, step, state, reason, revision, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const c of changed) {
    const titles = (json: string) => (JSON.parse(json) as { steps: Array<{ n: number; title: string }> }).steps;
    const titleBefore = new Map(titles(c.before).map((s) => [s.n, s.title]));
    const stepAfter = new Map(titles(c.after).map((s) => [s.title, s.n]));
    const rows = db
      .prepare(
        `SELECT m.cur_seq AS seq, s.step, s.state, s.reason, s.revision, s.updated_at AS at, s.updated_by AS by FROM temp.carry_map m
         JOIN step_states s ON s.audit_id = ? AND s.finding_seq = m.prev_seq WHERE m.check_id = ?`,
      )
      .all(prev, c.checkId) as Array<{ seq: number; step: number; state: string; reason: string; revision: number; at: string; by: string }>;
    for (const r of rows) {
      const n = stepAfter.get(titleBefore.get(r.step) ?? '');
      if (n !== undefined) insert.run(cur, r.seq, n, r.state, r.reason, r.revision, r.at, r.by);
    }
  }
}
