// Everything a person can do to a document, for both edges (the socket's RPC handlers and
// the HTTP routes): create, list, read, rename, delete, share, unshare and role changes, and
// the versions (versions.ts). Each operation checks the caller's role, stores the change,
// then applies it to the live room (pushes, revocations) and tells the members (DocEvents,
// SSE), in that order. Failures a client can cause are ProtocolErrors; the edges map them.

import { randomBytes } from 'node:crypto';
import {
  CloseCode,
  type DiffAgainst,
  type Doc,
  type DocListEntry,
  type Member,
  type PublicUser,
  SEARCH_RESULTS_MAX,
  type SearchResponse,
  type ShareRole,
  type Version,
  type VersionContent,
  type VersionDiff,
} from '@inkwell/protocol';
import { toApiUser } from '../auth/auth-service.ts';
import { ProtocolError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import type { StoredStateReport } from '../rooms/stored-state.ts';
import type { DocRecord } from '../storage/document-store.ts';
import type { Role } from '../storage/member-store.ts';
import type { Storage } from '../storage/storage.ts';
import { toApiDoc, toApiDocListEntry } from './api-shapes.ts';
import { AutoVersions, type Schedule } from './auto-versions.ts';
import type { DocEvents } from './doc-events.ts';
import { requireEditor, requireOwner } from './permissions.ts';
import type { SearchIndexer } from './search-indexer.ts';
import { DocumentTrash } from './trash.ts';
import { DocumentVersions } from './versions.ts';

/** 16 URL-safe characters = 96 random bits: unguessable and within DOC_ID_PATTERN. */
export const newDocId = (): string => randomBytes(12).toString('base64url');

/** A caller's access to a document, as checked by DocumentsService.access. */
export interface DocAccess {
  readonly doc: DocRecord;
  readonly role: Role;
}

export interface DocumentsDeps {
  storage: Storage;
  /**
   * The open rooms. A function because the registry is built after this service: the
   * rooms' RPC handlers call the service.
   */
  rooms: () => RoomRegistry;
  docEvents: DocEvents;
  /** Told the outcome when a read checks a document's stored state (RegistryOptions.storedState). */
  storedState?: StoredStateReport;
  /** The search indexer (search-indexer.ts), told of new titles; none in tests that do not search. */
  searchIndex?: Pick<SearchIndexer, 'titleChanged'>;
  now?: () => number;
  /** Automatic versions: interval (tuning autoVersionMs) and, for tests, the timer. */
  autoVersions: { intervalMs: number; schedule?: Schedule };
  /** Days a trashed document is kept (tuning trashRetentionDays). */
  trashRetentionDays: number;
  logger: Logger;
}

export class DocumentsService {
  private readonly storage: Storage;
  private readonly docEvents: DocEvents;
  private readonly now: () => number;
  private readonly versions: DocumentVersions;
  /** Automatic history; the server hands its handleEdit and handleUnload to the rooms. */
  readonly autoVersions: AutoVersions;
  /** The trash; the server starts and stops its automatic purge. */
  readonly trash: DocumentTrash;

  constructor(private readonly deps: DocumentsDeps) {
    this.storage = deps.storage;
    this.docEvents = deps.docEvents;
    this.now = deps.now ?? Date.now;
    const { logger } = deps;
    this.autoVersions = new AutoVersions({
      intervalMs: deps.autoVersions.intervalMs,
      schedule: deps.autoVersions.schedule,
      takeVersion: (docId, room) => this.versions.createAuto(docId, room),
      isLoaded: (docId) => deps.rooms().loaded(docId) !== undefined,
      logger,
    });
    this.versions = new DocumentVersions({
      storage: deps.storage,
      loadedRoom: (docId) => deps.rooms().loaded(docId),
      pushInvalidate: (docId, action) => deps.rooms().pushInvalidate(docId, 'versions', action),
      storedState: deps.storedState,
      now: this.now,
      takeAuthors: (docId) => this.autoVersions.takeAuthors(docId),
    });
    this.trash = new DocumentTrash({
      storage: deps.storage,
      rooms: deps.rooms,
      docEvents: deps.docEvents,
      retentionDays: deps.trashRetentionDays,
      now: this.now,
      onTrashed: (docId) => this.autoVersions.forget(docId),
      logger,
    });
  }

  /** The user's documents with their role in each, and what the list shows (owner, last editor, snippet). */
  async list(userId: string): Promise<DocListEntry[]> {
    return (await this.storage.listDocEntries(userId)).map(toApiDocListEntry);
  }

  /**
   * A new document owned by `ownerId`; their document list is told. `content` (an import's
   * Yjs state) is stored as its first update before anyone is told of it, so no room can
   * have opened it empty.
   */
  async create(ownerId: string, title: string, content?: Uint8Array): Promise<Doc> {
    const now = this.now();
    const record = await this.storage.createDoc({ id: newDocId(), title, createdAt: now, updatedAt: now }, ownerId);
    if (content) await this.storage.appendUpdates(record.id, [content], now);
    this.deps.searchIndex?.titleChanged(record.id);
    await this.docEvents.created(record, ownerId);
    return toApiDoc(record, 'owner');
  }

  /**
   * The user's documents (not in the trash) holding every word of `query`, best first
   * (API.md §6). The index trails edits by a few seconds (search-indexer.ts).
   */
  async search(userId: string, query: string): Promise<SearchResponse> {
    const hits = await this.storage.search(userId, query, SEARCH_RESULTS_MAX);
    return {
      results: hits.map((h) => ({ id: h.docId, title: h.title, snippet: h.snippet, updatedAt: new Date(h.updatedAt).toISOString() })),
    };
  }

  /**
   * The document and the user's role in it: NOT_FOUND also when they have no access (so a
   * stranger cannot tell), FORBIDDEN when `need` is 'owner' and they are not.
   */
  async access(docId: string, userId: string, need: 'member' | 'owner' = 'member'): Promise<DocAccess> {
    const [doc, role] = await Promise.all([this.storage.getDoc(docId), this.storage.getRole(docId, userId)]);
    if (!doc || !role) throw new ProtocolError('NOT_FOUND', 'No such document');
    if (need === 'owner') requireOwner(role);
    return { doc, role };
  }

  async info(docId: string, role: Role): Promise<Doc> {
    const record = await this.storage.getDoc(docId);
    if (!record) throw new ProtocolError('NOT_FOUND', 'No such document');
    return toApiDoc(record, role);
  }

  /** Renames and pushes `docPatch {title, updatedAt}` to every client of the document. */
  async rename(docId: string, title: string, role: Role): Promise<Doc> {
    requireEditor(role, 'rename a document');
    const record = await this.storage.renameDoc(docId, title, this.now());
    if (!record) throw new ProtocolError('NOT_FOUND', 'No such document');
    const updatedAt = new Date(record.updatedAt).toISOString();
    this.deps.rooms().pushDocPatch(docId, { title: record.title, updatedAt });
    this.deps.searchIndex?.titleChanged(docId);
    // Every member's document list, over SSE.
    await this.docEvents.renamed(docId);
    return toApiDoc(record, role);
  }

  /**
   * Owner only: moves the document to the trash (trash.ts), which closes its sockets and tells
   * its members it is gone. The owner can restore or purge it from there.
   */
  async delete({ doc, role }: DocAccess, userId: string): Promise<void> {
    requireOwner(role);
    await this.trash.trash(doc.id, userId);
  }

  async members(docId: string): Promise<Member[]> {
    return (await this.storage.listMembers(docId)).map((m) => ({ user: toApiUser(m.user), role: m.role }));
  }

  /**
   * Owner only: gives the account with `email` the role `role` on the document, a new member
   * or a role change. Open sockets get the new role at once.
   */
  async share({ doc, role }: DocAccess, actor: PublicUser, email: string, newRole: ShareRole): Promise<Member> {
    requireOwner(role);
    const user = await this.storage.getUserByEmail(email);
    if (!user) throw new ProtocolError('NOT_FOUND', `No account uses ${email}`, 'user');
    if (user.id === actor.id) throw new ProtocolError('BAD_REQUEST', 'You already own this document');
    const previous = await this.storage.getRole(doc.id, user.id);
    await this.storage.setMember(doc.id, user.id, newRole, this.now());
    // A change of role applies to open sockets at once (editor → viewer stops their edits).
    this.deps.rooms().setRole(doc.id, user.id, newRole);
    if (!previous) {
      await this.docEvents.shared(doc, { id: actor.id, name: actor.name, color: actor.color }, user.id, newRole);
    } else if (previous !== newRole) {
      await this.docEvents.roleChanged(doc.id, user.id);
    }
    this.deps.rooms().pushInvalidate(doc.id, 'members', 'shared');
    return { user: toApiUser(user), role: newRole };
  }

  /** Owner only: removes `userId`'s access and closes their sockets to the document. */
  async unshare({ doc, role }: DocAccess, actorId: string, userId: string): Promise<void> {
    requireOwner(role);
    if (userId === actorId) throw new ProtocolError('BAD_REQUEST', 'The owner cannot be removed');
    if (!(await this.storage.removeMember(doc.id, userId))) {
      throw new ProtocolError('NOT_FOUND', 'Not a member of this document', 'user');
    }
    this.deps.rooms().closeUser(doc.id, userId, CloseCode.ACCESS_REVOKED, 'access revoked');
    await this.docEvents.unshared(doc.id, userId);
    this.deps.rooms().pushInvalidate(doc.id, 'members', 'unshared');
  }

  /** A `manual` version of the content now (editors and owner). */
  createVersion(docId: string, author: PublicUser, role: Role, label: string | undefined): Promise<Version> {
    return this.versions.create(docId, author, role, label);
  }

  listVersions(docId: string): Promise<Version[]> {
    return this.versions.list(docId);
  }

  getVersion(docId: string, versionId: string): Promise<VersionContent> {
    return this.versions.get(docId, versionId);
  }

  /** The changes between a version and the one before it, or the document now (any member). */
  diffVersion(docId: string, versionId: string, against: DiffAgainst): Promise<VersionDiff> {
    return this.versions.diff(docId, versionId, against);
  }

  /** Editors and owner; see RPC_METHODS['version.restore']. */
  restoreVersion(docId: string, versionId: string, user: PublicUser, role: Role): Promise<{ restored: Version; backup: Version }> {
    return this.versions.restore(docId, versionId, user, role);
  }
}
