// Opening the SQLite database the stores share: pragmas and schema migrations.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations.ts';

export type SqliteSynchronous = 'NORMAL' | 'FULL';

/** better-sqlite3's name for a private, process-memory database. */
export const IN_MEMORY = ':memory:';

export function applyMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Opens (creating it and its directory if needed) and migrates the database. An in-memory
 * database ignores the WAL request and keeps its own journal, which is all it needs.
 */
export function openDatabase(file: string, synchronous: SqliteSynchronous = 'NORMAL'): Database.Database {
  if (file !== IN_MEMORY) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applyMigrations(db);
  return db;
}
