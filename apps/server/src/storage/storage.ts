// The storage boundary. Everything the server keeps goes through this interface so that the
// SQLite implementation can be swapped (a Postgres backend is planned) and so that one
// contract suite (storage-contract.ts) holds every implementation to the same behaviour.
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

export interface StoredDocState {
  snapshot: Uint8Array | null;
  /** Updates after the snapshot, in sequence order. */
  updates: Uint8Array[];
  /** Sequence number of the last update ever appended (0 when none). */
  lastSeq: number;
}

export interface Storage {
  createDoc(doc: DocRecord): Promise<DocRecord>;
  getDoc(id: string): Promise<DocRecord | undefined>;
  /** Newest first (by creation time). */
  listDocs(): Promise<DocRecord[]>;
  renameDoc(id: string, title: string, now: number): Promise<DocRecord | undefined>;
  /** Deletes the metadata and all Yjs state; false when there was no such document. */
  deleteDoc(id: string): Promise<boolean>;

  /** undefined when the document does not exist. */
  loadDocState(id: string): Promise<StoredDocState | undefined>;
  /**
   * Appends updates atomically (all or none) and returns the sequence number of the last.
   * Rejects with DocNotFoundError when the document does not exist.
   */
  appendUpdates(id: string, updates: readonly Uint8Array[], now: number): Promise<number>;
  /**
   * Stores `snapshot` as the document's state through `throughSeq` and drops the updates it
   * covers, in one transaction. The snapshot must contain every update with seq <= throughSeq.
   */
  compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;

  close(): Promise<void>;
}

export class DocNotFoundError extends Error {
  constructor(readonly docId: string) {
    super(`document ${docId} does not exist`);
    this.name = 'DocNotFoundError';
  }
}
