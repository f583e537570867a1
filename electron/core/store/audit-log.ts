import { createHash } from 'node:crypto';
import type { Db } from './db';

/**
 * The audit trail: every change to an audit's remediation (steps, assignments, notes,
 * attachments, sign-offs, verifications, the audit itself) appended as one entry whose hash
 * covers its content and the previous entry's hash. Changing, removing or reordering an
 * entry breaks the chain from that entry on; a head row with the last entry's number and
 * hash catches entries cut from the end. This proves the log was not edited behind
 * Canvass's back by someone who cannot recompute every later hash, which is what a
 * workstation can prove without a signing key held elsewhere.
 */

export type LogAction =
  | 'audit.created'
  | 'step.set'
  | 'finding.assigned'
  | 'note.added'
  | 'attachment.added'
  | 'finding.signed_off'
  | 'finding.reopened'
  | 'finding.verified';

export interface LogEntry {
  seq: number;
  at: string;
  actor: string;
  action: LogAction;
  auditId: string | null;
  findingSeq: number | null;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: LogAction;
  audit_id: string | null;
  finding_seq: number | null;
  payload_json: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function entryHash(r: Omit<Row, 'hash'>): string {
  // A JSON array: field boundaries cannot be shifted to forge the same bytes.
  const canonical = JSON.stringify([r.seq, r.at, r.actor, r.action, r.audit_id, r.finding_seq, r.payload_json, r.prev_hash]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Appends one entry. Call it inside the transaction of the change it records. */
export function appendLog(
  db: Db,
  e: { at: string; actor: string; action: LogAction; auditId?: string | null; findingSeq?: number | null; payload: Record<string, unknown> },
): LogEntry {
  const head = db.prepare('SELECT seq, hash FROM audit_log_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  const row: Omit<Row, 'hash'> = {
    seq: (head?.seq ?? 0) + 1,
    at: e.at,
    actor: e.actor,
    action: e.action,
    audit_id: e.auditId ?? null,
    finding_seq: e.findingSeq ?? null,
    payload_json: JSON.stringify(e.payload),
    prev_hash: head?.hash ?? GENESIS_HASH,
  };
  const hash = entryHash(row);
  db.prepare(
    'INSERT INTO audit_log (seq, at, actor, action, audit_id, finding_seq, payload_json, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @audit_id, @finding_seq, @payload_json, @prev_hash, @hash)',
  ).run({ ...row, hash });
  db.prepare('INSERT INTO audit_log_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run(row.seq, hash);
  return fromRow({ ...row, hash });
}

const fromRow = (r: Row): LogEntry => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  auditId: r.audit_id,
  findingSeq: r.finding_seq,
  payload: JSON.parse(r.payload_json) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** The entries of one audit (or all), oldest first. */
export function listLog(db: Db, auditId?: string): LogEntry[] {
  const rows = (auditId === undefined
    ? db.prepare('SELECT * FROM audit_log ORDER BY seq').all()
    : db.prepare('SELECT * FROM audit_log WHERE audit_id = ? ORDER BY seq').all(auditId)) as Row[];
  return rows.map(fromRow);
}

export interface ChainVerdict {
  ok: boolean;
  /** Entries read. */
  entries: number;
  /** The first entry that does not fit, and why; absent when the chain holds. */
  firstBad?: { seq: number; problem: string };
}

/** Walks the whole chain and names the first entry that does not fit. */
export function verifyLog(db: Db): ChainVerdict {
  let prev = GENESIS_HASH;
  let expected = 1;
  let entries = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) {
    entries++;
    if (r.seq !== expected) {
      return { ok: false, entries, firstBad: { seq: expected, problem: `entry ${expected} is missing (the next entry is ${r.seq})` } };
    }
    if (r.prev_hash !== prev) {
      return { ok: false, entries, firstBad: { seq: r.seq, problem: `entry ${r.seq} does not follow entry ${r.seq - 1}: an entry before it was changed, removed or moved` } };
    }
    if (entryHash(r) !== r.hash) {
      return { ok: false, entries, firstBad: { seq: r.seq, problem: `entry ${r.seq} (${r.action}) was changed after it was written` } };
    }
    prev = r.hash;
    expected++;
  }
  const head = db.prepare('SELECT seq, hash FROM audit_log_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  const last = expected - 1;
  if ((head?.seq ?? 0) !== last) {
    return { ok: false, entries, firstBad: { seq: last + 1, problem: `the log ends at entry ${last}, but ${head?.seq ?? 0} entries were written: entries were removed from the end` } };
  }
  if (head && head.hash !== prev) {
    return { ok: false, entries, firstBad: { seq: last, problem: `entry ${last} was replaced after it was written (its hash is not the one recorded)` } };
  }
  return { ok: true, entries };
}
