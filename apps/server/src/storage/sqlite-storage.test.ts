import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.ts';
import { applyMigrations, SqliteStorage } from './sqlite-storage.ts';
import { storageContract } from './storage-contract.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inkwell-sqlite-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'nested', 'inkwell.db');
}

storageContract('sqlite', async () => {
  const file = tempFile();
  let current = new SqliteStorage(file);
  cleanups.push(() => current.close());
  return {
    storage: current,
    reopen: async () => {
      await current.close();
      current = new SqliteStorage(file);
      return current;
    },
  };
});

describe('sqlite storage', () => {
  it('uses WAL with foreign keys and records the schema version', async () => {
    const file = tempFile();
    const storage = new SqliteStorage(file);
    await storage.close();
    const db = new Database(file, { readonly: true });
    cleanups.push(() => void db.close());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
  });

  it('applies each migration once, and rolls back a failing one whole', () => {
    const db = new Database(':memory:');
    cleanups.push(() => void db.close());
    const migrations = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (x INTEGER); CREATE TABLE a (y INTEGER)' },
    ];
    expect(() => applyMigrations(db, migrations)).toThrow(/already exists/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    expect(tables).toEqual([{ name: 'a' }]);
    expect(applyMigrations(db, migrations.slice(0, 1))).toBe(1);
  });
});
