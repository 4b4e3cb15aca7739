// Versions: snapshots of a document's content, deleted with their document.

/** `manual`: a person made it; `before-restore`: taken just before a restore; `auto`: the server's own. */
export type VersionReason = 'manual' | 'before-restore' | 'auto';

/** A person who made or edited a version, as lists show them. */
export interface VersionPerson {
  id: string;
  name: string;
  color: string;
}

/** A snapshot of a document's content (its state as one Yjs update). */
export interface VersionRecord {
  id: string;
  docId: string;
  label: string;
  reason: VersionReason;
  /** null once the account is gone, or for versions the server made without a person. */
  authorId: string | null;
  /** The people whose edits it holds since the version before it, in the order first seen. */
  authorIds: readonly string[];
  createdAt: number;
  state: Uint8Array;
}

/** A version as listed: no state, the author and authors resolved (unknown accounts left out). */
export interface VersionSummary extends Omit<VersionRecord, 'state' | 'authorId' | 'authorIds'> {
  author: VersionPerson | null;
  authors: VersionPerson[];
}

export interface VersionStore {
  /** Throws DocNotFoundError when the document does not exist. */
  createVersion(version: VersionRecord): Promise<VersionSummary>;
  /** Newest first (ties: latest insert first). */
  listVersions(docId: string): Promise<VersionSummary[]>;
  getVersion(docId: string, versionId: string): Promise<(VersionSummary & { state: Uint8Array }) | undefined>;
  /** Deletes those of `ids` that belong to the document (thinning); returns how many went. */
  deleteVersions(docId: string, ids: readonly string[]): Promise<number>;
}
