// Opening the SQLite database the stores share: pragmas and schema migrations.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations.ts';

export type SqliteSynchronous = 'NORMAL' | 'FULL';

/** better-sqlite3's name for a private, process-memory database. */
export const IN_MEMORY = ':memory:';

const transactions = new WeakMap<Database.Database, WeakMap<object, Database.Transaction<never>>>();

/**
 * `db.transaction(fn)`, built once per function. better-sqlite3 builds a new wrapper (five
 * functions and their properties) on every call, which the fanout profile showed at a fifth
 * of the group commit's own time; the stores pass their long-lived arrow functions here.
 */
// biome-ignore lint/suspicious/noExplicitAny: better-sqlite3 types a transaction by its function
export function transactionOf<F extends (...args: any[]) => unknown>(db: Database.Database, fn: F): Database.Transaction<F> {
  let byFn = transactions.get(db);
  if (!byFn) {
    byFn = new WeakMap();
    transactions.set(db, byFn);
  }
  let tx = byFn.get(fn) as Database.Transaction<F> | undefined;
  if (!tx) {
    tx = db.transaction(fn);
    byFn.set(fn, tx as unknown as Database.Transaction<never>);
  }
  return tx;
}

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
