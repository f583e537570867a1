import type { Database } from 'better-sqlite3';

/** The first schema: audits, their sources and their findings. */
export function migrate001(db: Database): void {
  db.exec(`
    CREATE TABLE audits (
      id TEXT PRIMARY KEY,
      jurisdiction TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('complete', 'cancelled', 'failed')),
      started_at TEXT NOT NULL,
      finished_at TEXT
    ) STRICT;
    CREATE TABLE sources (
      audit_id TEXT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      kind TEXT NOT NULL,
      ref TEXT NOT NULL,
      PRIMARY KEY (audit_id, seq)
    ) STRICT;
    CREATE TABLE findings (
      audit_id TEXT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      check_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('fail', 'pass', 'unknown', 'not_applicable')),
      severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
      resource_type TEXT NOT NULL,
      resource_id TEXT NOT NULL,
      resource_name TEXT NOT NULL,
      title TEXT NOT NULL,
      detail TEXT NOT NULL,
      evidence_json TEXT NOT NULL,
      references_json TEXT NOT NULL,
      PRIMARY KEY (audit_id, seq),
      UNIQUE (audit_id, check_id, resource_id)
    ) STRICT;
  `);
}
