// SQLite-specific behaviour: pragmas, migrations, the schema's own guarantees and the
// in-memory mode. What every backend must do is in test/storage/.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.ts';
import { applyMigrations } from './sqlite-connection.ts';
import { SqliteStorage } from './sqlite-storage.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inkwell-sqlite-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'nested', 'inkwell.db');
}

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

  it('upgrades a database from before accounts; its first user owns the old documents', async () => {
    const file = tempFile();
    mkdirSync(dirname(file), { recursive: true });
    const v1 = new Database(file);
    expect(applyMigrations(v1, MIGRATIONS.slice(0, 1))).toBe(1);
    v1.prepare('INSERT INTO documents (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run('old', 'Old', 5, 5);
    v1.close();

    const storage = new SqliteStorage(file);
    cleanups.push(() => storage.close());
    expect((await storage.listDocs()).map((d) => d.id)).toEqual(['old']);
    await storage.createUser({ id: 'u1', email: 'a@b.c', name: 'A', color: '#000', passwordHash: 'h', createdAt: 9 });
    expect(await storage.listDocsForUser('u1')).toEqual([{ id: 'old', title: 'Old', createdAt: 5, updatedAt: 5, role: 'owner' }]);
  });

  it('enforces one owner per document and the known roles in the schema itself', async () => {
    const file = tempFile();
    const storage = new SqliteStorage(file);
    for (const id of ['u1', 'u2']) {
      await storage.createUser({ id, email: `${id}@x.io`, name: id, color: '#000', passwordHash: 'h', createdAt: 1 });
    }
    await storage.createDoc({ id: 'a', title: 'A', createdAt: 1, updatedAt: 1 }, 'u1');
    await storage.close();
    const db = new Database(file);
    cleanups.push(() => void db.close());
    const insert = db.prepare('INSERT INTO doc_members (doc_id, user_id, role, added_at) VALUES (?, ?, ?, 2)');
    expect(() => insert.run('a', 'u2', 'owner')).toThrow(/UNIQUE/);
    expect(() => insert.run('a', 'u2', 'admin')).toThrow(/CHECK/);
    insert.run('a', 'u2', 'editor');
    expect(db.prepare('SELECT count(*) AS n FROM doc_members').get()).toEqual({ n: 2 });
  });

  it('runs on :memory: with the checkpointer asked for: separate databases, closed cleanly', async () => {
    const a = new SqliteStorage(':memory:', { checkpointIntervalMs: 10 });
    const b = new SqliteStorage(':memory:', { checkpointIntervalMs: 10 });
    await a.createDoc({ id: 'x', title: 'X', createdAt: 1, updatedAt: 1 });
    await a.appendUpdates('x', [new Uint8Array([0, 0])], 2);
    expect((await a.loadDocState('x'))?.lastSeq).toBe(1);
    expect(await b.listDocs()).toEqual([]);
    await a.close();
    await b.close();
    await a.close();
  });
});
