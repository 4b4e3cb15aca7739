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

export type Role = 'owner' | 'editor' | 'viewer';

export interface UserRecord {
  id: string;
  /** Stored as given (trimmed); compared case-insensitively. */
  email: string;
  name: string;
  color: string;
  /** scrypt hash with its parameters and salt; never the password. */
  passwordHash: string;
  createdAt: number;
}

export interface SessionRecord {
  /** SHA-256 of the cookie token (hex); the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

export interface MemberRecord {
  user: UserRecord;
  role: Role;
}

/** One event for one user's SSE log; `data` is the event's JSON text. */
export interface UserEventInput {
  userId: string;
  name: string;
  data: string;
}

export interface UserEventRecord extends UserEventInput {
  /** Consecutive per user, from 1. */
  id: number;
  createdAt: number;
}

/** How much of each user's event log is kept: events younger than maxAgeMs, at most maxEvents. */
export interface EventRetention {
  maxAgeMs: number;
  maxEvents: number;
}

export interface NotificationRecord {
  id: string;
  /** Who it is for. */
  userId: string;
  kind: 'shared' | 'mentioned';
  actorId: string;
  docId: string;
  /** The title when it happened. */
  docTitle: string;
  /** For `shared`: the role given. */
  role?: 'editor' | 'viewer';
  createdAt: number;
  readAt: number | null;
}

export type MarkReadResult = 'marked' | 'unchanged' | 'missing';
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

export interface AppendEntry {
  docId: string;
  updates: readonly Uint8Array[];
}

export interface Storage {
  /**
   * Creates a document with `ownerId` as its owner (omitted only for documents made before
   * accounts existed). Throws on a duplicate id.
   */
  createDoc(doc: DocRecord, ownerId?: string): Promise<DocRecord>;
  getDoc(id: string): Promise<DocRecord | undefined>;
  /** Newest first (by creation time; ties: latest insert first). */
  listDocs(): Promise<DocRecord[]>;
  /** The documents `userId` is a member of, with their role; same order as listDocs. */
  listDocsForUser(userId: string): Promise<(DocRecord & { role: Role })[]>;
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
   * Appends the updates of several documents in ONE transaction (the server's group commit
   * across rooms). Returns, per entry, the sequence number of its last update, or undefined
   * when that document does not exist (the others are still written).
   */
  appendBatch(entries: readonly AppendEntry[], now: number): Promise<(number | undefined)[]>;
  /**
   * Stores `snapshot` as the document's state through `throughSeq` and drops the updates it
   * covers, in one transaction. The snapshot must contain every update with seq <= throughSeq.
   */
  compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;

  // Accounts. Every method that takes an email compares it case-insensitively.
  /**
   * Throws EmailTakenError when the email is in use. The first user ever created becomes the
   * owner of every document that has no owner (documents made before accounts existed).
   */
  createUser(user: UserRecord): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | undefined>;
  getUserByEmail(email: string): Promise<UserRecord | undefined>;

  createSession(session: SessionRecord): Promise<void>;
  /** undefined when unknown or expired at `now`. */
  getSession(tokenHash: string, now: number): Promise<SessionRecord | undefined>;
  /** Moves the expiry (sliding sessions); false when the session is gone. */
  touchSession(tokenHash: string, expiresAt: number): Promise<boolean>;
  deleteSession(tokenHash: string): Promise<boolean>;

  // Membership: exactly one owner per document (set by createDoc), any number of editors
  // and viewers.
  getRole(docId: string, userId: string): Promise<Role | undefined>;
  /** Owner first, then by the time they were added. */
  listMembers(docId: string): Promise<MemberRecord[]>;
  /** Adds or changes an editor/viewer; never changes the owner (throws). */
  setMember(docId: string, userId: string, role: 'editor' | 'viewer', now: number): Promise<void>;
  /** false when the user was not a member; refuses to remove the owner (throws). */
  removeMember(docId: string, userId: string): Promise<boolean>;

  // Per-user event log (the SSE stream), notifications and mentions (migration 4).
  /**
   * Appends events in one transaction, giving each the next id of its user, and prunes what
   * `retention` no longer keeps for those users. Returns the records in input order.
   */
  appendUserEvents(events: readonly UserEventInput[], now: number, retention: EventRetention): Promise<UserEventRecord[]>;
  /**
   * Prunes `userId`'s log to `retention`, then returns its kept events with id > afterId in
   * id order, and the last id ever issued to the user (0 when none).
   */
  readUserEvents(
    userId: string,
    afterId: number,
    now: number,
    retention: EventRetention,
  ): Promise<{ lastId: number; events: UserEventRecord[] }>;

  /** Stores a notification; the user keeps at most `keep` of them (the oldest go). */
  createNotification(notification: NotificationRecord, keep: number): Promise<void>;
  /** Newest first (ties: latest insert first), at most `limit`. */
  listNotifications(userId: string, limit: number): Promise<NotificationRecord[]>;
  countUnreadNotifications(userId: string): Promise<number>;
  /** `missing` also when the notification is someone else's. */
  markNotificationRead(userId: string, id: string, now: number): Promise<MarkReadResult>;
  /** Returns how many were unread. */
  markAllNotificationsRead(userId: string, now: number): Promise<number>;
  /** Records mention nodes of a document as handled; returns those not recorded before. */
  claimMentionNodes(docId: string, nodeIds: readonly string[]): Promise<string[]>;
  // Versions: named snapshots, deleted with their document.
  /** Throws DocNotFoundError when the document does not exist. */
  createVersion(version: VersionRecord): Promise<VersionSummary>;
  /** Newest first (ties: latest insert first). */
  listVersions(docId: string): Promise<VersionSummary[]>;
  getVersion(docId: string, versionId: string): Promise<(VersionSummary & { state: Uint8Array }) | undefined>;

  close(): Promise<void>;
}

export class EmailTakenError extends Error {
  constructor() {
    super('email is already registered');
    this.name = 'EmailTakenError';
  }
}

export class OwnerChangeError extends Error {
  constructor() {
    super("a document's owner cannot be changed or removed");
    this.name = 'OwnerChangeError';
  }
}

export class DocNotFoundError extends Error {
  constructor(readonly docId: string) {
    super(`document ${docId} does not exist`);
    this.name = 'DocNotFoundError';
  }
}
