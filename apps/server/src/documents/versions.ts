// A document's versions: create from the live state (named, automatic), list, read, compare,
// and restore as a new edit. Part of the documents service (documents-service.ts), which is
// what the edges call.

import { randomBytes } from 'node:crypto';
import type { DiffAgainst, PublicUser, Version, VersionContent, VersionDiff } from '@inkwell/protocol';
import * as Y from 'yjs';
import { ProtocolError } from '../errors.ts';
import { RestoreOrigin } from '../rooms/restore-origin.ts';
import type { Room } from '../rooms/room.ts';
import { checkStoredState, type StoredStateReport } from '../rooms/stored-state.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { DocDamagedError } from '../storage/errors.ts';
import type { Role } from '../storage/member-store.ts';
import type { VersionReason, VersionStore } from '../storage/version-store.ts';
import { toApiVersion } from './api-shapes.ts';
import { textBlocks } from './doc-text.ts';
import { requireEditor } from './permissions.ts';
import { replaceContent } from './replace-content.ts';
import { diffBlocks } from './text-diff.ts';
import { versionsToThin } from './version-thinning.ts';

const newVersionId = (): string => randomBytes(12).toString('base64url');

/** A default label naming the moment, e.g. "27 Nov 2026, 06:15 UTC". */
function defaultLabel(now: number): string {
  return new Date(now).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });
}

export interface DocumentVersionsDeps {
  storage: DocumentStore & VersionStore;
  /** The document's room when it is loaded. */
  loadedRoom(docId: string): Room | undefined;
  /** Tells every open connection of the document, on every instance, to refetch its versions. */
  pushInvalidate(docId: string, action: 'created'): void;
  storedState?: StoredStateReport;
  now: () => number;
  /** Who edited the document since its last version; the document counts as unchanged after (AutoVersions). */
  takeAuthors(docId: string): string[];
}

/** The text blocks of a state; an empty document without one. */
function blocksOf(state: Uint8Array | null): string[] {
  if (!state) return [];
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return textBlocks(doc);
  } finally {
    doc.destroy();
  }
}

export class DocumentVersions {
  constructor(private readonly deps: DocumentVersionsDeps) {}

  /** A `manual` version of the content now (editors and owner). */
  async create(docId: string, author: PublicUser, role: Role, label: string | undefined): Promise<Version> {
    requireEditor(role, 'create versions');
    return this.store(docId, author, label, 'manual');
  }

  /**
   * An `auto` version of the content now (from `room` when given), then thinning of the older
   * automatic ones. Nothing when the room closed meanwhile (the document went to the trash).
   */
  async createAuto(docId: string, room?: Room): Promise<void> {
    if (room) {
      await room.flushed();
      if (room.isClosed) return;
    }
    // Beside other instances with the document open, one of them takes it at a time (a lock
    // of its own, so that a compaction never holds a version up); the one that finds the lock
    // taken leaves it to the other, whose version holds these edits too (all stored).
    await this.deps.storage.withDocLock(`${docId}:auto-version`, async () => {
      await this.store(docId, null, undefined, 'auto', room);
      const now = this.deps.now();
      const thin = versionsToThin(await this.deps.storage.listVersions(docId), now);
      if (thin.length > 0) await this.deps.storage.deleteVersions(docId, thin);
    });
  }

  async list(docId: string): Promise<Version[]> {
    return (await this.deps.storage.listVersions(docId)).map(toApiVersion);
  }

  async get(docId: string, versionId: string): Promise<VersionContent> {
    const version = await this.deps.storage.getVersion(docId, versionId);
    if (!version) throw new ProtocolError('NOT_FOUND', 'No such version', 'version');
    return { version: toApiVersion(version), update: Buffer.from(version.state).toString('base64') };
  }

  /**
   * The changes from the older state to the newer one: the version before this one (or an
   * empty document) to this one, or this one to the document now.
   */
  async diff(docId: string, versionId: string, against: DiffAgainst): Promise<VersionDiff> {
    const version = await this.deps.storage.getVersion(docId, versionId);
    if (!version) throw new ProtocolError('NOT_FOUND', 'No such version', 'version');
    if (against === 'current') {
      return { changes: diffBlocks(blocksOf(version.state), blocksOf(await this.currentState(docId))) };
    }
    // The one listed just after it (newest first) is the one made before it.
    const listed = await this.deps.storage.listVersions(docId);
    const before = listed[listed.findIndex((v) => v.id === versionId) + 1];
    const previous = before && (await this.deps.storage.getVersion(docId, before.id));
    return { changes: diffBlocks(blocksOf(previous?.state ?? null), blocksOf(version.state)) };
  }

  /**
   * Stores the current content as a `before-restore` version, then writes the difference
   * between the live document and the version as one edit through the room (stored before it
   * is relayed, like any other edit). Editors and owner.
   */
  async restore(docId: string, versionId: string, user: PublicUser, role: Role): Promise<{ restored: Version; backup: Version }> {
    requireEditor(role, 'restore versions');
    const version = await this.deps.storage.getVersion(docId, versionId);
    if (!version) throw new ProtocolError('NOT_FOUND', 'No such version', 'version');
    const room = this.deps.loadedRoom(docId);
    if (!room) throw new ProtocolError('NOT_FOUND', 'The document is not open');
    const backup = await this.store(docId, user, `Before restoring “${version.label}”`, 'before-restore');
    const source = new Y.Doc();
    try {
      Y.applyUpdate(source, version.state);
      // Only microtasks ran since the backup's snapshot was taken (storage calls resolve at
      // once), so no frame was handled in between: the backup is exactly what is replaced.
      replaceContent(room.doc, source, new RestoreOrigin(user));
    } finally {
      source.destroy();
    }
    await room.flushed();
    room.pushInvalidate('versions', 'restored');
    return { restored: toApiVersion(version), backup };
  }

  /** The document's content now: the live room's when loaded (or given), else what is stored. */
  private async currentState(docId: string, given?: Room): Promise<Uint8Array> {
    const room = given ?? this.deps.loadedRoom(docId);
    if (room) {
      await room.flushed();
      return Y.encodeStateAsUpdate(room.doc);
    }
    const stored = await this.deps.storage.loadDocState(docId);
    if (!stored) throw new ProtocolError('NOT_FOUND', 'No such document');
    // Damaged rows are never read as a (blank) version: DocDamagedError, 503 DOC_DAMAGED.
    try {
      const state = checkStoredState(docId, stored);
      this.deps.storedState?.readable(docId);
      return state;
    } catch (err) {
      if (err instanceof DocDamagedError) this.deps.storedState?.damaged(err);
      throw err;
    }
  }

  private async store(
    docId: string,
    author: PublicUser | null,
    label: string | undefined,
    reason: VersionReason,
    room?: Room,
  ): Promise<Version> {
    const state = await this.currentState(docId, room);
    const now = this.deps.now();
    // Taken with the state (no frame can be handled in between): the edits this version holds.
    const authorIds = this.deps.takeAuthors(docId);
    const summary = await this.deps.storage
      .createVersion({
        id: newVersionId(),
        docId,
        label: label?.trim() || defaultLabel(now),
        reason,
        authorId: author?.id ?? null,
        authorIds,
        createdAt: now,
        state,
      })
      .catch((err: unknown) => {
        if (err instanceof Error && err.name === 'DocNotFoundError') throw new ProtocolError('NOT_FOUND', 'No such document');
        throw err;
      });
    this.deps.pushInvalidate(docId, 'created');
    return toApiVersion(summary);
  }
}
