// Document operations shared by the socket's RPC handlers and the HTTP routes: rename with a
// live push, versions (create from the live state, restore as a new edit).
import type { Doc, PublicUser, Version, VersionContent } from '@inkwell/protocol';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { Room } from '../rooms/room.ts';
import { ProtocolError } from '../rpc/protocol-error.ts';
import type { AppServices } from '../rpc/services.ts';
import type { DocRecord, Role, Storage, VersionSummary } from '../storage/storage.ts';
import { storedUpdate } from '../rooms/stored-state.ts';
import { replaceContent } from './replace-content.ts';

export const toApiDoc = (record: DocRecord, role: Role): Doc => ({
  id: record.id,
  title: record.title,
  role,
  createdAt: new Date(record.createdAt).toISOString(),
  updatedAt: new Date(record.updatedAt).toISOString(),
});

export const toApiVersion = (v: VersionSummary): Version => ({
  id: v.id,
  docId: v.docId,
  label: v.label,
  reason: v.reason,
  author: v.author,
  createdAt: new Date(v.createdAt).toISOString(),
});

const CAN_EDIT: ReadonlySet<Role> = new Set(['owner', 'editor']);

function requireEditor(role: Role, what: string): void {
  if (!CAN_EDIT.has(role)) throw new ProtocolError('FORBIDDEN', `Viewers cannot ${what}`);
}

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

/** Transaction origin of a restore: the room attributes the edit to `user`. */
export class RestoreOrigin {
  constructor(readonly user: PublicUser) {}
}

export interface DocActionsDeps {
  storage: Storage;
  /** The document's room when it is loaded. */
  loadedRoom(docId: string): Room | undefined;
  /** After a rename is stored and pushed to the document's sockets (members' lists, SSE). */
  onRenamed?: (docId: string) => Promise<void>;
  now?: () => number;
}

export class DocActions implements AppServices {
  private readonly now: () => number;

  constructor(private readonly deps: DocActionsDeps) {
    this.now = deps.now ?? Date.now;
  }

  async docInfo(docId: string, role: Role): Promise<Doc> {
    const record = await this.deps.storage.getDoc(docId);
    if (!record) throw new ProtocolError('NOT_FOUND', 'No such document');
    return toApiDoc(record, role);
  }

  async renameDoc(docId: string, title: string, role: Role): Promise<Doc> {
    requireEditor(role, 'rename a document');
    const record = await this.deps.storage.renameDoc(docId, title, this.now());
    if (!record) throw new ProtocolError('NOT_FOUND', 'No such document');
    const updatedAt = new Date(record.updatedAt).toISOString();
    this.deps.loadedRoom(docId)?.pushDocPatch({ title: record.title, updatedAt });
    await this.deps.onRenamed?.(docId);
    return toApiDoc(record, role);
  }

  /** The document's content now: the live room's when loaded, else what is stored. */
  private async currentState(docId: string): Promise<Uint8Array> {
    const room = this.deps.loadedRoom(docId);
    if (room) {
      await room.flushed();
      return Y.encodeStateAsUpdate(room.doc);
    }
    const stored = await this.deps.storage.loadDocState(docId);
    if (!stored) throw new ProtocolError('NOT_FOUND', 'No such document');
    return storedUpdate(stored);
  }

  async createVersion(docId: string, author: PublicUser, role: Role, label: string | undefined): Promise<Version> {
    requireEditor(role, 'create versions');
    return this.storeVersion(docId, author, label, 'manual');
  }

  private async storeVersion(
    docId: string,
    author: PublicUser,
    label: string | undefined,
    reason: Version['reason'],
  ): Promise<Version> {
    const state = await this.currentState(docId);
    const now = this.now();
    const summary = await this.deps.storage
      .createVersion({
        id: newVersionId(),
        docId,
        label: label?.trim() || defaultLabel(now),
        reason,
        authorId: author.id,
        createdAt: now,
        state,
      })
      .catch((err: unknown) => {
        if (err instanceof Error && err.name === 'DocNotFoundError') throw new ProtocolError('NOT_FOUND', 'No such document');
        throw err;
      });
    this.deps.loadedRoom(docId)?.pushInvalidate('versions', 'created');
    return toApiVersion(summary);
  }

  async listVersions(docId: string): Promise<Version[]> {
    return (await this.deps.storage.listVersions(docId)).map(toApiVersion);
  }

  async getVersion(docId: string, versionId: string): Promise<VersionContent> {
    const version = await this.deps.storage.getVersion(docId, versionId);
    if (!version) throw new ProtocolError('NOT_FOUND', 'No such version');
    return { version: toApiVersion(version), update: Buffer.from(version.state).toString('base64') };
  }

  /**
   * Stores the current content as a `before-restore` version, then writes the difference
   * between the live document and the version as one edit through the room (stored before it
   * is relayed, like any other edit).
   */
  async restoreVersion(
    docId: string,
    versionId: string,
    user: PublicUser,
    role: Role,
  ): Promise<{ restored: Version; backup: Version }> {
    requireEditor(role, 'restore versions');
    const version = await this.deps.storage.getVersion(docId, versionId);
    if (!version) throw new ProtocolError('NOT_FOUND', 'No such version');
    const room = this.deps.loadedRoom(docId);
    if (!room) throw new ProtocolError('NOT_FOUND', 'The document is not open');
    const backup = await this.storeVersion(docId, user, `Before restoring “${version.label}”`, 'before-restore');
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
}
