// Storage made of one store per interface: what SqliteStorage and PgStorage share. Each
// backend builds its stores and hands them here; every method of Storage is one delegation,
// written out (not generated) so that the types say what goes where and tests can spy on or
// override one method of a storage object.
import type { AccountStore, SessionRecord, UserRecord } from './account-store.ts';
import type { CommentRecord, CommentStore, DeleteCommentResult, ThreadAnchorRecord, ThreadView } from './comment-store.ts';
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
import type { EventRetention, EventStore, MarkReadResult, NotificationRecord, UserEventInput, UserEventRecord } from './event-store.ts';
import type { ImageRecord, ImageStore, ImageUsage, StoredImage } from './image-store.ts';
import type { MemberRecord, MemberStore, Role } from './member-store.ts';
import type { SearchHit, SearchStore } from './search-store.ts';
import type { Storage } from './storage.ts';
import type { VersionRecord, VersionStore, VersionSummary } from './version-store.ts';

/** The stores of one backend. */
export interface StorageParts {
  documents: Omit<DocumentStore, 'withDocLock'>;
  /** withDocLock: in the process for SQLite, across instances for PostgreSQL. */
  docLocks: Pick<DocumentStore, 'withDocLock'>;
  members: MemberStore;
  accounts: AccountStore;
  events: EventStore;
  versions: VersionStore;
  comments: CommentStore;
  searchIndex: SearchStore;
  images: ImageStore;
}

export abstract class ComposedStorage implements Storage {
  protected constructor(private readonly parts: StorageParts) {}

  createDoc(doc: DocRecord, ownerId?: string): Promise<DocRecord> {
    return this.parts.documents.createDoc(doc, ownerId);
  }

  getDoc(id: string): Promise<DocRecord | undefined> {
    return this.parts.documents.getDoc(id);
  }

  listDocs(): Promise<DocRecord[]> {
    return this.parts.documents.listDocs();
  }

  listDocEntries(userId: string): Promise<DocListRecord[]> {
    return this.parts.documents.listDocEntries(userId);
  }

  recordEdits(edits: readonly EditRecord[]): Promise<void> {
    return this.parts.documents.recordEdits(edits);
  }

  renameDoc(id: string, title: string, now: number): Promise<DocRecord | undefined> {
    return this.parts.documents.renameDoc(id, title, now);
  }

  deleteDoc(id: string): Promise<boolean> {
    return this.parts.documents.deleteDoc(id);
  }

  trashDoc(id: string, byUserId: string, now: number): Promise<boolean> {
    return this.parts.documents.trashDoc(id, byUserId, now);
  }

  restoreDoc(id: string): Promise<DocRecord | undefined> {
    return this.parts.documents.restoreDoc(id);
  }

  getTrashedDoc(id: string): Promise<TrashedDocRecord | undefined> {
    return this.parts.documents.getTrashedDoc(id);
  }

  listTrash(ownerId: string): Promise<TrashedDocRecord[]> {
    return this.parts.documents.listTrash(ownerId);
  }

  trashedBefore(cutoff: number): Promise<string[]> {
    return this.parts.documents.trashedBefore(cutoff);
  }

  loadDocState(id: string): Promise<StoredDocState | undefined> {
    return this.parts.documents.loadDocState(id);
  }

  appendUpdates(id: string, updates: readonly Uint8Array[], now: number): Promise<number> {
    return this.parts.documents.appendUpdates(id, updates, now);
  }

  appendBatch(entries: readonly AppendEntry[], now: number): Promise<(number | undefined)[]> {
    return this.parts.documents.appendBatch(entries, now);
  }

  compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    return this.parts.documents.compact(id, snapshot, throughSeq);
  }

  readUpdatesSince(id: string, afterSeq: number): Promise<UpdatesSince | undefined> {
    return this.parts.documents.readUpdatesSince(id, afterSeq);
  }

  withDocLock<T>(docId: string, fn: () => Promise<T>): Promise<DocLockResult<T>> {
    return this.parts.docLocks.withDocLock(docId, fn);
  }

  getRole(docId: string, userId: string): Promise<Role | undefined> {
    return this.parts.members.getRole(docId, userId);
  }

  listMembers(docId: string): Promise<MemberRecord[]> {
    return this.parts.members.listMembers(docId);
  }

  setMember(docId: string, userId: string, role: 'editor' | 'commenter' | 'viewer', now: number): Promise<void> {
    return this.parts.members.setMember(docId, userId, role, now);
  }

  removeMember(docId: string, userId: string): Promise<boolean> {
    return this.parts.members.removeMember(docId, userId);
  }

  listDocsForUser(userId: string): Promise<(DocRecord & { role: Role })[]> {
    return this.parts.members.listDocsForUser(userId);
  }

  createUser(user: UserRecord): Promise<UserRecord> {
    return this.parts.accounts.createUser(user);
  }

  getUser(id: string): Promise<UserRecord | undefined> {
    return this.parts.accounts.getUser(id);
  }

  getUserByEmail(email: string): Promise<UserRecord | undefined> {
    return this.parts.accounts.getUserByEmail(email);
  }

  createSession(session: SessionRecord): Promise<void> {
    return this.parts.accounts.createSession(session);
  }

  getSession(tokenHash: string, now: number): Promise<SessionRecord | undefined> {
    return this.parts.accounts.getSession(tokenHash, now);
  }

  touchSession(tokenHash: string, expiresAt: number): Promise<boolean> {
    return this.parts.accounts.touchSession(tokenHash, expiresAt);
  }

  deleteSession(tokenHash: string): Promise<boolean> {
    return this.parts.accounts.deleteSession(tokenHash);
  }

  renameUser(id: string, name: string): Promise<UserRecord | undefined> {
    return this.parts.accounts.renameUser(id, name);
  }

  setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
    return this.parts.accounts.setPasswordHash(id, passwordHash);
  }

  coMemberIds(userId: string): Promise<string[]> {
    return this.parts.accounts.coMemberIds(userId);
  }

  deleteOtherSessions(userId: string, keepTokenHash: string): Promise<string[]> {
    return this.parts.accounts.deleteOtherSessions(userId, keepTokenHash);
  }

  appendUserEvents(events: readonly UserEventInput[], now: number, retention: EventRetention): Promise<UserEventRecord[]> {
    return this.parts.events.appendUserEvents(events, now, retention);
  }

  readUserEvents(
    userId: string,
    afterId: number,
    now: number,
    retention: EventRetention,
  ): Promise<{ lastId: number; events: UserEventRecord[] }> {
    return this.parts.events.readUserEvents(userId, afterId, now, retention);
  }

  createNotification(notification: NotificationRecord, keep: number): Promise<void> {
    return this.parts.events.createNotification(notification, keep);
  }

  listNotifications(userId: string, limit: number): Promise<NotificationRecord[]> {
    return this.parts.events.listNotifications(userId, limit);
  }

  countUnreadNotifications(userId: string): Promise<number> {
    return this.parts.events.countUnreadNotifications(userId);
  }

  markNotificationRead(userId: string, id: string, now: number): Promise<MarkReadResult> {
    return this.parts.events.markNotificationRead(userId, id, now);
  }

  markAllNotificationsRead(userId: string, now: number): Promise<number> {
    return this.parts.events.markAllNotificationsRead(userId, now);
  }

  claimMentionNodes(docId: string, nodeIds: readonly string[]): Promise<string[]> {
    return this.parts.events.claimMentionNodes(docId, nodeIds);
  }

  createVersion(version: VersionRecord): Promise<VersionSummary> {
    return this.parts.versions.createVersion(version);
  }

  listVersions(docId: string): Promise<VersionSummary[]> {
    return this.parts.versions.listVersions(docId);
  }

  getVersion(docId: string, versionId: string): Promise<(VersionSummary & { state: Uint8Array }) | undefined> {
    return this.parts.versions.getVersion(docId, versionId);
  }

  deleteVersions(docId: string, ids: readonly string[]): Promise<number> {
    return this.parts.versions.deleteVersions(docId, ids);
  }

  createThread(
    thread: { id: string; docId: string; anchor: ThreadAnchorRecord; createdAt: number },
    first: CommentRecord,
  ): Promise<ThreadView> {
    return this.parts.comments.createThread(thread, first);
  }

  listThreads(docId: string): Promise<ThreadView[]> {
    return this.parts.comments.listThreads(docId);
  }

  getThread(docId: string, threadId: string): Promise<ThreadView | undefined> {
    return this.parts.comments.getThread(docId, threadId);
  }

  addComment(docId: string, threadId: string, comment: CommentRecord): Promise<ThreadView | undefined> {
    return this.parts.comments.addComment(docId, threadId, comment);
  }

  editComment(
    docId: string,
    threadId: string,
    commentId: string,
    change: { body: string; mentions: readonly string[]; editedAt: number },
  ): Promise<ThreadView | undefined> {
    return this.parts.comments.editComment(docId, threadId, commentId, change);
  }

  setResolved(docId: string, threadId: string, resolved: { byId: string; at: number } | null): Promise<ThreadView | undefined> {
    return this.parts.comments.setResolved(docId, threadId, resolved);
  }

  deleteComment(docId: string, threadId: string, commentId: string): Promise<DeleteCommentResult> {
    return this.parts.comments.deleteComment(docId, threadId, commentId);
  }

  countThreads(docId: string): Promise<number> {
    return this.parts.comments.countThreads(docId);
  }

  indexDoc(docId: string, title: string, text: string): Promise<boolean> {
    return this.parts.searchIndex.indexDoc(docId, title, text);
  }

  removeDoc(docId: string): Promise<void> {
    return this.parts.searchIndex.removeDoc(docId);
  }

  search(userId: string, query: string, limit: number): Promise<SearchHit[]> {
    return this.parts.searchIndex.search(userId, query, limit);
  }

  listUnindexedDocs(afterId: string, limit: number): Promise<string[]> {
    return this.parts.searchIndex.listUnindexedDocs(afterId, limit);
  }

  putImage(image: StoredImage): Promise<{ image: ImageRecord; created: boolean }> {
    return this.parts.images.putImage(image);
  }

  getImage(docId: string, imageId: string): Promise<StoredImage | undefined> {
    return this.parts.images.getImage(docId, imageId);
  }

  imageUsage(docId: string): Promise<ImageUsage> {
    return this.parts.images.imageUsage(docId);
  }

  abstract close(): Promise<void>;
}
