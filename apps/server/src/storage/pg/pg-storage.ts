// All of Storage on a PostgreSQL pool, one store class per interface, as SqliteStorage is on
// one SQLite connection. Any number of instances may share one database: every write that
// others could race with is one statement or one transaction that takes its row locks in a
// stable order (docs/storage.md, "PostgreSQL").

import type pg from 'pg';
import type { SessionRecord, UserRecord } from '../account-store.ts';
import type { CommentRecord, DeleteCommentResult, ThreadAnchorRecord, ThreadView } from '../comment-store.ts';
import type {
  AppendEntry,
  DocListRecord,
  DocLockResult,
  DocRecord,
  EditRecord,
  StoredDocState,
  TrashedDocRecord,
  UpdatesSince,
} from '../document-store.ts';
import type { EventRetention, MarkReadResult, NotificationRecord, UserEventInput, UserEventRecord } from '../event-store.ts';
import type { ImageRecord, ImageUsage, StoredImage } from '../image-store.ts';
import type { MemberRecord, Role } from '../member-store.ts';
import type { SearchHit } from '../search-store.ts';
import type { Storage } from '../storage.ts';
import type { VersionRecord, VersionSummary } from '../version-store.ts';
import { PgAccounts } from './pg-accounts.ts';
import { PgComments } from './pg-comments.ts';
import { createClient, createPool, loadPgDriver, type PgConnectionOptions } from './pg-connection.ts';
import { PgDocLocks } from './pg-doc-locks.ts';
import { PgDocuments } from './pg-documents.ts';
import { PgEvents } from './pg-events.ts';
import { PgImages } from './pg-images.ts';
import { PgMembers } from './pg-members.ts';
import { applyPgMigrations } from './pg-migrations.ts';
import { PgSearch } from './pg-search.ts';
import { PgVersions } from './pg-versions.ts';

export interface PgStorageOptions extends PgConnectionOptions {
  /** A connection failed outside any query (an idle pooled one, or the lock connection). */
  onConnectionError?: (err: Error) => void;
}

/** PostgreSQL could not be reached, or refused us, while opening the storage. */
export class PgOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PgOpenError';
  }
}

/** The URL without its password, for messages and logs. */
export function describePgUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'the DATABASE_URL';
  }
}

/** An error's message; Node's connection errors to a name with several addresses come as an AggregateError without one. */
function reason(err: unknown): string {
  if (err instanceof AggregateError && !err.message) return err.errors.map(reason).join('; ');
  if (err instanceof Error) return err.message || ((err as NodeJS.ErrnoException).code ?? err.name);
  return String(err);
}

export class PgStorage implements Storage {
  private readonly documents: PgDocuments;
  private readonly members: PgMembers;
  private readonly accounts: PgAccounts;
  private readonly events: PgEvents;
  private readonly versions: PgVersions;
  private readonly comments: PgComments;
  private readonly searchIndex: PgSearch;
  private readonly images: PgImages;
  private readonly locks: PgDocLocks;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    opts: PgStorageOptions,
  ) {
    this.locks = new PgDocLocks(() => createClient(opts), opts.onConnectionError);
    this.documents = new PgDocuments(pool);
    this.members = new PgMembers(pool);
    this.accounts = new PgAccounts(pool);
    this.events = new PgEvents(pool);
    this.versions = new PgVersions(pool);
    this.comments = new PgComments(pool);
    this.searchIndex = new PgSearch(pool);
    this.images = new PgImages(pool);
  }

  /**
   * Connects, brings the schema up to date (one instance at a time) and returns the storage;
   * PgOpenError when the database cannot be reached or refuses the connection.
   */
  static async open(opts: PgStorageOptions): Promise<PgStorage> {
    await loadPgDriver();
    const pool = createPool({ ...opts, onIdleError: opts.onConnectionError });
    try {
      await applyPgMigrations(pool);
    } catch (err) {
      await pool.end().catch(() => {});
      throw new PgOpenError(`cannot open PostgreSQL at ${describePgUrl(opts.url)}: ${reason(err)}`, { cause: err });
    }
    return new PgStorage(pool, opts);
  }

  // Plain delegation, written out as methods so tests can spy on or override one of them.

  createDoc(doc: DocRecord, ownerId?: string): Promise<DocRecord> {
    return this.documents.createDoc(doc, ownerId);
  }

  getDoc(id: string): Promise<DocRecord | undefined> {
    return this.documents.getDoc(id);
  }

  listDocs(): Promise<DocRecord[]> {
    return this.documents.listDocs();
  }

  listDocEntries(userId: string): Promise<DocListRecord[]> {
    return this.documents.listDocEntries(userId);
  }

  recordEdits(edits: readonly EditRecord[]): Promise<void> {
    return this.documents.recordEdits(edits);
  }

  renameDoc(id: string, title: string, now: number): Promise<DocRecord | undefined> {
    return this.documents.renameDoc(id, title, now);
  }

  deleteDoc(id: string): Promise<boolean> {
    return this.documents.deleteDoc(id);
  }

  trashDoc(id: string, byUserId: string, now: number): Promise<boolean> {
    return this.documents.trashDoc(id, byUserId, now);
  }

  restoreDoc(id: string): Promise<DocRecord | undefined> {
    return this.documents.restoreDoc(id);
  }

  getTrashedDoc(id: string): Promise<TrashedDocRecord | undefined> {
    return this.documents.getTrashedDoc(id);
  }

  listTrash(ownerId: string): Promise<TrashedDocRecord[]> {
    return this.documents.listTrash(ownerId);
  }

  trashedBefore(cutoff: number): Promise<string[]> {
    return this.documents.trashedBefore(cutoff);
  }

  loadDocState(id: string): Promise<StoredDocState | undefined> {
    return this.documents.loadDocState(id);
  }

  appendUpdates(id: string, updates: readonly Uint8Array[], now: number): Promise<number> {
    return this.documents.appendUpdates(id, updates, now);
  }

  appendBatch(entries: readonly AppendEntry[], now: number): Promise<(number | undefined)[]> {
    return this.documents.appendBatch(entries, now);
  }

  compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    return this.documents.compact(id, snapshot, throughSeq);
  }

  readUpdatesSince(id: string, afterSeq: number): Promise<UpdatesSince | undefined> {
    return this.documents.readUpdatesSince(id, afterSeq);
  }

  withDocLock<T>(docId: string, fn: () => Promise<T>): Promise<DocLockResult<T>> {
    return this.locks.run(docId, fn);
  }

  getRole(docId: string, userId: string): Promise<Role | undefined> {
    return this.members.getRole(docId, userId);
  }

  listMembers(docId: string): Promise<MemberRecord[]> {
    return this.members.listMembers(docId);
  }

  setMember(docId: string, userId: string, role: 'editor' | 'commenter' | 'viewer', now: number): Promise<void> {
    return this.members.setMember(docId, userId, role, now);
  }

  removeMember(docId: string, userId: string): Promise<boolean> {
    return this.members.removeMember(docId, userId);
  }

  listDocsForUser(userId: string): Promise<(DocRecord & { role: Role })[]> {
    return this.members.listDocsForUser(userId);
  }

  createUser(user: UserRecord): Promise<UserRecord> {
    return this.accounts.createUser(user);
  }

  getUser(id: string): Promise<UserRecord | undefined> {
    return this.accounts.getUser(id);
  }

  getUserByEmail(email: string): Promise<UserRecord | undefined> {
    return this.accounts.getUserByEmail(email);
  }

  createSession(session: SessionRecord): Promise<void> {
    return this.accounts.createSession(session);
  }

  getSession(tokenHash: string, now: number): Promise<SessionRecord | undefined> {
    return this.accounts.getSession(tokenHash, now);
  }

  touchSession(tokenHash: string, expiresAt: number): Promise<boolean> {
    return this.accounts.touchSession(tokenHash, expiresAt);
  }

  deleteSession(tokenHash: string): Promise<boolean> {
    return this.accounts.deleteSession(tokenHash);
  }

  renameUser(id: string, name: string): Promise<UserRecord | undefined> {
    return this.accounts.renameUser(id, name);
  }

  setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
    return this.accounts.setPasswordHash(id, passwordHash);
  }

  coMemberIds(userId: string): Promise<string[]> {
    return this.accounts.coMemberIds(userId);
  }

  deleteOtherSessions(userId: string, keepTokenHash: string): Promise<string[]> {
    return this.accounts.deleteOtherSessions(userId, keepTokenHash);
  }

  appendUserEvents(events: readonly UserEventInput[], now: number, retention: EventRetention): Promise<UserEventRecord[]> {
    return this.events.appendUserEvents(events, now, retention);
  }

  readUserEvents(
    userId: string,
    afterId: number,
    now: number,
    retention: EventRetention,
  ): Promise<{ lastId: number; events: UserEventRecord[] }> {
    return this.events.readUserEvents(userId, afterId, now, retention);
  }

  createNotification(notification: NotificationRecord, keep: number): Promise<void> {
    return this.events.createNotification(notification, keep);
  }

  listNotifications(userId: string, limit: number): Promise<NotificationRecord[]> {
    return this.events.listNotifications(userId, limit);
  }

  countUnreadNotifications(userId: string): Promise<number> {
    return this.events.countUnreadNotifications(userId);
  }

  markNotificationRead(userId: string, id: string, now: number): Promise<MarkReadResult> {
    return this.events.markNotificationRead(userId, id, now);
  }

  markAllNotificationsRead(userId: string, now: number): Promise<number> {
    return this.events.markAllNotificationsRead(userId, now);
  }

  claimMentionNodes(docId: string, nodeIds: readonly string[]): Promise<string[]> {
    return this.events.claimMentionNodes(docId, nodeIds);
  }

  createVersion(version: VersionRecord): Promise<VersionSummary> {
    return this.versions.createVersion(version);
  }

  listVersions(docId: string): Promise<VersionSummary[]> {
    return this.versions.listVersions(docId);
  }

  getVersion(docId: string, versionId: string): Promise<(VersionSummary & { state: Uint8Array }) | undefined> {
    return this.versions.getVersion(docId, versionId);
  }

  deleteVersions(docId: string, ids: readonly string[]): Promise<number> {
    return this.versions.deleteVersions(docId, ids);
  }

  createThread(
    thread: { id: string; docId: string; anchor: ThreadAnchorRecord; createdAt: number },
    first: CommentRecord,
  ): Promise<ThreadView> {
    return this.comments.createThread(thread, first);
  }

  listThreads(docId: string): Promise<ThreadView[]> {
    return this.comments.listThreads(docId);
  }

  getThread(docId: string, threadId: string): Promise<ThreadView | undefined> {
    return this.comments.getThread(docId, threadId);
  }

  addComment(docId: string, threadId: string, comment: CommentRecord): Promise<ThreadView | undefined> {
    return this.comments.addComment(docId, threadId, comment);
  }

  editComment(
    docId: string,
    threadId: string,
    commentId: string,
    change: { body: string; mentions: readonly string[]; editedAt: number },
  ): Promise<ThreadView | undefined> {
    return this.comments.editComment(docId, threadId, commentId, change);
  }

  setResolved(docId: string, threadId: string, resolved: { byId: string; at: number } | null): Promise<ThreadView | undefined> {
    return this.comments.setResolved(docId, threadId, resolved);
  }

  deleteComment(docId: string, threadId: string, commentId: string): Promise<DeleteCommentResult> {
    return this.comments.deleteComment(docId, threadId, commentId);
  }

  countThreads(docId: string): Promise<number> {
    return this.comments.countThreads(docId);
  }

  indexDoc(docId: string, title: string, text: string): Promise<boolean> {
    return this.searchIndex.indexDoc(docId, title, text);
  }

  removeDoc(docId: string): Promise<void> {
    return this.searchIndex.removeDoc(docId);
  }

  search(userId: string, query: string, limit: number): Promise<SearchHit[]> {
    return this.searchIndex.search(userId, query, limit);
  }

  listUnindexedDocs(afterId: string, limit: number): Promise<string[]> {
    return this.searchIndex.listUnindexedDocs(afterId, limit);
  }

  putImage(image: StoredImage): Promise<{ image: ImageRecord; created: boolean }> {
    return this.images.putImage(image);
  }

  getImage(docId: string, imageId: string): Promise<StoredImage | undefined> {
    return this.images.getImage(docId, imageId);
  }

  imageUsage(docId: string): Promise<ImageUsage> {
    return this.images.imageUsage(docId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.locks.close();
    await this.pool.end();
  }
}
