import {
  CloseCode,
  canEditText,
  type DocPatch,
  type InvalidateAction,
  type InvalidateEntity,
  type ServerMessage,
  type ThreadPush,
} from '@inkwell/protocol';
import {
  decodeMessage,
  encodeServerMessage,
  MalformedMessageError,
  syncStep1,
  syncStep2,
  syncStep2FromUpdate,
  syncUpdate,
} from '@inkwell/protocol/wire';
import * as Y from 'yjs';
import { type DocMessage, STORED_ELSEWHERE } from '../cluster/bus.ts';
import type { Logger } from '../logger.ts';
import { DocDamagedError } from '../storage/errors.ts';
import type { Role } from '../storage/member-store.ts';
import { countTextChanges } from './activity.ts';
import { AppSession } from './app-session.ts';
import type { Connection, Identity } from './connection.ts';
import { GroupCommit } from './group-commit.ts';
import { RestoreOrigin } from './restore-origin.ts';
import type { EditEvent, RoomHandle, RoomOptions } from './room-options.ts';
import { newAwarenessBudget, RoomPresence } from './room-presence.ts';
import type { RoomSocket } from './room-socket.ts';
import { StoredFeed } from './stored-feed.ts';
import { buildStoredDoc, isEmptyStateVector, trustedStoredUpdate } from './stored-state.ts';
import { UpdateGuard } from './update-guard.ts';
import { WriteLog } from './write-log.ts';

export type { EditEvent, Identity, RoomHandle, RoomOptions };

/**
 * A room loaded from a trusted snapshot builds its doc after answering its first fresh client,
 * when something needs the doc, or at the latest this long after the load.
 */
const BUILD_UNASKED_AFTER_MS = 1000;

/** Logged when a snapshot from before the update guard loads with changes left pending. */
const LEGACY_PENDING_WARNING =
  'the stored snapshot leaves changes waiting for rows that were never stored; loaded as before (pnpm run doctor)';

/**
 * One open document: its Y.Doc, awareness, and the connections editing it.
 *
 * Persist before relay: an update is applied to the in-memory doc at once, but nobody sees
 * it (no relay, no sync-step-2 answer containing it, no `saved`) until the write holding it
 * has committed (WriteLog: group commit, ordered waiters).
 */
export class Room implements RoomHandle {
  private readonly ydoc: Y.Doc;
  private readonly presence: RoomPresence;
  private readonly guard: UpdateGuard;
  /**
   * The stored rows the doc was built from, as one update, until the doc first changes: the
   * whole document, already durable, so a fresh client's step 2 is these bytes as they are.
   */
  private storedUpdate: Uint8Array | null;
  /**
   * A trusted snapshot (stored-state.ts trustedStoredUpdate) not yet applied to the doc: a
   * fresh client is answered with it first, and the doc is built once that answer is written,
   * at once when anything needs it (`doc`), or after BUILD_UNASKED_AFTER_MS.
   */
  private unbuilt: Uint8Array | null = null;
  private buildTimer: NodeJS.Timeout | undefined;
  private readonly conns = new Map<RoomSocket, Connection>();
  private readonly log: Logger;

  private readonly writes: WriteLog;
  private readonly app: AppSession;
  private closed = false;
  private onDrained: (() => void) | null = null;
  /** Which stored updates the room holds, and how it gets the ones other instances stored. */
  private readonly stored: StoredFeed;

  private constructor(
    readonly docId: string,
    private readonly opts: RoomOptions,
    loaded: { doc: Y.Doc; update: Uint8Array } | { unbuilt: Uint8Array },
    lastSeq: number,
    snapshotSeq: number,
  ) {
    if ('unbuilt' in loaded) {
      this.ydoc = new Y.Doc();
      this.unbuilt = loaded.unbuilt;
      this.storedUpdate = loaded.unbuilt;
    } else {
      this.ydoc = loaded.doc;
      this.storedUpdate = loaded.update;
    }
    this.guard = new UpdateGuard(this.ydoc);
    this.log = opts.logger.child({ docId });
    const room = this;
    this.stored = new StoredFeed({
      docId,
      get doc() {
        return room.doc;
      },
      storage: opts.storage,
      log: this.log,
      lastSeq,
      onCatchUp: opts.onCatchUp,
      isClosed: () => this.closed,
    });
    this.writes = new WriteLog(
      {
        docId,
        storage: opts.storage,
        commits: opts.commits ?? new GroupCommit(opts.storage, this.log),
        log: this.log,
        compactAfterUpdates: opts.compactAfterUpdates,
        snapshot: () => Y.encodeStateAsUpdate(this.doc),
        onFailure: (err) => opts.onStorageFailure(this, err),
        onCommitted: (from, updates) => {
          this.stored.committed(from, updates.length);
          opts.publish?.({ kind: 'update', from, updates });
        },
        compactThrough: () => this.stored.through,
      },
      lastSeq,
      snapshotSeq,
    );
    this.app = new AppSession(
      {
        docId,
        get doc() {
          return room.doc;
        },
        log: this.log,
        connections: () => this.conns.entries(),
        send: (socket, data) => this.send(socket, data),
        seq: () => this.writes.seq,
        publish: opts.publish && ((data) => opts.publish?.({ kind: 'app', data })),
      },
      { handlers: opts.rpcHandlers, onRpc: opts.onRpc },
    );
    this.presence = new RoomPresence({
      doc: this.ydoc,
      conns: this.conns,
      send: (socket, data) => this.send(socket, data),
      publish: opts.publish,
      log: this.log,
    });
    if (this.unbuilt) {
      // Not on the next turn: the first client's step 1 is a round trip away, and a build
      // started before it arrives would hold its answer back (a large document takes 100 ms).
      this.buildTimer = setTimeout(() => this.buildLater(), BUILD_UNASKED_AFTER_MS);
      this.buildTimer.unref();
    } else {
      this.listen();
    }
  }

  /** After the load transaction, which is never stored again. */
  private listen(): void {
    this.ydoc.on('update', this.handleDocUpdate);
    this.ydoc.on('afterTransaction', this.handleAfterTransaction);
  }

  /** The document (built from storage by load(), or now from a trusted snapshot). */
  get doc(): Y.Doc {
    if (this.unbuilt) this.build();
    return this.ydoc;
  }

  /**
   * Applies the trusted snapshot to the doc. Throws DocDamagedError when Yjs refuses it (the
   * room is then closed through onStorageFailure, and the registry builds first next time).
   */
  private build(): void {
    const update = this.unbuilt;
    if (!update) return;
    this.unbuilt = null;
    clearTimeout(this.buildTimer);
    try {
      Y.applyUpdate(this.ydoc, update);
    } catch (err) {
      const damaged = new DocDamagedError(this.docId, { kind: 'snapshot' }, err instanceof Error ? err.message : String(err));
      this.opts.onStorageFailure(this, damaged);
      throw damaged;
    }
    if (this.ydoc.store.pendingStructs !== null || this.ydoc.store.pendingDs !== null) {
      this.log.warn(LEGACY_PENDING_WARNING);
    }
    this.listen();
    // Our step 1, held back until there was a state vector to send.
    if (this.conns.size > 0) {
      const step1 = syncStep1(this.ydoc);
      for (const socket of this.conns.keys()) this.send(socket, step1);
    }
  }

  private buildLater(): void {
    if (this.closed) return;
    try {
      this.build();
    } catch {
      // Reported and closed by build().
    }
  }

  /**
   * Loads the document from storage; undefined when it does not exist. Rejects with
   * DocDamagedError, before any room exists, when the stored rows do not load
   * (stored-state.ts checkStoredState): a damaged document is never served and never written.
   */
  static async load(docId: string, opts: RoomOptions): Promise<Room | undefined> {
    const state = await opts.storage.loadDocState(docId);
    if (!state) return undefined;
    const snapshotSeq = state.lastSeq - state.updates.length;
    const trusted = opts.serveBeforeBuild === false ? null : trustedStoredUpdate(state);
    if (trusted) return new Room(docId, opts, { unbuilt: trusted }, state.lastSeq, snapshotSeq);
    const built = buildStoredDoc(docId, state);
    const room = new Room(docId, opts, built, state.lastSeq, snapshotSeq);
    if (built.legacyPending) {
      room.log.warn(LEGACY_PENDING_WARNING);
    }
    return room;
  }

  get size(): number {
    return this.conns.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  join(socket: RoomSocket, identity: Identity): void {
    if (this.closed) throw new Error(`room ${this.docId} is closed`);
    this.conns.set(socket, {
      ...identity,
      id: socket.id,
      awarenessBudget: newAwarenessBudget(),
      awarenessIds: new Set(),
      hello: false,
      updatesReceived: 0,
      updatesDurable: 0,
      updatesAcked: 0,
    });
    // Step 1 carries only our state vector, so it need not wait for pending writes. Not yet
    // built: sent by build(), which the client's own step 1 does not need.
    if (!this.unbuilt) this.send(socket, syncStep1(this.doc));
    this.presence.joined(socket);
  }

  leave(socket: RoomSocket): void {
    const conn = this.conns.get(socket);
    if (!conn) return;
    this.conns.delete(socket);
    this.presence.left(conn);
    this.app.left(socket, conn);
    if (this.conns.size === 0) this.onDrained?.();
  }

  /**
   * Handles one frame from `socket`. Throws MalformedMessageError when the frame or the
   * update in it is invalid; the caller closes that connection. Nothing of a rejected
   * update is applied.
   */
  handleMessage(socket: RoomSocket, data: Uint8Array): void {
    const conn = this.conns.get(socket);
    if (this.closed || !conn) return;
    const message = decodeMessage(data);
    if (this.storedUpdate && message.type === 'syncStep1' && isEmptyStateVector(message.stateVector)) {
      // A fresh client: the stored bytes are the whole document (nothing changed it since the
      // load) and already durable; no need to encode it again.
      // Built once the answer is out (a build holds the event loop, and with it the rest of a
      // large frame the OS did not take at once), while that client applies what it got.
      this.send(socket, syncStep2FromUpdate(this.storedUpdate), this.unbuilt ? () => setImmediate(() => this.buildLater()) : undefined);
      return;
    }
    if (this.unbuilt) {
      try {
        this.build();
      } catch {
        return; // the room is closed
      }
    }
    switch (message.type) {
      case 'syncStep1': {
        // The answer is computed now (the state this client asked about) and sent once
        // everything in it is stored.
        const reply = this.check('state vector', () => syncStep2(this.doc, message.stateVector));
        this.writes.afterDurable(() => this.send(socket, reply));
        break;
      }
      case 'update': {
        conn.updatesReceived += 1;
        const count = conn.updatesReceived;
        if (!canEditText(conn.role)) {
          // Read-only is enforced here, not only in the UI: never applied, stored or relayed.
          // A viewer or commenter stays connected; its frames are acknowledged so its client
          // settles.
          this.writes.afterDurable(() => this.app.stored(conn, count));
          break;
        }
        if (this.guard.apply(message.update, socket) === 'poisoned') {
          const reason = this.guard.violation ?? 'update refused';
          this.log.warn('refused an update that breaks a limit; reloading the room', { connId: conn.id, reason });
          socket.close(CloseCode.PROTOCOL_VIOLATION, reason.slice(0, 120));
          this.opts.onPoisoned(this);
          return;
        }
        // Also for a frame that changed nothing: the client counts every frame it sent.
        this.writes.afterDurable(() => this.app.stored(conn, count));
        break;
      }
      case 'awareness':
        this.presence.apply(socket, conn, message.update);
        break;
      case 'queryAwareness':
        this.presence.query(socket);
        break;
      case 'app':
        this.app.handle(socket, conn, message.json);
        break;
      default: {
        const unreachable: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /**
   * A message from another instance about this document (the registry handles the ones
   * about connections: closeUser, setRole, evict).
   */
  receive(message: DocMessage): void {
    if (this.closed) return;
    switch (message.kind) {
      case 'update':
        this.stored.apply(message.from, message.updates);
        break;
      case 'stored':
        this.stored.storedThrough(message.through);
        break;
      case 'awareness':
      case 'awarenessQuery':
        this.presence.receive(message);
        break;
      case 'app':
        for (const [socket, conn] of this.conns) if (conn.hello) this.send(socket, message.data);
        break;
      default:
        break;
    }
  }

  /**
   * Reads what other instances stored that this room has not received (a new subscription, or
   * the bus coming back) and applies it. Resolves when done.
   */
  catchUp(): Promise<void> {
    return this.stored.catchUp();
  }

  /** Closes a user's connections now; frames they send while closing are ignored. */
  closeUser(userId: string, code: number, reason: string): void {
    for (const [socket, conn] of [...this.conns]) if (conn.user.id === userId) this.kick(socket, code, reason);
  }

  /**
   * The name stamped on the user's awareness states and typing signals from now on. Their
   * tabs re-publish their awareness when they learn of the rename (SSE `user`), and that
   * update then carries the new name to everyone here.
   */
  renameUser(userId: string, name: string): void {
    for (const conn of this.conns.values()) if (conn.user.id === userId) conn.user = { ...conn.user, name };
  }

  closeSession(sessionId: string, code: number, reason: string): void {
    for (const [socket, conn] of [...this.conns]) if (conn.sessionId === sessionId) this.kick(socket, code, reason);
  }

  /** A new role applies from the next frame on (editor → viewer stops edits at once). */
  setRole(userId: string, role: Role): void {
    for (const [socket, conn] of this.conns) {
      if (conn.user.id !== userId || conn.role === role) continue;
      conn.role = role;
      // Tell the tab, so that it turns read-only (or editable) without a reload.
      if (conn.hello) this.send(socket, encodeServerMessage({ type: 'docPatch', id: this.docId, delta: { role } }));
    }
  }

  /** A server message to every connection that said hello (and, beside other instances, theirs). */
  broadcast(message: ServerMessage): void {
    this.app.broadcast(message);
  }

  /** Pushes changed document fields to every connection that said hello. */
  pushDocPatch(delta: DocPatch['delta']): void {
    this.app.pushDocPatch(delta);
  }

  /** A comment thread as it is now (or `{id, deleted}`), to every connection that said hello. */
  pushThread(thread: ThreadPush['thread']): void {
    this.app.pushThread(thread);
  }

  /** Tells every connection that said hello to refetch `entity` of this document. */
  pushInvalidate(entity: InvalidateEntity, action: InvalidateAction): void {
    this.app.pushInvalidate(entity, action);
  }

  private kick(socket: RoomSocket, code: number, reason: string): void {
    this.leave(socket);
    socket.close(code, reason);
  }

  /** Runs `fn` once every update applied so far is stored (at once when nothing is pending). */
  afterDurable(fn: () => void): void {
    this.writes.afterDurable(fn);
  }

  /** Resolves when every update applied so far is stored. */
  flushed(): Promise<void> {
    return this.writes.flushed();
  }

  /** Stores what is pending and folds the stored tail into a snapshot. */
  compact(): Promise<void> {
    return this.writes.compact();
  }

  /**
   * Asks every connection to close and waits (at most `timeoutMs`) until they have left.
   * Frames a client sent before it saw our close frame still arrive and are applied, so a
   * shutdown loses nothing that was already on the wire.
   */
  async drain(code: number, reason: string, timeoutMs: number): Promise<void> {
    for (const socket of this.conns.keys()) socket.close(code, reason);
    if (this.conns.size === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.onDrained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.onDrained = null;
  }

  /** Closes every connection with `code` and releases the doc. Pending writes are dropped. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const socket of this.conns.keys()) socket.close(code, reason);
    this.conns.clear();
    this.writes.stop();
    this.app.close();
    this.storedUpdate = null;
    this.unbuilt = null;
    clearTimeout(this.buildTimer);
    this.stored.close();
    this.presence.destroy();
    this.ydoc.off('update', this.handleDocUpdate);
    this.ydoc.off('afterTransaction', this.handleAfterTransaction);
    this.ydoc.destroy();
    this.opts.onClosed?.();
  }

  private check<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw new MalformedMessageError(`invalid ${what}: ${(err as Error).message}`);
    }
  }

  private send(socket: RoomSocket, data: Uint8Array, written?: () => void): void {
    if (socket.isOpen) socket.send(data, written);
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.storedUpdate = null;
    if (origin === STORED_ELSEWHERE) {
      // Stored already (by another instance): relayed at once, never appended again.
      const message = syncUpdate(update);
      for (const socket of this.conns.keys()) this.send(socket, message);
      return;
    }
    // A violating update is in memory but must go nowhere; the room is about to be dropped.
    if (this.guard.violation) return;
    this.writes.append(update);
    const message = syncUpdate(update);
    this.writes.afterDurable(() => {
      for (const socket of this.conns.keys()) if (socket !== origin) this.send(socket, message);
    });
  };

  private readonly handleAfterTransaction = (transaction: Y.Transaction): void => {
    const origin = transaction.origin;
    if (this.guard.violation) return;
    if (transaction.changed.size === 0 && transaction.deleteSet.clients.size === 0) return;
    const user = origin instanceof RestoreOrigin ? origin.user : this.conns.get(origin as RoomSocket)?.user;
    if (!user) return;
    const { added, removed } = countTextChanges(transaction);
    this.app.edited(user, added, removed);
    this.opts.onEdit?.({ room: this, user, transaction });
  };
}
