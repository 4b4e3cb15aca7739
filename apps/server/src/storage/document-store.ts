// Documents and their Yjs update log.
//
// A document's Yjs state is a snapshot plus an ordered tail of updates. Each appended update
// gets the document's next sequence number; compaction replaces a prefix of the tail with a
// snapshot that covers it. Loading applies snapshot then tail; Yjs updates are idempotent,
// so a snapshot that covers more than the rows it replaced is harmless.
//
// Methods return promises even where the SQLite implementation is synchronous, so callers
// are already written for a networked database.

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

export interface StoredDocState {
  snapshot: Uint8Array | null;
  /** Updates after the snapshot, in sequence order. */
  updates: Uint8Array[];
  /** Sequence number of the last update ever appended (0 when none). */
  lastSeq: number;
}

export interface AppendEntry {
  docId: string;
  updates: readonly Uint8Array[];
}

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
}
