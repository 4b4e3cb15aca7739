// Migration 7 adds the trash columns to documents and rebuilds doc_versions for the `auto`
// reason and the authors column. A database at version 6 must come through with every
// version under its rowid (the list breaks created_at ties by rowid), its index, and every
// document visible (none is in the trash).
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../src/storage/sqlite-storage.ts';
import { type Cleanups, databaseAt, expectCleanRebuild, indexesOf, migratedDatabase, tempDatabaseFile } from './migration-support.ts';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** A version-6 database with versions whose row order differs from their key order, and a rowid gap. */
function buildVersion6(file: string): Database.Database {
  const db = databaseAt(file, 6);
  db.prepare(
    "INSERT INTO users (id, email, name, color, password_hash, created_at) VALUES ('own', 'own@x.io', 'Own', '#000', 'h', 1)",
  ).run();
  db.prepare("INSERT INTO documents (id, title, created_at, updated_at) VALUES ('d1', 'Plan', 1, 1)").run();
  db.prepare("INSERT INTO documents (id, title, created_at, updated_at) VALUES ('d2', 'Notes', 2, 2)").run();
  db.prepare("INSERT INTO doc_members (doc_id, user_id, role, added_at) VALUES ('d1', 'own', 'owner', 1)").run();
  const addVersion = db.prepare(
    "INSERT INTO doc_versions (id, doc_id, label, reason, author_id, state, created_at) VALUES (?, 'd1', ?, ?, ?, x'0102', ?)",
  );
  // v-z before v-a at the same time: only the rowid lists v-a (the later insert) first.
  addVersion.run('v-z', 'Z', 'manual', 'own', 50);
  addVersion.run('v-gone', 'Gone', 'manual', 'own', 50);
  addVersion.run('v-a', 'A', 'before-restore', null, 50);
  addVersion.run('v-old', 'Old', 'manual', 'own', 10);
  db.prepare("DELETE FROM doc_versions WHERE id = 'v-gone'").run();
  return db;
}

const rows = (db: Database.Database) =>
  db.prepare('SELECT rowid, id, doc_id, label, reason, author_id, state, created_at FROM doc_versions ORDER BY rowid').all();

describe('migration 7: trash and automatic versions', () => {
  it('rebuilds doc_versions with its rows, rowids, order and index, and leaves every document visible', async () => {
    const file = tempDatabaseFile(cleanups);

    const v6 = buildVersion6(file);
    const before = rows(v6);
    const indexesBefore = indexesOf(v6, ['doc_versions']);
    v6.close();

    const storage = new SqliteStorage(file);
    cleanups.push(() => storage.close());
    expect((await storage.listVersions('d1')).map((v) => [v.id, v.reason, v.author?.id ?? null, v.authors])).toEqual([
      ['v-a', 'before-restore', null, []],
      ['v-z', 'manual', 'own', []],
      ['v-old', 'manual', 'own', []],
    ]);
    expect((await storage.listDocs()).map((d) => d.id)).toEqual(['d2', 'd1']);
    expect((await storage.listDocsForUser('own')).map((d) => d.id)).toEqual(['d1']);
    expect(await storage.listTrash('own')).toEqual([]);
    await storage.close();

    const db = new Database(file);
    cleanups.push(() => void db.close());
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(7);
    expect(rows(db)).toEqual(before);
    expect(db.prepare('SELECT DISTINCT authors FROM doc_versions').all()).toEqual([{ authors: '[]' }]);
    expect(indexesOf(db, ['doc_versions'])).toEqual(indexesBefore);
    expect(db.prepare('SELECT count(*) AS n FROM documents WHERE deleted_at IS NOT NULL OR deleted_by IS NOT NULL').get()).toEqual({
      n: 0,
    });
    expectCleanRebuild(db, '_v7');
  });

  it("accepts the 'auto' reason and an authors array, and still refuses anything else", () => {
    const db = migratedDatabase(cleanups);
    db.prepare("INSERT INTO documents (id, title, created_at, updated_at) VALUES ('d', 'T', 1, 1)").run();
    const insert = db.prepare(
      "INSERT INTO doc_versions (id, doc_id, label, reason, authors, state, created_at) VALUES (?, 'd', 'L', ?, ?, x'00', 1)",
    );
    insert.run('v1', 'auto', '["u1"]');
    insert.run('v2', 'manual', '[]');
    expect(() => insert.run('v3', 'hourly', '[]')).toThrow(/CHECK/);
    expect(() => insert.run('v4', 'auto', '"u1"')).toThrow(/CHECK/);
    // Trashed by an account that is later gone: the document stays in the trash, by nobody.
    db.prepare("INSERT INTO users (id, email, name, color, password_hash, created_at) VALUES ('u', 'u@x.io', 'U', '#000', 'h', 1)").run();
    db.prepare("UPDATE documents SET deleted_at = 5, deleted_by = 'u' WHERE id = 'd'").run();
    db.prepare("DELETE FROM users WHERE id = 'u'").run();
    expect(db.prepare("SELECT deleted_at, deleted_by FROM documents WHERE id = 'd'").get()).toEqual({ deleted_at: 5, deleted_by: null });
  });
});
