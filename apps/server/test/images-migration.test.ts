// Migration 9 adds doc_images. A database at version 8 must come through with its documents
// untouched, take images afterwards, and let them go with their document.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../src/storage/sqlite-storage.ts';
import { type Cleanups, databaseAt, tempDatabaseFile } from './storage/migration-support.ts';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const image = (id: string, docId: string, sha256: string, data: Uint8Array) => ({
  id,
  docId,
  uploaderId: 'own',
  sha256,
  size: data.length,
  contentType: 'image/png' as const,
  data,
  createdAt: 5,
});

describe('migration 9: images', () => {
  it('runs on a version-8 database, keeps its documents, and stores images that leave with their document', async () => {
    const file = tempDatabaseFile(cleanups);
    const v8 = databaseAt(file, 8);
    v8.prepare(
      "INSERT INTO users (id, email, name, color, password_hash, created_at) VALUES ('own', 'own@x.io', 'Own', '#000', 'h', 1)",
    ).run();
    v8.prepare("INSERT INTO documents (id, title, created_at, updated_at) VALUES ('d1', 'Plan', 1, 1)").run();
    v8.prepare("INSERT INTO documents (id, title, created_at, updated_at) VALUES ('d2', 'Notes', 2, 2)").run();
    v8.prepare("INSERT INTO doc_members (doc_id, user_id, role, added_at) VALUES ('d1', 'own', 'owner', 1)").run();
    expect(v8.prepare("SELECT name FROM sqlite_master WHERE name = 'doc_images'").all()).toEqual([]);
    v8.close();

    const storage = new SqliteStorage(file);
    cleanups.push(() => storage.close());
    expect((await storage.listDocs()).map((d) => d.id)).toEqual(['d2', 'd1']);
    const bytes = new Uint8Array([1, 2, 3]);
    const first = await storage.putImage(image('i1', 'd1', 'aa', bytes));
    expect(first.created).toBe(true);
    // Same bytes, same document: the first image answers and nothing is written.
    const again = await storage.putImage(image('i2', 'd1', 'aa', bytes));
    expect([again.created, again.image.id]).toEqual([false, 'i1']);
    await storage.putImage(image('i3', 'd2', 'aa', bytes));
    expect((await storage.getImage('d1', 'i1'))?.data).toEqual(bytes);
    expect(await storage.getImage('d2', 'i1')).toBeUndefined();
    expect(await storage.imageUsage('d1')).toEqual({ count: 1, bytes: 3 });

    await storage.deleteDoc('d1');
    expect(await storage.imageUsage('d1')).toEqual({ count: 0, bytes: 0 });
    expect(await storage.imageUsage('d2')).toEqual({ count: 1, bytes: 3 });
    await expect(storage.putImage(image('i4', 'gone', 'bb', bytes))).rejects.toThrow(/does not exist/);
    await storage.close();

    const db = new Database(file);
    cleanups.push(() => void db.close());
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(9);
    expect(() =>
      db
        .prepare(
          "INSERT INTO doc_images (id, doc_id, sha256, content_type, size, data, created_at) VALUES ('x', 'd2', 'cc', 'image/svg+xml', 1, x'00', 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
