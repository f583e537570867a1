import type { Db } from './db';

export type SourceKind = 'live' | 'evidence' | 'aws-config' | 'local' | 'demo';
export interface SourceRecord {
  kind: SourceKind;
  ref: string;
}

export function insertSources(db: Db, auditId: string, sources: SourceRecord[]): void {
  const st = db.prepare('INSERT INTO sources (audit_id, seq, kind, ref) VALUES (?, ?, ?, ?)');
  sources.forEach((s, i) => st.run(auditId, i + 1, s.kind, s.ref));
}

export function listSources(db: Db, auditId: string): SourceRecord[] {
  return db.prepare('SELECT kind, ref FROM sources WHERE audit_id = ? ORDER BY seq').all(auditId) as SourceRecord[];
}
