import type { Db } from './db';

export type AuditStatus = 'complete' | 'cancelled' | 'failed';

export interface AuditRecord {
  id: string;
  jurisdiction: string;
  auditor: string;
  status: AuditStatus;
  startedAt: string;
  finishedAt: string | null;
  checksVersion: string;
  accountId: string;
  collectedAt: string | null;
}

interface Row {
  id: string;
  jurisdiction: string;
  auditor: string;
  status: AuditStatus;
  started_at: string;
  finished_at: string | null;
  checks_version: string;
  account_id: string;
  collected_at: string | null;
}

const fromRow = (r: Row): AuditRecord => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  auditor: r.auditor,
  status: r.status,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  checksVersion: r.checks_version,
  accountId: r.account_id,
  collectedAt: r.collected_at,
});

export function insertAudit(db: Db, a: AuditRecord): void {
  db.prepare(
    `INSERT INTO audits (id, jurisdiction, auditor, status, started_at, finished_at, checks_version, account_id, collected_at)
     VALUES (@id, @jurisdiction, @auditor, @status, @startedAt, @finishedAt, @checksVersion, @accountId, @collectedAt)`,
  ).run(a);
}

export function getAudit(db: Db, id: string): AuditRecord | undefined {
  const r = db.prepare('SELECT * FROM audits WHERE id = ?').get(id) as Row | undefined;
  return r && fromRow(r);
}

export function listAudits(db: Db): AuditRecord[] {
  return (db.prepare('SELECT * FROM audits ORDER BY started_at DESC, id').all() as Row[]).map(fromRow);
}
