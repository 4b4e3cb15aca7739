import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { SqliteAccounts } from './sqlite-accounts.ts';
import { SqliteEvents } from './sqlite-events.ts';
import { SqliteVersions } from './sqlite-versions.ts';
import {
  type AppendEntry,
  DocNotFoundError,
  type DocRecord,
  type EventRetention,
  type MarkReadResult,
  type MemberRecord,
  type NotificationRecord,
  type Role,
  type SessionRecord,
  type Storage,
  type StoredDocState,
  type UserEventInput,
  type UserEventRecord,
  type UserRecord,
  type VersionRecord,
  type VersionSummary,
} from './storage.ts';

interface DocRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
}

const toRecord = (row: DocRow): DocRecord => ({
  id: row.id,
  title: row.title,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

// better-sqlite3 returns Buffers; hand out plain Uint8Array views so callers see one type.
const toBytes = (buf: Buffer): Uint8Array => new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);

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

export type SqliteSynchronous = 'NORMAL' | 'FULL';

/**
 * SQLite storage in WAL mode. With synchronous=NORMAL (the default) a committed transaction
 * survives a crash of the process; FULL also survives power loss (docs/storage.md).
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly accounts: SqliteAccounts;
  private readonly events: SqliteEvents;
  private readonly versions: SqliteVersions;
  private readonly checkpointer: Checkpointer | undefined;

  constructor(
    readonly file: string,
    private readonly opts: {
      synchronous?: SqliteSynchronous;
      /** Fault injection for crash tests: runs inside the compaction transaction. */
      insideCompaction?: () => void;
      /** Checkpoint the WAL from a worker thread this often (ms); 0 leaves it to SQLite. */
      checkpointIntervalMs?: number;
      onCheckpointError?: (message: string) => void;
    } = {},
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${opts.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    applyMigrations(this.db);
    if (opts.checkpointIntervalMs && file !== ':memory:') {
      // SQLite's own checkpoint stays as a safety net, far out (about 40 MB of WAL), in case
      // the worker falls behind.
      this.db.pragma('wal_autocheckpoint = 10000');
      this.checkpointer = startCheckpointer(file, opts.checkpointIntervalMs, (message) =>
        opts.onCheckpointError?.(message),
      );
    }

    const db = this.db;
    this.stmt = {
      insertDoc: db.prepare('INSERT INTO documents (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)'),
      getDoc: db.prepare<[string], DocRow>('SELECT id, title, created_at, updated_at FROM documents WHERE id = ?'),
      listDocs: db.prepare<[], DocRow>(
        // Ties (same millisecond) go to the later insert.
        'SELECT id, title, created_at, updated_at FROM documents ORDER BY created_at DESC, rowid DESC',
      ),
      listDocsForUser: db.prepare<[string], DocRow & { role: Role }>(
        `SELECT d.id, d.title, d.created_at, d.updated_at, m.role
         FROM doc_members m JOIN documents d ON d.id = m.doc_id
         WHERE m.user_id = ? ORDER BY d.created_at DESC, d.rowid DESC`,
      ),
      renameDoc: db.prepare('UPDATE documents SET title = ?, updated_at = ? WHERE id = ?'),
      deleteDoc: db.prepare('DELETE FROM documents WHERE id = ?'),
      lastSeq: db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM documents WHERE id = ?'),
      bumpSeq: db.prepare('UPDATE documents SET last_seq = ?, updated_at = ? WHERE id = ?'),
      insertUpdate: db.prepare('INSERT INTO doc_updates (doc_id, seq, data) VALUES (?, ?, ?)'),
      snapshot: db.prepare<[string], { state: Buffer; through_seq: number }>(
        'SELECT state, through_seq FROM doc_snapshots WHERE doc_id = ?',
      ),
      tail: db.prepare<[string, number], { data: Buffer }>(
        'SELECT data FROM doc_updates WHERE doc_id = ? AND seq > ? ORDER BY seq',
      ),
      upsertSnapshot: db.prepare(
        `INSERT INTO doc_snapshots (doc_id, state, through_seq) VALUES (?, ?, ?)
         ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq
         WHERE excluded.through_seq >= doc_snapshots.through_seq`,
      ),
      dropCovered: db.prepare('DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?'),
    };
    this.accounts = new SqliteAccounts(db);
    this.events = new SqliteEvents(db);
    this.versions = new SqliteVersions(db);
  }

  // One transaction: a document never exists without the owner it was created with.
  private readonly insertDoc = (doc: DocRecord, ownerId: string | undefined): void => {
    this.stmt.insertDoc.run(doc.id, doc.title, doc.createdAt, doc.updatedAt);
    if (ownerId !== undefined) this.accounts.addOwner(doc.id, ownerId, doc.createdAt);
  };

  async createDoc(doc: DocRecord, ownerId?: string): Promise<DocRecord> {
    this.db.transaction(this.insertDoc)(doc, ownerId);
    return { ...doc };
  }

  async getDoc(id: string): Promise<DocRecord | undefined> {
    const row = this.stmt.getDoc.get(id);
    return row && toRecord(row);
  }

  async listDocs(): Promise<DocRecord[]> {
    return this.stmt.listDocs.all().map(toRecord);
  }

  async listDocsForUser(userId: string): Promise<(DocRecord & { role: Role })[]> {
    return this.stmt.listDocsForUser.all(userId).map((row) => ({ ...toRecord(row), role: row.role }));
  }

  async renameDoc(id: string, title: string, now: number): Promise<DocRecord | undefined> {
    this.stmt.renameDoc.run(title, now, id);
    return this.getDoc(id);
  }

  async deleteDoc(id: string): Promise<boolean> {
    // Snapshots, updates and memberships go with it (ON DELETE CASCADE).
    return this.stmt.deleteDoc.run(id).changes > 0;
  }

  // Snapshot and tail are read in one transaction so a concurrent compaction cannot make
  // the pair inconsistent.
  private readonly readState = (id: string): StoredDocState | undefined => {
    const doc = this.stmt.lastSeq.get(id);
    if (!doc) return undefined;
    const snap = this.stmt.snapshot.get(id);
    const updates = this.stmt.tail.all(id, snap?.through_seq ?? 0).map((r) => toBytes(r.data));
    return { snapshot: snap ? toBytes(snap.state) : null, updates, lastSeq: doc.last_seq };
  };

  async loadDocState(id: string): Promise<StoredDocState | undefined> {
    return this.db.transaction(this.readState)(id);
  }

  private readonly writeBatch = (entries: readonly AppendEntry[], now: number): (number | undefined)[] =>
    entries.map(({ docId, updates }) => {
      const doc = this.stmt.lastSeq.get(docId);
      if (!doc) return undefined;
      let seq = doc.last_seq;
      for (const update of updates) this.stmt.insertUpdate.run(docId, ++seq, update);
      this.stmt.bumpSeq.run(seq, now, docId);
      return seq;
    });

  async appendUpdates(id: string, updates: readonly Uint8Array[], now: number): Promise<number> {
    const [seq] = await this.appendBatch([{ docId: id, updates }], now);
    if (seq === undefined) throw new DocNotFoundError(id);
    return seq;
  }

  async appendBatch(entries: readonly AppendEntry[], now: number): Promise<(number | undefined)[]> {
    return this.db.transaction(this.writeBatch).immediate(entries, now);
  }


  private readonly writeSnapshot = (id: string, snapshot: Uint8Array, throughSeq: number): void => {
    if (!this.stmt.lastSeq.get(id)) throw new DocNotFoundError(id);
    this.stmt.upsertSnapshot.run(id, snapshot, throughSeq);
    this.opts.insideCompaction?.();
    this.stmt.dropCovered.run(id, throughSeq);
  };

  async compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.db.transaction(this.writeSnapshot).immediate(id, snapshot, throughSeq);
  }

  async createUser(user: UserRecord): Promise<UserRecord> {
    return this.accounts.createUser(user);
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    return this.accounts.getUser(id);
  }

  async getUserByEmail(email: string): Promise<UserRecord | undefined> {
    return this.accounts.getUserByEmail(email);
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.accounts.createSession(session);
  }

  async getSession(tokenHash: string, now: number): Promise<SessionRecord | undefined> {
    return this.accounts.getSession(tokenHash, now);
  }

  async touchSession(tokenHash: string, expiresAt: number): Promise<boolean> {
    return this.accounts.touchSession(tokenHash, expiresAt);
  }

  async deleteSession(tokenHash: string): Promise<boolean> {
    return this.accounts.deleteSession(tokenHash);
  }

  async getRole(docId: string, userId: string): Promise<Role | undefined> {
    return this.accounts.getRole(docId, userId);
  }

  async listMembers(docId: string): Promise<MemberRecord[]> {
    return this.accounts.listMembers(docId);
  }

  async setMember(docId: string, userId: string, role: 'editor' | 'viewer', now: number): Promise<void> {
    this.accounts.setMember(docId, userId, role, now);
  }

  async removeMember(docId: string, userId: string): Promise<boolean> {
    return this.accounts.removeMember(docId, userId);
  }

  async appendUserEvents(
    events: readonly UserEventInput[],
    now: number,
    retention: EventRetention,
  ): Promise<UserEventRecord[]> {
    return this.events.appendUserEvents(events, now, retention);
  }

  async readUserEvents(
    userId: string,
    afterId: number,
    now: number,
    retention: EventRetention,
  ): Promise<{ lastId: number; events: UserEventRecord[] }> {
    return this.events.readUserEvents(userId, afterId, now, retention);
  }

  async createNotification(notification: NotificationRecord, keep: number): Promise<void> {
    this.events.createNotification(notification, keep);
  }

  async listNotifications(userId: string, limit: number): Promise<NotificationRecord[]> {
    return this.events.listNotifications(userId, limit);
  }

  async countUnreadNotifications(userId: string): Promise<number> {
    return this.events.countUnreadNotifications(userId);
  }

  async markNotificationRead(userId: string, id: string, now: number): Promise<MarkReadResult> {
    return this.events.markNotificationRead(userId, id, now);
  }

  async markAllNotificationsRead(userId: string, now: number): Promise<number> {
    return this.events.markAllNotificationsRead(userId, now);
  }

  async claimMentionNodes(docId: string, nodeIds: readonly string[]): Promise<string[]> {
    return this.events.claimMentionNodes(docId, nodeIds);
  }

  async createVersion(version: VersionRecord): Promise<VersionSummary> {
    return this.versions.create(version);
  }

  async listVersions(docId: string): Promise<VersionSummary[]> {
    return this.versions.list(docId);
  }

  async getVersion(docId: string, versionId: string): Promise<(VersionSummary & { state: Uint8Array }) | undefined> {
    return this.versions.get(docId, versionId);
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    await this.checkpointer?.stop();
    // Fold the WAL back into the main file so the data directory is one self-contained file.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
