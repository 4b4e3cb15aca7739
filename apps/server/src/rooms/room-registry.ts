import { CloseCode } from '@inkwell/protocol';
import type { Logger } from '../logger.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { DocDamagedError } from '../storage/errors.ts';
import type { Role } from '../storage/member-store.ts';
import { type CommitMetrics, GroupCommit } from './group-commit.ts';
import { type EditEvent, Room } from './room.ts';
import type { RpcOutcome } from './rpc-dispatcher.ts';
import type { RpcHandlers } from './rpc-handler.ts';
import type { StoredStateReport } from './stored-state.ts';

/** Stored updates after a snapshot that trigger a compaction, unless configured. */
export const DEFAULT_COMPACT_AFTER_UPDATES = 1000;
export interface RegistryOptions {
  storage: DocumentStore;
  logger: Logger;
  compactAfterUpdates?: number;
  /** Every room's edits (RoomOptions.onEdit). */
  onEdit?: (event: EditEvent) => void;
  /**
   * Runs when a room is about to be stored and dropped: its last client left, or the server
   * is shutting down (after the connections drained, before the final compaction). The room
   * is still open and readable; the unload waits for the returned promise (rejections are
   * logged). Not called when a room is evicted or dropped after a failure.
   */
  onUnload?: (room: Room) => Promise<void>;
  /** Every room's RPC methods (RoomOptions.rpcHandlers). */
  rpcHandlers?: RpcHandlers;
  onRpc?: (outcome: RpcOutcome) => void;
  /** Write-path monitoring (metrics/metrics.ts); nothing is recorded when omitted. */
  commitMetrics?: CommitMetrics;
  /** Told whether each load found the stored state readable or damaged (once per load). */
  storedState?: StoredStateReport;
}

/** A connection's hold on a room; release it when the connection closes. */
export interface RoomLease {
  /**
   * Resolves to the room, or undefined when the document does not exist. Rejects with
   * DocDamagedError when its stored state does not load; the next acquire loads it again.
   */
  readonly room: Promise<Room | undefined>;
  release(): void;
}

interface Entry {
  docId: string;
  room: Promise<Room | undefined>;
  /** The room once loaded, for synchronous broadcasts (revocations). */
  loaded?: Room;
  /** Leases not yet released. Counted synchronously, so an unload can never race a join. */
  refs: number;
  unloading: boolean;
}

/**
 * The open rooms. A room is loaded once per document however many connections ask at the
 * same moment (they share one pending load), and unloaded (stored, compacted, dropped) after
 * its last lease is released.
 */
export class RoomRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly log: Logger;
  private readonly commits: GroupCommit;
  private shuttingDown = false;
  /** Loads started since creation; a count, for tests and metrics. */
  loads = 0;

  constructor(private readonly opts: RegistryOptions) {
    this.log = opts.logger.child({ component: 'rooms' });
    this.commits = new GroupCommit(opts.storage, this.log, opts.commitMetrics);
  }

  get openRooms(): number {
    return this.entries.size;
  }

  acquire(docId: string): RoomLease {
    if (this.shuttingDown) throw new Error('server is shutting down');
    let entry = this.entries.get(docId);
    if (!entry) entry = this.load(docId);
    entry.refs += 1;
    let released = false;
    const held = entry;
    return {
      room: entry.room,
      release: () => {
        if (released) return;
        released = true;
        held.refs -= 1;
        if (held.refs === 0) void this.unload(held);
      },
    };
  }

  /** The document's room if it is loaded now (not while loading or after unloading). */
  loaded(docId: string): Room | undefined {
    const room = this.entries.get(docId)?.loaded;
    return room && !room.isClosed ? room : undefined;
  }

  /** Closes one user's connections to a document (access revoked). */
  closeUser(docId: string, userId: string, code: number, reason: string): void {
    this.entries.get(docId)?.loaded?.closeUser(userId, code, reason);
  }

  /** Applies a role change to a user's open connections at once. */
  setRole(docId: string, userId: string, role: Role): void {
    this.entries.get(docId)?.loaded?.setRole(userId, role);
  }

  /** A renamed account: its open connections carry the new name from the next frame on. */
  renameUser(userId: string, name: string): void {
    for (const entry of this.entries.values()) entry.loaded?.renameUser(userId, name);
  }

  /** Closes every connection opened with a session (logout), on every document. */
  closeSession(sessionId: string, code: number, reason: string): void {
    for (const entry of this.entries.values()) entry.loaded?.closeSession(sessionId, code, reason);
  }

  /** Closes a document's connections with `code` and forgets its room without storing more. */
  evict(docId: string, code: number, reason: string): void {
    const entry = this.entries.get(docId);
    if (!entry) return;
    this.entries.delete(docId);
    void entry.room.then((room) => room?.close(code, reason));
  }

  /**
   * SIGTERM path: closes all connections with 1001, waiting up to `drainMs` for frames
   * already in flight, then stores and compacts every room.
   */
  async shutdown(drainMs = 1000): Promise<void> {
    this.shuttingDown = true;
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(
      entries.map(async (entry) => {
        const room = await entry.room.catch(() => undefined);
        if (!room) return;
        await room.drain(CloseCode.GOING_AWAY, 'server shutting down', drainMs);
        // Frames that arrived during the drain are applied: the hook sees the final state.
        await this.beforeUnload(room);
        try {
          await room.compact(); // stores what is pending first
        } catch (err) {
          this.log.error('could not store room at shutdown', { docId: entry.docId, err });
        }
        room.close(CloseCode.GOING_AWAY, 'server shutting down');
      }),
    );
  }

  private async beforeUnload(room: Room): Promise<void> {
    try {
      await this.opts.onUnload?.(room);
    } catch (err) {
      this.log.error('unload hook failed', { docId: room.docId, err });
    }
  }

  private load(docId: string): Entry {
    this.loads += 1;
    const entry: Entry = { docId, refs: 0, unloading: false, room: Promise.resolve(undefined) };
    entry.room = Room.load(docId, {
      storage: this.opts.storage,
      commits: this.commits,
      logger: this.opts.logger,
      compactAfterUpdates: this.opts.compactAfterUpdates ?? DEFAULT_COMPACT_AFTER_UPDATES,
      onEdit: this.opts.onEdit,
      rpcHandlers: this.opts.rpcHandlers,
      onRpc: this.opts.onRpc,
      onPoisoned: (room) => {
        // Nothing of the bad update was stored; everyone else reconnects to a clean reload.
        if (this.entries.get(docId) === entry) this.entries.delete(docId);
        room.close(CloseCode.TRY_AGAIN_LATER, 'document reloading');
      },
      onStorageFailure: (room) => {
        // The room can no longer promise durability. Drop it; clients reconnect, the doc is
        // reloaded from what was stored, and their sync step sends what is missing.
        if (this.entries.get(docId) === entry) this.entries.delete(docId);
        room.close(CloseCode.INTERNAL_ERROR, 'storage failure');
      },
    }).then(
      (room) => {
        if (!room && this.entries.get(docId) === entry) this.entries.delete(docId);
        if (room) this.opts.storedState?.readable(docId);
        entry.loaded = room;
        return room;
      },
      (err: unknown) => {
        // Forgotten at once: no room ever existed, so nothing writes to a damaged document,
        // and the next acquire checks the rows again (a repaired document loads).
        if (this.entries.get(docId) === entry) this.entries.delete(docId);
        if (err instanceof DocDamagedError) this.opts.storedState?.damaged(err);
        throw err;
      },
    );
    this.entries.set(docId, entry);
    return entry;
  }

  private async unload(entry: Entry): Promise<void> {
    if (entry.unloading || this.shuttingDown) return;
    entry.unloading = true;
    try {
      const room = await entry.room.catch(() => undefined);
      if (!room || room.isClosed) return;
      await room.flushed();
      // Someone may have joined while the writes were in flight; then the room stays.
      if (entry.refs > 0 || this.entries.get(entry.docId) !== entry) return;
      await this.beforeUnload(room);
      if (entry.refs > 0 || this.entries.get(entry.docId) !== entry || room.isClosed) return;
      await room.compact();
      if (entry.refs > 0 || this.entries.get(entry.docId) !== entry) return;
      this.entries.delete(entry.docId);
      room.close(CloseCode.GOING_AWAY, 'room unloaded');
      this.log.debug('room unloaded', { docId: entry.docId });
    } catch (err) {
      // Whatever was stored stays stored; drop the room so the next open reloads from it.
      this.log.error('room unload failed', { docId: entry.docId, err });
      if (this.entries.get(entry.docId) === entry) this.entries.delete(entry.docId);
      void entry.room.then((room) => room?.close(CloseCode.INTERNAL_ERROR, 'unload failed'));
    } finally {
      entry.unloading = false;
      // A lease taken and released again while we were busy needs another look.
      if (entry.refs === 0 && this.entries.get(entry.docId) === entry && !this.shuttingDown) {
        void this.unload(entry);
      }
    }
  }
}
