import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { getAudit, insertAudit, listAudits } from './audits';
import { backupDatabase, openDatabase, schemaVersion } from './db';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { holdWriteLock } from '../../../tests/helpers/sqlite-lock';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'canvass-db-'));

describe('the local store', () => {
  it('creates a new database at the current schema, with WAL, foreign keys and synchronous=FULL', () => {
    const db = openDatabase(path.join(tmp(), 'new.db'));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('numbers its migrations 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('migrates a database written by the first schema, keeping its audits', () => {
    const file = path.join(tmp(), 'old.db');
    const old = openDatabase(file, { upTo: 1 });
    expect(schemaVersion(old)).toBe(1);
    old.prepare("INSERT INTO audits (id, jurisdiction, status, started_at, finished_at) VALUES ('old-1', 'Harlow County', 'complete', '2025-01-02T03:04:05Z', '2025-01-02T03:05:00Z')").run();
    old.prepare("INSERT INTO sources (audit_id, seq, kind, ref) VALUES ('old-1', 1, 'evidence', '/media/usb/evidence')").run();
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    const a = getAudit(db, 'old-1');
    expect(a?.jurisdiction).toBe('Harlow County');
    expect(a?.auditor).toBe('');
    expect(db.prepare('SELECT count(*) AS n FROM resources').get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database from a newer Canvass, leaving it untouched', () => {
    const file = path.join(tmp(), 'future.db');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer version of Canvass/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5);
    check.close();
  });

  it('refuses a SQLite file that is not a Canvass database, and a file that is not SQLite, leaving each byte for byte as it was', () => {
    const dir = tmp();
    const other = new Database(path.join(dir, 'other.db'));
    other.exec('CREATE TABLE t (x)');
    other.close();
    // Another program's database that numbers its own schema.
    const numbered = new Database(path.join(dir, 'numbered.db'));
    numbered.exec('CREATE TABLE t (x)');
    numbered.pragma('user_version = 1');
    numbered.close();
    writeFileSync(path.join(dir, 'text.db'), 'this is not a database at all, just some text that is long enough');
    for (const name of ['other.db', 'numbered.db', 'text.db']) {
      const file = path.join(dir, name);
      const before = readFileSync(file);
      expect(() => openDatabase(file), name).toThrow(new InputError(`${file}: not a Canvass database`));
      expect(readFileSync(file).equals(before), name).toBe(true);
    }
    expect(readdirSync(dir).sort()).toEqual(['numbered.db', 'other.db', 'text.db']);
  });

  it('refuses a database another program holds locked past the busy timeout, at open', async () => {
    const file = path.join(tmp(), 'locked.db');
    openDatabase(file).close();
    const holder = await holdWriteLock(file);
    try {
      expect(() => openDatabase(file)).toThrow(new InputError(`${file}: the database is locked by another program (another Canvass scan or window?); close it or wait until it ends, then try again`));
    } finally {
      holder.release();
    }
  });

  it('rolls back a failed migration whole', () => {
    const file = path.join(tmp(), 'half.db');
    const db1 = openDatabase(file, { upTo: 1 });
    // A table the second migration will try to create makes it fail half way.
    db1.exec('CREATE TABLE resources (x)');
    db1.close();
    expect(() => openDatabase(file)).toThrow();
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT count(*) AS n FROM pragma_table_info('audits') WHERE name = 'auditor'").get()).toEqual({ n: 0 });
    raw.close();
  });

  it('backs up a live database with db.backup()', async () => {
    const dir = tmp();
    const db = openDatabase(path.join(dir, 'live.db'));
    insertAudit(db, { id: 'a1', jurisdiction: 'J', auditor: 'x', status: 'complete', startedAt: 's', finishedAt: null, checksVersion: 'v', accountId: '', collectedAt: null });
    await backupDatabase(db, path.join(dir, 'copy.db'));
    db.close();
    const copy = openDatabase(path.join(dir, 'copy.db'));
    expect(listAudits(copy).map((a) => a.id)).toEqual(['a1']);
    copy.close();
  });
});
