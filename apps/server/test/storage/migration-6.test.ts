// Migration 6 rebuilds doc_members and notifications to widen their CHECKs. A database at
// version 5 must come through with every row, the order its lists show (ties broken by
// rowid), and the indexes that enforce one owner and keep the lists fast.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../src/storage/sqlite-storage.ts';
import { type Cleanups, databaseAt, expectCleanRebuild, indexesOf, migratedDatabase, tempDatabaseFile } from './migration-support.ts';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const REBUILT = ['doc_members', 'notifications'];

const rowids = (db: Database.Database, table: string) => db.prepare(`SELECT rowid, * FROM ${table} ORDER BY rowid`).all();

/** A version-5 database whose row order differs from its key order, with a gap in the rowids. */
function buildVersion5(file: string): Database.Database {
  const db = databaseAt(file, 5);
  const addUser = db.prepare("INSERT INTO users (id, email, name, color, password_hash, created_at) VALUES (?, ?, ?, '#000', 'h', 1)");
  for (const id of ['own', 'zed', 'amy', 'gone', 'vic']) addUser.run(id, `${id}@x.io`, `User ${id}`);
  db.prepare("INSERT INTO documents (id, title, created_at, updated_at) VALUES ('d1', 'Plan', 1, 1)").run();
  const addMember = db.prepare("INSERT INTO doc_members (doc_id, user_id, role, added_at) VALUES ('d1', ?, ?, ?)");
  addMember.run('own', 'owner', 10);
  // zed before amy at the same time: only the rowid keeps zed first.
  addMember.run('zed', 'editor', 20);
  addMember.run('gone', 'viewer', 20);
  addMember.run('amy', 'viewer', 20);
  addMember.run('vic', 'viewer', 5);
  db.prepare("DELETE FROM doc_members WHERE user_id = 'gone'").run();

  const addNotification = db.prepare(
    `INSERT INTO notifications (id, user_id, kind, actor_id, doc_id, doc_title, role, created_at, read_at)
     VALUES (?, 'amy', ?, 'own', 'd1', 'Plan', ?, ?, ?)`,
  );
  // n-b before n-a at the same time: only the rowid lists n-a (the later insert) first.
  addNotification.run('n-b', 'shared', 'viewer', 30, null);
  addNotification.run('n-a', 'mentioned', null, 30, 35);
  addNotification.run('n-c', 'mentioned', null, 40, null);
  return db;
}

describe('migration 6: comments, the commenter role and comment notifications', () => {
  it('rebuilds members and notifications with their rows, rowids, order and indexes', async () => {
    const file = tempDatabaseFile(cleanups);

    const v5 = buildVersion5(file);
    const before = Object.fromEntries(REBUILT.map((t) => [t, rowids(v5, t)]));
    const indexesBefore = indexesOf(v5, REBUILT);
    v5.close();

    // Opening the storage runs migration 6 (and any later one).
    const storage = new SqliteStorage(file);
    cleanups.push(() => storage.close());
    expect((await storage.listMembers('d1')).map((m) => [m.user.id, m.role])).toEqual([
      ['own', 'owner'],
      ['vic', 'viewer'],
      ['zed', 'editor'],
      ['amy', 'viewer'],
    ]);
    expect((await storage.listNotifications('amy', 10)).map((n) => [n.id, n.kind, n.role, n.readAt])).toEqual([
      ['n-c', 'mentioned', undefined, null],
      ['n-a', 'mentioned', undefined, 35],
      ['n-b', 'shared', 'viewer', null],
    ]);
    expect(await storage.countUnreadNotifications('amy')).toBe(2);
    await storage.close();

    const db = new Database(file);
    cleanups.push(() => void db.close());
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(6);
    // Same rows under the same rowids, the gap included; the new notification columns empty.
    expect(rowids(db, 'doc_members')).toEqual(before.doc_members);
    expect(rowids(db, 'notifications')).toEqual(
      before.notifications!.map((row) => ({ ...(row as object), thread_id: null, excerpt: null })),
    );
    // The indexes are back under their names, with their definitions, on the rebuilt tables.
    expect(indexesOf(db, REBUILT)).toEqual(indexesBefore);
    expect(indexesBefore.map((i) => i.name)).toEqual(
      expect.arrayContaining(['doc_members_by_user', 'doc_members_one_owner', 'notifications_by_user', 'notifications_unread']),
    );
    // ...and still enforce what they did: one owner per document.
    expect(() => db.prepare("INSERT INTO doc_members (doc_id, user_id, role, added_at) VALUES ('d1', 'gone', 'owner', 60)").run()).toThrow(
      /UNIQUE/,
    );
    // No leftover of the rebuild, and nothing dangling.
    expectCleanRebuild(db, '_v6');
  });

  it('widens the CHECKs to the new role and kinds, and still refuses unknown ones', () => {
    const db = migratedDatabase(cleanups);
    db.prepare("INSERT INTO users (id, email, name, color, password_hash, created_at) VALUES ('u', 'u@x.io', 'U', '#000', 'h', 1)").run();
    const insert = db.prepare(
      "INSERT INTO notifications (id, user_id, kind, actor_id, doc_id, doc_title, role, created_at) VALUES (?, 'u', ?, 'u', 'd', 'T', ?, 1)",
    );
    insert.run('n1', 'comment_mention', null);
    insert.run('n2', 'comment_reply', null);
    insert.run('n3', 'shared', 'commenter');
    expect(() => insert.run('n4', 'liked', null)).toThrow(/CHECK/);
    expect(() => insert.run('n5', 'shared', 'owner')).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM notifications').get()).toEqual({ n: 3 });
  });
});
