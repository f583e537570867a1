import { describe, expect, it } from 'vitest';
import { appendLog, entryHash, listLog, verifyLog } from './audit-log';
import { openDatabase, type Db } from './db';

function logOf(n: number): Db {
  const db = openDatabase(':memory:');
  for (let i = 1; i <= n; i++) {
    appendLog(db, { at: `2026-11-26T10:00:0${i % 10}Z`, actor: 'Pat Lee', action: 'step.set', auditId: 'a1', findingSeq: i, payload: { step: i, state: 'done' } });
  }
  return db;
}

describe('the hash-chained audit log', () => {
  it('links each entry to the one before and verifies a log nobody touched', () => {
    const db = logOf(5);
    const log = listLog(db);
    expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < log.length; i++) expect(log[i].prevHash).toBe(log[i - 1].hash);
    expect(verifyLog(db)).toEqual({ ok: true, entries: 5 });
    expect(verifyLog(openDatabase(':memory:'))).toEqual({ ok: true, entries: 0 });
  });

  it('catches an entry changed after it was written, and names it', () => {
    const db = logOf(5);
    db.prepare(`UPDATE audit_log SET payload_json = '{"step":3,"state":"not_applicable"}' WHERE seq = 3`).run();
    expect(verifyLog(db)).toMatchObject({ ok: false, firstBad: { seq: 3, problem: expect.stringMatching(/entry 3 \(step\.set\) was changed/) } });
  });

  it('catches a changed entry whose hash was recomputed: the next entry no longer follows it', () => {
    const db = logOf(5);
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, never>;
    const forged = { ...(row as object), actor: 'Someone Else' } as Parameters<typeof entryHash>[0];
    db.prepare('UPDATE audit_log SET actor = ?, hash = ? WHERE seq = 2').run('Someone Else', entryHash(forged));
    expect(verifyLog(db)).toMatchObject({ ok: false, firstBad: { seq: 3, problem: expect.stringMatching(/does not follow entry 2/) } });
  });

  it('catches a removed entry in the middle', () => {
    const db = logOf(5);
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(verifyLog(db)).toMatchObject({ ok: false, firstBad: { seq: 2, problem: expect.stringMatching(/entry 2 is missing/) } });
  });

  it('catches two entries swapped (renumbered so that no number is missing)', () => {
    const db = logOf(5);
    db.transaction(() => {
      db.prepare('UPDATE audit_log SET seq = 100 WHERE seq = 2').run();
      db.prepare('UPDATE audit_log SET seq = 2 WHERE seq = 3').run();
      db.prepare('UPDATE audit_log SET seq = 3 WHERE seq = 100').run();
    })();
    expect(verifyLog(db)).toMatchObject({ ok: false, firstBad: { seq: 2 } });
  });

  it('catches entries cut from the end', () => {
    const db = logOf(5);
    db.prepare('DELETE FROM audit_log WHERE seq >= 4').run();
    expect(verifyLog(db)).toMatchObject({ ok: false, firstBad: { seq: 4, problem: expect.stringMatching(/removed from the end/) } });
  });

  it('catches the last entry replaced by a forged one with a valid hash', () => {
    const db = logOf(3);
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Parameters<typeof entryHash>[0];
    const forged = { ...row, payload_json: '{"step":3,"state":"open"}' };
    db.prepare('UPDATE audit_log SET payload_json = ?, hash = ? WHERE seq = 3').run(forged.payload_json, entryHash(forged));
    expect(verifyLog(db)).toMatchObject({ ok: false, firstBad: { seq: 3, problem: expect.stringMatching(/replaced/) } });
  });

  it('keeps field boundaries: moving text from one field to the next changes the hash', () => {
    const base = { seq: 1, at: 'x', actor: 'ab', action: 'step.set' as const, audit_id: 'c', finding_seq: 1, payload_json: '{}', prev_hash: '0' };
    expect(entryHash(base)).not.toBe(entryHash({ ...base, actor: 'a', audit_id: 'bc' }));
  });
});
