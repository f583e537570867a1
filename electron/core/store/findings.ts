import type { Finding } from '../checks/types';
import type { Db } from './db';

/** A stored finding: its number within the audit (stable, for `--finding N`) and the finding. */
export interface StoredFinding extends Finding {
  seq: number;
}

interface Row {
  seq: number;
  check_id: string;
  status: Finding['status'];
  severity: Finding['severity'];
  resource_type: Finding['resource']['type'];
  resource_id: string;
  resource_name: string;
  title: string;
  detail: string;
  evidence_json: string;
  references_json: string;
}

export function insertFindings(db: Db, auditId: string, findings: Finding[]): void {
  const st = db.prepare(
    `INSERT INTO findings (audit_id, seq, check_id, status, severity, resource_type, resource_id, resource_name, title, detail, evidence_json, references_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  findings.forEach((f, i) =>
    st.run(auditId, i + 1, f.checkId, f.status, f.severity, f.resource.type, f.resource.id, f.resource.name, f.title, f.detail, JSON.stringify(f.evidence), JSON.stringify(f.references)),
  );
}

const fromRow = (r: Row): StoredFinding => ({
  seq: r.seq,
  checkId: r.check_id,
  status: r.status,
  severity: r.severity,
  resource: { type: r.resource_type, id: r.resource_id, name: r.resource_name },
  title: r.title,
  detail: r.detail,
  evidence: JSON.parse(r.evidence_json) as Record<string, unknown>,
  references: JSON.parse(r.references_json) as string[],
});

export function listFindings(db: Db, auditId: string): StoredFinding[] {
  return (db.prepare('SELECT * FROM findings WHERE audit_id = ? ORDER BY seq').all(auditId) as Row[]).map(fromRow);
}

export function getFinding(db: Db, auditId: string, seq: number): StoredFinding | undefined {
  const r = db.prepare('SELECT * FROM findings WHERE audit_id = ? AND seq = ?').get(auditId, seq) as Row | undefined;
  return r && fromRow(r);
}

export function countFindings(db: Db, auditId: string): Record<Finding['status'], number> {
  const out = { fail: 0, pass: 0, unknown: 0, not_applicable: 0 };
  for (const r of db.prepare('SELECT status, count(*) AS n FROM findings WHERE audit_id = ? GROUP BY status').all(auditId) as Array<{ status: Finding['status']; n: number }>) {
    out[r.status] = r.n;
  }
  return out;
}
