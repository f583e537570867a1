import Database from 'better-sqlite3';
import { promises as fs, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the Canvass database and brings it to the current schema.
 * Every pending migration runs in one transaction: a failure leaves the file as it was.
 */
export function openDatabase(file: string, opts: { upTo?: number } = {}): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Db;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
  } catch (e) {
    throw new InputError(`${file}: cannot be opened as a Canvass database (${(e as Error).message})`);
  }
  // Audit records must survive a power cut: WAL defaults to synchronous=NORMAL in this build.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, opts.upTo ?? SCHEMA_VERSION);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, target: number): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new InputError(
      `${db.name}: this database was written by a newer version of Canvass (schema ${current}; this version knows up to ${SCHEMA_VERSION}). Update Canvass to open it.`,
    );
  }
  if (current === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    if (tables.n > 0) throw new InputError(`${db.name}: not a Canvass database`);
  }
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
