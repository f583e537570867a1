import Database from 'better-sqlite3';
import { promises as fs, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the Canvass database and brings it to the current schema.
 * Every pending migration runs in one transaction: a failure leaves the file as it was.
 * A file that cannot be used (another program's, read-only, locked) is refused here, before
 * a scan is run to be saved in it, and before anything is written to it.
 */
export function openDatabase(file: string, opts: { upTo?: number } = {}): Db {
  if (file !== ':memory:') makeFolderFor(file);
  let db: Db;
  try {
    db = new Database(file);
  } catch (e) {
    throw openError(file, e);
  }
  try {
    // A connection setting, written nowhere: the checks below wait for another writer too.
    db.pragma('busy_timeout = 5000');
    refuseForeign(db);
    tryWrite(db);
    db.pragma('journal_mode = WAL');
    // Audit records must survive a power cut: WAL defaults to synchronous=NORMAL in this build.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  } catch (e) {
    db.close();
    throw e instanceof InputError ? e : openError(file, e);
  }
  try {
    migrate(db, opts.upTo ?? SCHEMA_VERSION);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

function makeFolderFor(file: string): void {
  const dir = path.dirname(path.resolve(file));
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(`${file}: its folder ${dir} cannot be created (${(e as NodeJS.ErrnoException).code ?? 'error'}); choose a place you can write to for the database`);
  }
}

/** Another connection held the database past the busy timeout. */
export const isBusy = (e: unknown): boolean => ((e as { code?: string } | undefined)?.code ?? '').startsWith('SQLITE_BUSY');

/** What a clerk can do about a database SQLite would not open, read or write. */
function openError(file: string, e: unknown): InputError {
  const code = (e as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_READONLY')) return new InputError(`${file}: the database is read-only; choose a place you can write to for the database, or make the file writable`);
  if (isBusy(e)) return new InputError(`${file}: the database is locked by another program (another Canvass scan or window?); close it or wait until it ends, then try again`);
  if (code.startsWith('SQLITE_CANTOPEN')) return new InputError(`${file}: the database cannot be opened or created there; choose a place you can write to for the database`);
  if (code === 'SQLITE_NOTADB') return new InputError(`${file}: not a Canvass database`);
  return new InputError(`${file}: cannot be opened as a Canvass database (${(e as Error).message})`);
}

/**
 * Refuses, by reading only, a database of another program or of a newer Canvass: switching
 * the journal or migrating would change a file that is not ours to change.
 */
function refuseForeign(db: Db): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new InputError(
      `${db.name}: this database was written by a newer version of Canvass (schema ${current}; this version knows up to ${SCHEMA_VERSION}). Update Canvass to open it.`,
    );
  }
  const tables = db.prepare("SELECT count(*) AS n, count(*) FILTER (WHERE name = 'audits') AS audits FROM sqlite_master WHERE type = 'table'").get() as { n: number; audits: number };
  // A new file has no tables; every Canvass schema has its audits.
  if (current === 0 ? tables.n > 0 : tables.audits === 0) throw new InputError(`${db.name}: not a Canvass database`);
}

/**
 * Starts a write and takes it back, changing nothing: a read-only file or folder, or another
 * program holding the lock past the timeout, is found now rather than when a scan is saved.
 */
function tryWrite(db: Db): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.pragma(`user_version = ${schemaVersion(db)}`);
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, target: number): void {
  const current = schemaVersion(db);
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  if (!pending.length) return;
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}

/** A consistent copy of a live WAL database (never copy the file itself). */
export async function backupDatabase(db: Db, dest: string): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(dest)), { recursive: true });
  await db.backup(dest);
}
