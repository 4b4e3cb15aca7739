// The trash (API.md §6): deleting a document puts it here, whole; its owner can restore it or
// purge it, and what stays longer than the retention period is purged on its own. Part of the
// documents service (documents-service.ts), which is what the edges call.
//
// A trashed document is hidden by storage itself (getDoc, loadDocState and the lists skip it),
// so every route and the socket upgrade answer 404 without knowing about the trash. Only its
// owner learns it is here: anyone else gets the 404 a document that never existed gets.
import { CloseCode, type Doc, type TrashedDoc } from '@inkwell/protocol';
import { ProtocolError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import type { TrashedDocRecord } from '../storage/document-store.ts';
import type { Storage } from '../storage/storage.ts';
import { toApiDoc, toApiTrashedDoc } from './api-shapes.ts';
import type { DocEvents } from './doc-events.ts';

const DAY_MS = 86_400_000;

export interface DocumentTrashDeps {
  storage: Storage;
  rooms: () => RoomRegistry;
  docEvents: DocEvents;
  /** Days a trashed document is kept (TRASH_RETENTION_DAYS). */
  retentionDays: number;
  now: () => number;
  /** The document left for the trash: its automatic versions stop (AutoVersions.forget). */
  onTrashed(docId: string): void;
  logger: Logger;
}

export class DocumentTrash {
  private readonly retentionMs: number;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private purging: Promise<void> | undefined;

  constructor(private readonly deps: DocumentTrashDeps) {
    this.retentionMs = deps.retentionDays * DAY_MS;
    this.log = deps.logger.child({ component: 'trash' });
  }

  /**
   * Moves an owned document to the trash: its sockets close with 4404, it leaves every list,
   * members hear it was deleted and the owner that their trash changed.
   */
  async trash(docId: string, ownerId: string): Promise<void> {
    // Read before, like a delete always did: after the trash, the members see no document.
    const memberIds = (await this.deps.storage.listMembers(docId)).map((m) => m.user.id);
    // Edits already applied are stored first, so a restore brings back what people saw
    // acknowledged; the eviction follows in the same microtask run, before another frame.
    const room = this.deps.rooms().loaded(docId);
    if (room) await room.flushed();
    this.deps.rooms().evict(docId, CloseCode.DOC_DELETED, 'document deleted');
    this.deps.onTrashed(docId);
    if (!(await this.deps.storage.trashDoc(docId, ownerId, this.deps.now()))) {
      throw new ProtocolError('NOT_FOUND', 'No such document');
    }
    await this.deps.docEvents.trashed(docId, memberIds, ownerId);
  }

  /** The caller's trashed documents, most recently deleted first. */
  async list(userId: string): Promise<TrashedDoc[]> {
    return (await this.deps.storage.listTrash(userId)).map((d) => toApiTrashedDoc(d, this.retentionMs));
  }

  /** Back as it was, with content, members, versions and comments; owner only. */
  async restore(docId: string, userId: string): Promise<Doc> {
    await this.owned(docId, userId);
    const record = await this.deps.storage.restoreDoc(docId);
    if (!record) throw new ProtocolError('NOT_FOUND', 'No such document');
    await this.deps.docEvents.restored(docId, userId);
    return toApiDoc(record, 'owner');
  }

  /** Gone for good; owner only. */
  async purge(docId: string, userId: string): Promise<void> {
    await this.owned(docId, userId);
    await this.deps.storage.deleteDoc(docId);
    await this.deps.docEvents.purged(docId, userId);
  }

  /** Purges every document trashed longer ago than the retention period. */
  async purgeExpired(): Promise<number> {
    const expired = await this.deps.storage.trashedBefore(this.deps.now() - this.retentionMs);
    for (const docId of expired) {
      // The owner is read before the memberships go with the document.
      const owner = (await this.deps.storage.listMembers(docId)).find((m) => m.role === 'owner');
      await this.deps.storage.deleteDoc(docId);
      if (owner) await this.deps.docEvents.purged(docId, owner.user.id);
      this.log.info('purged a document from the trash', { docId });
    }
    return expired.length;
  }

  /** Purges now, then every `intervalMs` (unref'd: it never keeps the process alive). */
  start(intervalMs: number): void {
    if (this.timer) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a purge in progress (before storage closes). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.purging;
  }

  private tick(): void {
    // One purge at a time: a slow one is not overtaken by the next tick.
    if (this.purging) return;
    this.purging = this.purgeExpired()
      .then(
        () => undefined,
        (err: unknown) => this.log.error('automatic trash purge failed', { err }),
      )
      .finally(() => {
        this.purging = undefined;
      });
  }

  /** The trashed document if `userId` owns it; NOT_FOUND for anyone else, as if it did not exist. */
  private async owned(docId: string, userId: string): Promise<TrashedDocRecord> {
    const [doc, role] = await Promise.all([this.deps.storage.getTrashedDoc(docId), this.deps.storage.getRole(docId, userId)]);
    if (!doc || role !== 'owner') throw new ProtocolError('NOT_FOUND', 'No such document in the trash');
    return doc;
  }
}
