// Documents and their Yjs update log in SQLite (tables from migration 1; the trash columns
// from migration 7).
import { crc32 } from 'node:zlib';
import type Database from 'better-sqlite3';
import { InProcessDocLocks } from './doc-locks.ts';
import {
  type DocRow,
  type ListEntryRow,
  TEXT_START_CHARS,
  type TrashedRow,
  toDocRecord,
  toListRecord,
  toTrashedRecord,
} from './document-rows.ts';
import type {
  AppendEntry,
  DocListRecord,
  DocLockResult,
  DocRecord,
  DocumentStore,
  EditRecord,
  StoredDocState,
  TrashedDocRecord,
  UpdatesSince,
} from './document-store.ts';
import { DocNotFoundError } from './errors.ts';
import { transactionOf } from './sqlite-connection.ts';

const TRASHED_COLUMNS = 'd.id, d.title, d.created_at, d.updated_at, d.deleted_at, d.deleted_by';

// better-sqlite3 returns Buffers; hand out plain Uint8Array views so callers see one type.
const toBytes = (buf: Buffer): Uint8Array => new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);

export interface SqliteDocumentsOptions {
  /** Writes the owner's membership; called inside the transaction that inserts the document. */
  addOwner: (docId: string, userId: string, at: number) => void;
  /** Fault injection for crash tests: runs inside the compaction transaction. */
  insideCompaction?: (() => void) | undefined;
}

export class SqliteDocuments implements DocumentStore {
  private readonly stmt;
  // One process owns the database file, so an in-process lock is the whole lock.
  private readonly locks = new InProcessDocLocks();

  constructor(
    private readonly db: Database.Database,
    private readonly opts: SqliteDocumentsOptions,
  ) {
    this.stmt = {
      insertDoc: db.prepare('INSERT INTO documents (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)'),
      getDoc: db.prepare<[string], DocRow>('SELECT id, title, created_at, updated_at FROM documents WHERE id = ? AND deleted_at IS NULL'),
      listDocs: db.prepare<[], DocRow>(
        // Ties (same millisecond) go to the later insert.
        'SELECT id, title, created_at, updated_at FROM documents WHERE deleted_at IS NULL ORDER BY created_at DESC, rowid DESC',
      ),
      // Per document: the owner through the one-owner index, the editor by primary key, and
      // the text start from the search index by rowid (substr reads the stored text, about
      // 6 ms for 500 documents of 50 KB each; measured, docs/protocol.md "Document list").
      listEntries: db.prepare<[string], ListEntryRow>(
        `SELECT d.id, d.title, d.created_at, d.updated_at, m.role, d.edited_at,
           o.id AS owner_id, o.name AS owner_name, o.color AS owner_color,
           e.id AS editor_id, e.name AS editor_name, e.color AS editor_color,
           (SELECT substr(i.body, 1, ${TEXT_START_CHARS}) FROM search_docs s JOIN search_index i ON i.rowid = s.id
             WHERE s.doc_id = d.id) AS text_start
         FROM doc_members m JOIN documents d ON d.id = m.doc_id
         LEFT JOIN doc_members om ON om.doc_id = d.id AND om.role = 'owner'
         LEFT JOIN users o ON o.id = om.user_id
         LEFT JOIN users e ON e.id = d.last_editor_id
         WHERE m.user_id = ? AND d.deleted_at IS NULL ORDER BY d.created_at DESC, d.rowid DESC`,
      ),
      recordEdit: db.prepare(
        'UPDATE documents SET last_editor_id = ?, edited_at = ? WHERE id = ? AND (edited_at IS NULL OR edited_at <= ?)',
      ),
      renameDoc: db.prepare('UPDATE documents SET title = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL'),
      deleteDoc: db.prepare('DELETE FROM documents WHERE id = ?'),
      trashDoc: db.prepare('UPDATE documents SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL'),
      restoreDoc: db.prepare('UPDATE documents SET deleted_at = NULL, deleted_by = NULL WHERE id = ? AND deleted_at IS NOT NULL'),
      getTrashed: db.prepare<[string], TrashedRow>(
        `SELECT ${TRASHED_COLUMNS} FROM documents d WHERE d.id = ? AND d.deleted_at IS NOT NULL`,
      ),
      listTrash: db.prepare<[string], TrashedRow>(
        `SELECT ${TRASHED_COLUMNS} FROM doc_members m JOIN documents d ON d.id = m.doc_id
         WHERE m.user_id = ? AND m.role = 'owner' AND d.deleted_at IS NOT NULL
         ORDER BY d.deleted_at DESC, d.rowid DESC`,
      ),
      trashedBefore: db.prepare<[number], { id: string }>(
        'SELECT id FROM documents WHERE deleted_at IS NOT NULL AND deleted_at <= ? ORDER BY deleted_at, rowid',
      ),
      isTrashed: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM documents WHERE id = ? AND deleted_at IS NOT NULL'),
      lastSeq: db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM documents WHERE id = ?'),
      bumpSeq: db.prepare('UPDATE documents SET last_seq = ?, updated_at = ? WHERE id = ?'),
      insertUpdate: db.prepare('INSERT INTO doc_updates (doc_id, seq, data) VALUES (?, ?, ?)'),
      snapshot: db.prepare<[string], { state: Buffer; through_seq: number; checksum: number | null }>(
        'SELECT state, through_seq, checksum FROM doc_snapshots WHERE doc_id = ?',
      ),
      tail: db.prepare<[string, number], { data: Buffer }>('SELECT data FROM doc_updates WHERE doc_id = ? AND seq > ? ORDER BY seq'),
      tailWithSeq: db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM doc_updates WHERE doc_id = ? AND seq > ? ORDER BY seq',
      ),
      upsertSnapshot: db.prepare(
        `INSERT INTO doc_snapshots (doc_id, state, through_seq, checksum) VALUES (?, ?, ?, ?)
         ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq, checksum = excluded.checksum
         WHERE excluded.through_seq >= doc_snapshots.through_seq`,
      ),
      dropCovered: db.prepare('DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?'),
    };
  }

  private readonly insertDoc = (doc: DocRecord, ownerId: string | undefined): void => {
    this.stmt.insertDoc.run(doc.id, doc.title, doc.createdAt, doc.updatedAt);
    if (ownerId !== undefined) this.opts.addOwner(doc.id, ownerId, doc.createdAt);
  };

  async createDoc(doc: DocRecord, ownerId?: string): Promise<DocRecord> {
    transactionOf(this.db, this.insertDoc)(doc, ownerId);
    return { ...doc };
  }

  async getDoc(id: string): Promise<DocRecord | undefined> {
    const row = this.stmt.getDoc.get(id);
    return row && toDocRecord(row);
  }

  async listDocs(): Promise<DocRecord[]> {
    return this.stmt.listDocs.all().map(toDocRecord);
  }

  async listDocEntries(userId: string): Promise<DocListRecord[]> {
    return this.stmt.listEntries.all(userId).map(toListRecord);
  }

  private readonly writeEdits = (edits: readonly EditRecord[]): void => {
    for (const e of edits) this.stmt.recordEdit.run(e.userId, e.at, e.docId, e.at);
  };

  async recordEdits(edits: readonly EditRecord[]): Promise<void> {
    if (edits.length > 0) transactionOf(this.db, this.writeEdits)(edits);
  }

  async renameDoc(id: string, title: string, now: number): Promise<DocRecord | undefined> {
    this.stmt.renameDoc.run(title, now, id);
    return this.getDoc(id);
  }

  async deleteDoc(id: string): Promise<boolean> {
    // Snapshots, updates, memberships, versions and mention claims go with it (ON DELETE CASCADE).
    return this.stmt.deleteDoc.run(id).changes > 0;
  }

  async trashDoc(id: string, byUserId: string, now: number): Promise<boolean> {
    return this.stmt.trashDoc.run(now, byUserId, id).changes > 0;
  }

  private readonly untrash = (id: string): DocRecord | undefined => {
    if (this.stmt.restoreDoc.run(id).changes === 0) return undefined;
    const row = this.stmt.getDoc.get(id);
    return row && toDocRecord(row);
  };

  async restoreDoc(id: string): Promise<DocRecord | undefined> {
    return transactionOf(this.db, this.untrash)(id);
  }

  async getTrashedDoc(id: string): Promise<TrashedDocRecord | undefined> {
    const row = this.stmt.getTrashed.get(id);
    return row && toTrashedRecord(row);
  }

  async listTrash(ownerId: string): Promise<TrashedDocRecord[]> {
    return this.stmt.listTrash.all(ownerId).map(toTrashedRecord);
  }

  async trashedBefore(cutoff: number): Promise<string[]> {
    return this.stmt.trashedBefore.all(cutoff).map((r) => r.id);
  }

  // Snapshot and tail are read in one transaction so a concurrent compaction cannot make
  // the pair inconsistent. Writes (appendBatch, compact) do not look at the trash: the
  // documents service closes a document's room before trashing it, so none arrive after.
  private readonly readState = (id: string): StoredDocState | undefined => {
    const doc = this.stmt.lastSeq.get(id);
    if (!doc || this.stmt.isTrashed.get(id)) return undefined;
    const snap = this.stmt.snapshot.get(id);
    const updates = this.stmt.tail.all(id, snap?.through_seq ?? 0).map((r) => toBytes(r.data));
    return { snapshot: snap ? toBytes(snap.state) : null, snapshotChecksum: snap?.checksum ?? null, updates, lastSeq: doc.last_seq };
  };

  async loadDocState(id: string): Promise<StoredDocState | undefined> {
    return transactionOf(this.db, this.readState)(id);
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
    return transactionOf(this.db, this.writeBatch).immediate(entries, now);
  }

  private readonly writeSnapshot = (id: string, snapshot: Uint8Array, throughSeq: number): void => {
    if (!this.stmt.lastSeq.get(id)) throw new DocNotFoundError(id);
    this.stmt.upsertSnapshot.run(id, snapshot, throughSeq, crc32(snapshot));
    this.opts.insideCompaction?.();
    this.stmt.dropCovered.run(id, throughSeq);
  };

  async compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    transactionOf(this.db, this.writeSnapshot).immediate(id, snapshot, throughSeq);
  }

  private readonly readSince = (id: string, afterSeq: number): UpdatesSince | undefined => {
    const doc = this.stmt.lastSeq.get(id);
    if (!doc || this.stmt.isTrashed.get(id)) return undefined;
    const throughSeq = this.stmt.snapshot.get(id)?.through_seq ?? 0;
    if (afterSeq < throughSeq || afterSeq > doc.last_seq) return { updates: [], lastSeq: doc.last_seq, snapshotNeeded: true };
    const updates = this.stmt.tailWithSeq.all(id, afterSeq).map((r) => ({ seq: r.seq, data: toBytes(r.data) }));
    return { updates, lastSeq: doc.last_seq, snapshotNeeded: false };
  };

  async readUpdatesSince(id: string, afterSeq: number): Promise<UpdatesSince | undefined> {
    return transactionOf(this.db, this.readSince)(id, afterSeq);
  }

  withDocLock<T>(docId: string, fn: () => Promise<T>): Promise<DocLockResult<T>> {
    return this.locks.run(docId, fn);
  }
}
