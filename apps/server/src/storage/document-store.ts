// Documents and their Yjs update log.
//
// A document's Yjs state is a snapshot plus an ordered tail of updates. Each appended update
// gets the document's next sequence number; compaction replaces a prefix of the tail with a
// snapshot that covers it. Loading applies snapshot then tail; Yjs updates are idempotent,
// so a snapshot that covers more than the rows it replaced is harmless.
//
// Methods return promises even where the SQLite implementation is synchronous, so callers
// are already written for a networked database.

import type { Role } from './roles.ts';

export interface DocRecord {
  id: string;
  title: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds; moves on rename and on every stored update. */
  updatedAt: number;
}

/** A document in the trash: hidden from getDoc and every list, its rows all kept. */
export interface TrashedDocRecord extends DocRecord {
  /** Epoch milliseconds. */
  deletedAt: number;
  /** Who put it in the trash; null once that account is gone. */
  deletedBy: string | null;
}

/** A person as a list shows them. */
export interface PersonRecord {
  id: string;
  name: string;
  color: string;
}

/** A document as one member's list shows it (listDocEntries). */
export interface DocListRecord extends DocRecord {
  role: Role;
  /** null only for a document made before accounts existed. */
  owner: PersonRecord | null;
  /** Who last changed its text and when (epoch ms); null before anyone did, or once they are gone. */
  lastEditor: PersonRecord | null;
  editedAt: number | null;
  /** The start of its indexed plain text (a few hundred characters, as stored); '' before it is indexed. */
  textStart: string;
}

/** One person's edit of one document, as recordEdits stores it. */
export interface EditRecord {
  docId: string;
  userId: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface StoredDocState {
  snapshot: Uint8Array | null;
  /**
   * CRC-32 (zlib.crc32) recorded when `snapshot` was written by compact(); null when none was
   * (a snapshot from before checksums, or written by the doctor). Absent: not read.
   */
  snapshotChecksum?: number | null;
  /** Updates after the snapshot, in sequence order. */
  updates: Uint8Array[];
  /** Sequence number of the last update ever appended (0 when none). */
  lastSeq: number;
}

export interface AppendEntry {
  docId: string;
  updates: readonly Uint8Array[];
}

/** One stored update of the log, with its sequence number. */
export interface SeqUpdate {
  seq: number;
  data: Uint8Array;
}

/** What readUpdatesSince found after a sequence number. */
export interface UpdatesSince {
  /** The stored updates with seq > afterSeq, in order; empty when snapshotNeeded. */
  updates: SeqUpdate[];
  /** Sequence number of the last update ever appended. */
  lastSeq: number;
  /**
   * Some updates after afterSeq were already folded into the snapshot (or afterSeq is past
   * lastSeq, a log the caller cannot have seen): the tail alone cannot bring the caller up to
   * date, it reloads the whole state (loadDocState).
   */
  snapshotNeeded: boolean;
}

/** withDocLock's answer: `acquired` false when someone else held the lock and fn did not run. */
export type DocLockResult<T> = { acquired: true; value: T } | { acquired: false };

export interface DocumentStore {
  /**
   * Creates a document with `ownerId` as its owner (omitted only for documents made before
   * accounts existed), in one transaction: a document never exists without the owner it was
   * created with, and an unknown owner means no document. Throws on a duplicate id.
   */
  createDoc(doc: DocRecord, ownerId?: string): Promise<DocRecord>;
  /** undefined also when the document is in the trash. */
  getDoc(id: string): Promise<DocRecord | undefined>;
  /** Newest first (by creation time; ties: latest insert first); none in the trash. */
  listDocs(): Promise<DocRecord[]>;
  renameDoc(id: string, title: string, now: number): Promise<DocRecord | undefined>;
  /**
   * The documents `userId` is a member of (none in the trash), in listDocsForUser's order,
   * with what the document list shows about each: owner, last editor, start of the text.
   */
  listDocEntries(userId: string): Promise<DocListRecord[]>;
  /**
   * Records the last editor of each document, in one transaction; for a document named twice
   * the later entry wins. An edit older than the recorded one, or of a document that is
   * gone, is ignored.
   */
  recordEdits(edits: readonly EditRecord[]): Promise<void>;
  /**
   * Deletes the metadata and all Yjs state, and with them everything kept per document
   * (members, versions, comments, handled mentions), in the trash or not: the permanent
   * purge. False when there was no such document.
   */
  deleteDoc(id: string): Promise<boolean>;

  /**
   * Moves a document to the trash: from now on getDoc, loadDocState and every list act as if
   * it did not exist, but all of its rows stay. False when there is no such document outside
   * the trash.
   */
  trashDoc(id: string, byUserId: string, now: number): Promise<boolean>;
  /** Takes a document out of the trash as it was; undefined when it is not in the trash. */
  restoreDoc(id: string): Promise<DocRecord | undefined>;
  /** undefined when the document is not in the trash. */
  getTrashedDoc(id: string): Promise<TrashedDocRecord | undefined>;
  /** The trashed documents `ownerId` owns, most recently deleted first (ties: latest insert first). */
  listTrash(ownerId: string): Promise<TrashedDocRecord[]>;
  /** Ids of the documents put in the trash at or before `cutoff` (epoch ms), oldest first. */
  trashedBefore(cutoff: number): Promise<string[]>;

  /** undefined when the document does not exist or is in the trash (a room never opens it). */
  loadDocState(id: string): Promise<StoredDocState | undefined>;
  /**
   * Appends updates atomically (all or none) and returns the sequence number of the last.
   * Rejects with DocNotFoundError when the document does not exist.
   */
  appendUpdates(id: string, updates: readonly Uint8Array[], now: number): Promise<number>;
  /**
   * Appends the updates of several documents in ONE transaction (the server's group commit
   * across rooms). Returns, per entry, the sequence number of its last update, or undefined
   * when that document does not exist (the others are still written).
   */
  appendBatch(entries: readonly AppendEntry[], now: number): Promise<(number | undefined)[]>;
  /**
   * Stores `snapshot` as the document's state through `throughSeq` and drops the updates it
   * covers, in one transaction. The snapshot must contain every update with seq <= throughSeq.
   * A snapshot older than the stored one is ignored. Rejects with DocNotFoundError when the
   * document does not exist.
   */
  compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /**
   * The updates appended after `afterSeq`, for an instance that holds the document up to
   * there and catches up (read consistently with a concurrent compaction). undefined when the
   * document does not exist or is in the trash.
   */
  readUpdatesSince(id: string, afterSeq: number): Promise<UpdatesSince | undefined>;
  /**
   * Runs `fn` holding the document's lock, or answers `acquired: false` at once without
   * running it when the lock is held: by this storage object, or (PostgreSQL) by any other
   * instance on the same database. For work one instance at a time should do (compaction,
   * automatic versions); the lock is released when fn settles. Not re-entrant.
   */
  withDocLock<T>(docId: string, fn: () => Promise<T>): Promise<DocLockResult<T>>;
}
