import type { Database } from 'better-sqlite3';
import { migrate001 } from './001-initial';
import { migrate002 } from './002-auditor-and-resources';
import { migrate003 } from './003-remediation';

/** Numbered migrations, applied in order; the database's user_version is the last one applied. */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; up: (db: Database) => void }> = [
  { version: 1, name: 'initial', up: migrate001 },
  { version: 2, name: 'auditor-and-resources', up: migrate002 },
  { version: 3, name: 'remediation', up: migrate003 },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
