import type { Database } from 'better-sqlite3';

/** Who ran the audit, which check catalogue it used, and the inventory's resources. */
export function migrate002(db: Database): void {
  db.exec(`
    ALTER TABLE audits ADD COLUMN auditor TEXT NOT NULL DEFAULT '';
    ALTER TABLE audits ADD COLUMN checks_version TEXT NOT NULL DEFAULT '';
    ALTER TABLE audits ADD COLUMN account_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE audits ADD COLUMN collected_at TEXT;
    CREATE TABLE resources (
      audit_id TEXT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
      type TEXT NOT NULL,
      id TEXT NOT NULL,
      name TEXT NOT NULL,
      region TEXT,
      PRIMARY KEY (audit_id, type, id)
    ) STRICT;
    CREATE INDEX findings_by_status ON findings(audit_id, status, severity);
  `);
}
