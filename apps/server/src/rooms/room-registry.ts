import {
  CloseCode,
  type DocPatch,
  type InvalidateAction,
  type InvalidateEntity,
  type ServerMessage,
  type ThreadPush,
} from '@inkwell/protocol';
import { encodeServerMessage } from '@inkwell/protocol/wire';
import type { Bus, DocMessage, GlobalMessage } from '../cluster/bus.ts';
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
  /** GroupCommit's minimum interval between commits (ms; default 0). */
  commitIntervalMs?: number;
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
  /**
   * Beside other instances (REDIS_URL): rooms subscribe to their document's channel while
   * open, publish what they store, and every revocation and push reaches the other instances.
   */
  bus?: Bus;
  /** A catch-up from storage found `missed` updates a room had not received (metrics). */
  onCatchUp?: (missed: number) => void;
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
  /**
   * Documents whose checksum-matching snapshot Yjs then refused (never seen; a Yjs bug would
   * do it): from then on they are built before they are served, which names the damage.
   */
  private readonly distrusted = new Set<string>();
  /** Loads started since creation; a count, for tests and metrics. */
  loads = 0;

  constructor(private readonly opts: RegistryOptions) {
    this.log = opts.logger.child({ component: 'rooms' });
    this.commits = new GroupCommit(opts.storage, this.log, opts.commitMetrics, opts.commitIntervalMs);
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

  /** Closes one user's connections to a document (access revoked), on every instance. */
  closeUser(docId: string, userId: string, code: number, reason: string): void {
    this.entries.get(docId)?.loaded?.closeUser(userId, code, reason);
    this.opts.bus?.publishDoc(docId, { kind: 'closeUser', userId, code, reason });
  }

  /** Applies a role change to a user's open connections at once, on every instance. */
  setRole(docId: string, userId: string, role: Role): void {
    this.entries.get(docId)?.loaded?.setRole(userId, role);
    this.opts.bus?.publishDoc(docId, { kind: 'setRole', userId, role });
  }

  /** A renamed account: its open connections carry the new name from the next frame on. */
  renameUser(userId: string, name: string): void {
    this.renameUserHere(userId, name);
    this.opts.bus?.publishGlobal({ kind: 'renameUser', userId, name });
  }

  /** Closes every connection opened with a session (logout), on every document and instance. */
  closeSession(sessionId: string, code: number, reason: string): void {
    this.closeSessionHere(sessionId, code, reason);
    this.opts.bus?.publishGlobal({ kind: 'closeSession', sessionId, code, reason });
  }

  /** Changed document fields, to every connection that said hello, on every instance. */
  pushDocPatch(docId: string, delta: DocPatch['delta']): void {
    this.broadcast(docId, { type: 'docPatch', id: docId, delta });
  }

  /** A comment thread as it is now (or `{id, deleted}`), on every instance. */
  pushThread(docId: string, thread: ThreadPush['thread']): void {
    this.broadcast(docId, { type: 'thread', thread });
  }

  /** Tells every connection of the document that said hello to refetch `entity`. */
  pushInvalidate(docId: string, entity: InvalidateEntity, action: InvalidateAction): void {
    this.broadcast(docId, { type: 'invalidate', entity, id: docId, action });
  }

  /** A message from another instance about a document (RedisBus → server). */
  receiveDoc(docId: string, message: DocMessage): void {
    switch (message.kind) {
      case 'closeUser':
        this.entries.get(docId)?.loaded?.closeUser(message.userId, message.code, message.reason);
        break;
      case 'setRole':
        this.entries.get(docId)?.loaded?.setRole(message.userId, message.role);
        break;
      case 'evict':
        this.evictHere(docId, message.code, message.reason);
        break;
      default:
        this.loaded(docId)?.receive(message);
    }
  }

  /** A message from another instance for everyone (the ones about rooms). */
  receiveGlobal(message: GlobalMessage): void {
    if (message.kind === 'renameUser') this.renameUserHere(message.userId, message.name);
    else if (message.kind === 'closeSession') this.closeSessionHere(message.sessionId, message.code, message.reason);
  }

  /** The bus was away: every open room reads what it missed from storage. */
  catchUpAll(): Promise<void> {
    return Promise.all([...this.entries.values()].map((entry) => entry.loaded?.catchUp())).then(() => undefined);
  }

  private broadcast(docId: string, message: ServerMessage): void {
    const room = this.loaded(docId);
    // A room here publishes its own broadcasts (AppHost.publish).
    if (room) room.broadcast(message);
    else this.opts.bus?.publishDoc(docId, { kind: 'app', data: encodeServerMessage(message) });
  }

  private renameUserHere(userId: string, name: string): void {
    for (const entry of this.entries.values()) entry.loaded?.renameUser(userId, name);
  }

  private closeSessionHere(sessionId: string, code: number, reason: string): void {
    for (const entry of this.entries.values()) entry.loaded?.closeSession(sessionId, code, reason);
  }

  /**
   * Closes a document's connections with `code` and forgets its room without storing more,
   * on every instance.
   */
  evict(docId: string, code: number, reason: string): void {
    this.evictHere(docId, code, reason);
    this.opts.bus?.publishDoc(docId, { kind: 'evict', code, reason });
  }

  private evictHere(docId: string, code: number, reason: string): void {
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
      publish: this.opts.bus && ((message: DocMessage) => this.opts.bus?.publishDoc(docId, message)),
      onCatchUp: this.opts.onCatchUp,
      serveBeforeBuild: !this.distrusted.has(docId),
      // A document nobody here has open any more: stop listening (unless it opened again).
      onClosed: () => {
        if (!this.entries.has(docId)) this.opts.bus?.unsubscribeDoc(docId);
      },
      onPoisoned: (room) => {
        // Nothing of the bad update was stored; everyone else reconnects to a clean reload.
        if (this.entries.get(docId) === entry) this.entries.delete(docId);
        room.close(CloseCode.TRY_AGAIN_LATER, 'document reloading');
      },
      onStorageFailure: (room, err) => {
        // The room can no longer promise durability. Drop it; clients reconnect, the doc is
        // reloaded from what was stored, and their sync step sends what is missing.
        if (this.entries.get(docId) === entry) this.entries.delete(docId);
        if (err instanceof DocDamagedError) {
          this.distrusted.add(docId);
          this.opts.storedState?.damaged(err);
        }
        room.close(CloseCode.INTERNAL_ERROR, 'storage failure');
      },
    }).then(
      (room) => {
        if (!room && this.entries.get(docId) === entry) this.entries.delete(docId);
        if (room) this.opts.storedState?.readable(docId);
        entry.loaded = room;
        if (room && this.opts.bus) this.follow(room);
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

  /**
   * Beside other instances: listens to the document's channel, then reads what was stored
   * between the load and the subscription.
   */
  private follow(room: Room): void {
    const bus = this.opts.bus!;
    bus.subscribeDoc(room.docId).then(
      () => {
        bus.publishDoc(room.docId, { kind: 'awarenessQuery' });
        return room.catchUp();
      },
      (err: unknown) => this.log.warn('could not subscribe to a document on the bus', { docId: room.docId, err }),
    );
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
