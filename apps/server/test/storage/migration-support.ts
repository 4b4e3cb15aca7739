// Test support for the migration tests (migration-6.test.ts, migration-7.test.ts): a database
// stopped at an old version, a fully migrated one, and the checks every table rebuild owes.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { MIGRATIONS } from '../../src/storage/migrations.ts';
import { applyMigrations } from '../../src/storage/sqlite-connection.ts';

export type Cleanups = (() => Promise<void> | void)[];

/** A database file path in a fresh temporary directory, removed by `cleanups`. */
export function tempDatabaseFile(cleanups: Cleanups): string {
  const dir = mkdtempSync(join(tmpdir(), 'inkwell-migration-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'data', 'inkwell.db');
}

/** A database at `file` migrated up to `version` only, with foreign keys on as openDatabase has them. */
export function databaseAt(file: string, version: number): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // As openDatabase does: the migration must work with foreign keys enforced.
  db.pragma('foreign_keys = ON');
  expect(
    applyMigrations(
      db,
      MIGRATIONS.filter((m) => m.version <= version),
    ),
  ).toBe(version);
  return db;
}

/** An in-memory database with every migration, closed by `cleanups`. */
export function migratedDatabase(cleanups: Cleanups): Database.Database {
  const db = new Database(':memory:');
  cleanups.push(() => void db.close());
  db.pragma('foreign_keys = ON');
  applyMigrations(db);
  return db;
}

/** The indexes of `tables`, by name, with their SQL: a rebuild must recreate them as they were. */
export function indexesOf(db: Database.Database, tables: readonly string[]) {
  return db
    .prepare<string[], { name: string; tbl_name: string; sql: string | null }>(
      `SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY name`,
    )
    .all(...tables);
}

/** No table left over from a rebuild (`<name><suffix>`), nothing dangling, nothing corrupt. */
export function expectCleanRebuild(db: Database.Database, suffix: string): void {
  expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%${suffix}'`).all()).toEqual([]);
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
}
