// Versions: named snapshots of a document's content, deleted with their document.

export type VersionReason = 'manual' | 'before-restore';

/** A named snapshot of a document's content (its state as one Yjs update). */
export interface VersionRecord {
  id: string;
  docId: string;
  label: string;
  reason: VersionReason;
  /** null once the account is gone, or for versions the server made without a person. */
  authorId: string | null;
  createdAt: number;
  state: Uint8Array;
}

/** A version as listed: no state, the author resolved. */
export interface VersionSummary extends Omit<VersionRecord, 'state' | 'authorId'> {
  author: { id: string; name: string; color: string } | null;
}

export interface VersionStore {
  /** Throws DocNotFoundError when the document does not exist. */
  createVersion(version: VersionRecord): Promise<VersionSummary>;
  /** Newest first (ties: latest insert first). */
  listVersions(docId: string): Promise<VersionSummary[]>;
  getVersion(docId: string, versionId: string): Promise<(VersionSummary & { state: Uint8Array }) | undefined>;
}
