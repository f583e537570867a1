import type { Db } from './db';

export interface ResourceRecord {
  type: string;
  id: string;
  name: string;
  region: string | null;
}

export function insertResources(db: Db, auditId: string, resources: ResourceRecord[]): void {
  const st = db.prepare('INSERT INTO resources (audit_id, type, id, name, region) VALUES (?, ?, ?, ?, ?)');
  for (const r of resources) st.run(auditId, r.type, r.id, r.name, r.region);
}

export function listResources(db: Db, auditId: string): ResourceRecord[] {
  return db.prepare('SELECT type, id, name, region FROM resources WHERE audit_id = ? ORDER BY type, name').all(auditId) as ResourceRecord[];
}
