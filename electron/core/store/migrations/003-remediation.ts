import type { Database } from 'better-sqlite3';

/**
 * Working the findings: the checklists an audit was worked with, each step's state, who the
 * finding is assigned to, notes, attachments, sign-off, verification attempts, the link to
 * the previous audit of the jurisdiction, and the hash-chained audit log.
 */
export function migrate003(db: Database): void {
  db.exec(`
    ALTER TABLE audits ADD COLUMN checklists_version TEXT NOT NULL DEFAULT '';
    ALTER TABLE audits ADD COLUMN previous_audit_id TEXT;

    -- The checklists as they were when the audit was made: an update of Canvass never changes
    -- the steps of an audit already being worked.
    CREATE TABLE audit_checklists (
      audit_id TEXT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
      check_id TEXT NOT NULL,
      version TEXT NOT NULL,
      checklist_json TEXT NOT NULL,
      PRIMARY KEY (audit_id, check_id)
    ) STRICT;

    -- One row per failing or unknown finding (and per finding fixed since the previous audit).
    CREATE TABLE finding_work (
      audit_id TEXT NOT NULL,
      finding_seq INTEGER NOT NULL,
      carry TEXT NOT NULL CHECK (carry IN ('first', 'new', 'still_open', 'fixed')),
      carried_from TEXT,
      assignee TEXT,
      due_date TEXT,
      closed_at TEXT,
      revision INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (audit_id, finding_seq),
      FOREIGN KEY (audit_id, finding_seq) REFERENCES findings(audit_id, seq) ON DELETE CASCADE
    ) STRICT;

    CREATE TABLE step_states (
      audit_id TEXT NOT NULL,
      finding_seq INTEGER NOT NULL,
      step INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('open', 'done', 'not_applicable', 'blocked')),
      reason TEXT NOT NULL DEFAULT '',
      revision INTEGER NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL,
      PRIMARY KEY (audit_id, finding_seq, step),
      FOREIGN KEY (audit_id, finding_seq) REFERENCES finding_work(audit_id, finding_seq) ON DELETE CASCADE
    ) STRICT;

    CREATE TABLE notes (
      id INTEGER PRIMARY KEY,
      audit_id TEXT NOT NULL,
      finding_seq INTEGER NOT NULL,
      at TEXT NOT NULL,
      author TEXT NOT NULL,
      text TEXT NOT NULL,
      FOREIGN KEY (audit_id, finding_seq) REFERENCES finding_work(audit_id, finding_seq) ON DELETE CASCADE
    ) STRICT;

    CREATE TABLE attachments (
      id INTEGER PRIMARY KEY,
      audit_id TEXT NOT NULL,
      finding_seq INTEGER NOT NULL,
      at TEXT NOT NULL,
      added_by TEXT NOT NULL,
      name TEXT NOT NULL,
      stored_name TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      FOREIGN KEY (audit_id, finding_seq) REFERENCES finding_work(audit_id, finding_seq) ON DELETE CASCADE
    ) STRICT;

    CREATE TABLE signoffs (
      audit_id TEXT NOT NULL,
      finding_seq INTEGER NOT NULL,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (audit_id, finding_seq),
      FOREIGN KEY (audit_id, finding_seq) REFERENCES finding_work(audit_id, finding_seq) ON DELETE CASCADE
    ) STRICT;

    CREATE TABLE verifications (
      id INTEGER PRIMARY KEY,
      audit_id TEXT NOT NULL,
      finding_seq INTEGER NOT NULL,
      at TEXT NOT NULL,
      by TEXT NOT NULL,
      source_kind TEXT NOT NULL,
      source_ref TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('fail', 'pass', 'unknown', 'not_applicable')),
      detail TEXT NOT NULL,
      FOREIGN KEY (audit_id, finding_seq) REFERENCES finding_work(audit_id, finding_seq) ON DELETE CASCADE
    ) STRICT;

    -- Append-only: each entry's hash covers its content and the previous entry's hash.
    -- No foreign keys: the log outlives what it describes.
    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      audit_id TEXT,
      finding_seq INTEGER,
      payload_json TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    -- The last entry's number and hash: removing entries from the end is caught too.
    CREATE TABLE audit_log_head (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      seq INTEGER NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
  `);
}
