// The app channel of one room (type-100 frames, docs/protocol.md): hello/welcome and the
// `doc` push, RPC through a per-connection dispatcher, typing relay, the activity stream,
// and pushes (docPatch, invalidate). The room hands it parsed-once app messages in the
// order they arrived.
import {
  ACTIVITY_MAX_PER_SECOND,
  type ClientMessage,
  CloseCode,
  canEditText,
  type DocPatch,
  type InvalidateAction,
  type InvalidateEntity,
  PROTOCOL_VERSION,
  protocolSupport,
  type ServerMessage,
  supportedProtocols,
  type ThreadPush,
  TYPING_EXPIRES_MS,
  TYPING_MIN_INTERVAL_MS,
} from '@inkwell/protocol';
import { encodeServerMessage, parseClientMessage } from '@inkwell/protocol/wire';
import type * as Y from 'yjs';
import type { Logger } from '../logger.ts';
import { TokenBucket } from '../util/token-bucket.ts';
import { ActivityLog } from './activity.ts';
import type { AppState, Connection } from './connection.ts';
import type { RoomSocket } from './room-socket.ts';
import { RpcDispatcher, type RpcOutcome } from './rpc-dispatcher.ts';
import { type RpcContext, type RpcHandlers, unavailableRpcHandlers } from './rpc-handler.ts';
import { wordCount } from './word-count.ts';

/** Bad app messages a connection may send: a burst of 10, then one every 2 s; past that, 4400. */
const GARBAGE_BURST = 10;
const GARBAGE_PER_SECOND = 0.5;
/** While someone's edits are in the window, subscribers get a refresh this often as they age out. */
const ACTIVITY_REFRESH_MS = 5000;

export interface AppHost {
  readonly docId: string;
  readonly doc: Y.Doc;
  readonly log: Logger;
  connections(): Iterable<[RoomSocket, Connection]>;
  send(socket: RoomSocket, data: Uint8Array): void;
  /** The document's sequence number of the last stored update. */
  seq(): number;
  /** Beside other instances: hands a broadcast frame to their connections of the document too. */
  publish?: (frame: Uint8Array) => void;
}

export interface AppSessionOptions {
  /** Without them every call fails with INTERNAL and hello pushes no document. */
  handlers?: RpcHandlers;
  onRpc?: (outcome: RpcOutcome) => void;
}

export class AppSession {
  private readonly activity = new ActivityLog();
  private activitySubscribers = 0;
  /** A coalesced send after a change; and the refresh while counts age out. */
  private activityTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private activitySentAt = 0;
  private words: number | undefined;
  private acksScheduled = false;
  private closed = false;

  constructor(
    private readonly host: AppHost,
    private readonly opts: AppSessionOptions,
  ) {}

  handle(socket: RoomSocket, conn: Connection, json: string): void {
    const parsed = parseClientMessage(json);
    conn.app ??= this.createState(socket, conn);
    const app = conn.app;
    if (!parsed.ok) {
      this.refuse(socket, conn, app, { type: 'error', code: 'BAD_REQUEST', message: parsed.error }, parsed.rpcId);
      return;
    }
    const message = parsed.message;
    if (message.type !== 'hello' && !conn.hello) {
      // Nothing is sent to a connection before its hello; a client that skips it is broken.
      this.countGarbage(socket, app);
      return;
    }
    this.dispatch(socket, conn, app, message);
  }

  private dispatch(socket: RoomSocket, conn: Connection, app: AppState, message: ClientMessage): void {
    switch (message.type) {
      case 'hello':
        this.hello(socket, conn, app, message.protocol);
        break;
      case 'rpc':
        app.rpc.submit(message);
        break;
      case 'typing':
        this.typing(socket, conn, app, message.active);
        break;
      default: {
        const unreachable: never = message;
        throw new Error(`unhandled app message ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private hello(socket: RoomSocket, conn: Connection, app: AppState, protocol: number): void {
    const support = protocolSupport(protocol);
    if (support !== 'supported') {
      const message = `this server speaks protocol ${supportedProtocols()}; protocol ${protocol} is ${support === 'too-old' ? 'too old' : 'newer'}`;
      this.sendTo(socket, { type: 'error', code: 'UNSUPPORTED_PROTOCOL', message });
      socket.close(CloseCode.PROTOCOL_VIOLATION, 'unsupported protocol');
      return;
    }
    if (conn.hello) return; // a repeated hello changes nothing
    conn.hello = true;
    this.sendTo(socket, { type: 'welcome', protocol: PROTOCOL_VERSION, user: { ...conn.user }, connectionId: conn.id });
    // Frames stored before the hello are acknowledged now.
    if (conn.updatesDurable > conn.updatesAcked) this.scheduleAcks();
    // Full state push: the document as this connection sees it, the answer to `doc.info`.
    void this.opts.handlers?.['doc.info']({}, this.rpcContext(socket, conn, app)).then(
      (payload) => this.sendTo(socket, { type: 'doc', payload: { ...payload, role: conn.role } }),
      (err: unknown) => this.host.log.warn('could not push the document on hello', { connId: conn.id, err }),
    );
    this.activityChanged();
  }

  private typing(socket: RoomSocket, conn: Connection, app: AppState, active: boolean): void {
    // Viewers and commenters cannot edit, so they cannot type either.
    if (!canEditText(conn.role)) return;
    const now = performance.now();
    if (active && app.typing && now - app.typingRelayedAt < TYPING_MIN_INTERVAL_MS) return;
    if (!active && !app.typing) return;
    app.typing = active;
    app.typingRelayedAt = now;
    this.relayTyping(socket, conn, active);
  }

  private relayTyping(from: RoomSocket, conn: Connection, active: boolean): void {
    const frame = encodeServerMessage({ type: 'typing', user: { ...conn.user }, active, expiresInMs: active ? TYPING_EXPIRES_MS : 0 });
    for (const [socket, other] of this.host.connections()) if (socket !== from && other.hello) this.host.send(socket, frame);
    this.host.publish?.(frame);
  }

  /** The connection left: its typing ends for everyone, its calls are answered no more. */
  left(socket: RoomSocket, conn: Connection): void {
    const app = conn.app;
    if (app) {
      app.rpc.close();
      if (app.typing) this.relayTyping(socket, conn, false);
      if (app.activity) this.activitySubscribers -= 1;
      app.activity = false;
    }
    if (conn.hello) this.activityChanged();
  }

  /** Someone changed the document (an edit from a connection, or a restore). */
  edited(user: Connection['user'], added: number, removed: number): void {
    this.activity.record(user, added, removed);
    this.words = undefined;
    this.activityChanged();
  }

  /** Records that `count` of a connection's frames are stored; `saved` goes out coalesced. */
  stored(conn: Connection, count: number): void {
    conn.updatesDurable = Math.max(conn.updatesDurable, count);
    this.scheduleAcks();
  }

  private scheduleAcks(): void {
    if (this.acksScheduled) return;
    this.acksScheduled = true;
    // One `saved` per connection per commit, however many of its frames the commit held.
    queueMicrotask(() => {
      this.acksScheduled = false;
      if (this.closed) return;
      for (const [socket, conn] of this.host.connections()) {
        if (!conn.hello || conn.updatesDurable <= conn.updatesAcked) continue;
        conn.updatesAcked = conn.updatesDurable;
        this.sendTo(socket, { type: 'saved', seq: this.host.seq(), updates: conn.updatesAcked });
      }
    });
  }

  pushDocPatch(delta: DocPatch['delta']): void {
    this.broadcast({ type: 'docPatch', id: this.host.docId, delta });
  }

  pushInvalidate(entity: InvalidateEntity, action: InvalidateAction): void {
    this.broadcast({ type: 'invalidate', entity, id: this.host.docId, action });
  }

  pushThread(thread: ThreadPush['thread']): void {
    this.broadcast({ type: 'thread', thread });
  }

  close(): void {
    this.closed = true;
    this.stopActivityTimers();
  }

  private stopActivityTimers(): void {
    clearTimeout(this.activityTimer);
    clearTimeout(this.refreshTimer);
    this.activityTimer = undefined;
    this.refreshTimer = undefined;
  }

  broadcast(message: ServerMessage): void {
    const frame = encodeServerMessage(message);
    for (const [socket, conn] of this.host.connections()) if (conn.hello) this.host.send(socket, frame);
    this.host.publish?.(frame);
  }

  private createState(socket: RoomSocket, conn: Connection): AppState {
    const state: AppState = {
      garbage: new TokenBucket(GARBAGE_PER_SECOND, GARBAGE_BURST),
      typing: false,
      typingRelayedAt: 0,
      activity: false,
      rpc: new RpcDispatcher({
        handlers: this.opts.handlers ?? unavailableRpcHandlers(),
        log: this.host.log.child({ connId: conn.id }),
        reply: (message) => this.sendTo(socket, message),
        onOutcome: (outcome) => {
          if (outcome.outcome === 'BAD_REQUEST' || outcome.outcome === 'METHOD_NOT_FOUND') this.countGarbage(socket, state);
          this.opts.onRpc?.(outcome);
        },
        context: () => this.rpcContext(socket, conn, state),
      }),
    };
    return state;
  }

  private rpcContext(socket: RoomSocket, conn: Connection, app: AppState): RpcContext {
    return {
      docId: this.host.docId,
      user: { ...conn.user },
      role: conn.role,
      connectionId: conn.id,
      setActivitySubscribed: (on) => this.setActivity(socket, app, on),
    };
  }

  private refuse(socket: RoomSocket, conn: Connection, app: AppState, error: ServerMessage, rpcId?: string | number): void {
    if (conn.hello) {
      if (rpcId !== undefined && error.type === 'error') {
        this.sendTo(socket, { type: 'rpc', id: rpcId, error: { code: error.code, message: error.message } });
      } else {
        this.sendTo(socket, error);
      }
    }
    this.countGarbage(socket, app);
  }

  private countGarbage(socket: RoomSocket, app: AppState): void {
    if (app.garbage.take()) return;
    this.host.log.warn('closing a connection that keeps sending invalid app messages', { connId: socket.id });
    socket.close(CloseCode.PROTOCOL_VIOLATION, 'too many invalid app messages');
  }

  private sendTo(socket: RoomSocket, message: ServerMessage): void {
    this.host.send(socket, encodeServerMessage(message));
  }

  // Activity stream: at most ACTIVITY_MAX_PER_SECOND messages a second to subscribers, each
  // carrying the latest state (changes in between are coalesced).

  private setActivity(socket: RoomSocket, app: AppState, on: boolean): void {
    if (app.activity === on) return;
    app.activity = on;
    this.activitySubscribers += on ? 1 : -1;
    // A new subscriber gets the current state right away, after the call's answer.
    if (on) queueMicrotask(() => app.activity && this.host.send(socket, encodeServerMessage(this.activityMessage())));
    if (this.activitySubscribers === 0) this.stopActivityTimers();
  }

  private activityChanged(): void {
    if (this.activitySubscribers === 0 || this.activityTimer) return;
    const minGap = 1000 / ACTIVITY_MAX_PER_SECOND;
    const wait = Math.max(0, this.activitySentAt + minGap - performance.now());
    this.activityTimer = setTimeout(() => {
      this.activityTimer = undefined;
      this.flushActivity();
    }, wait);
  }

  private flushActivity(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    if (this.activitySubscribers === 0) return;
    const frame = encodeServerMessage(this.activityMessage());
    this.activitySentAt = performance.now();
    for (const [socket, conn] of this.host.connections()) if (conn.app?.activity) this.host.send(socket, frame);
    // Counts age out of the one-minute window without any new event: refresh while they do.
    const expiry = this.activity.nextExpiryIn();
    if (expiry !== undefined) {
      this.refreshTimer = setTimeout(
        () => {
          this.refreshTimer = undefined;
          this.flushActivity();
        },
        Math.min(expiry, ACTIVITY_REFRESH_MS),
      );
    }
  }

  private activityMessage(): ServerMessage {
    this.words ??= wordCount(this.host.doc);
    let connections = 0;
    for (const _ of this.host.connections()) connections++;
    return { type: 'activity', editors: this.activity.editors(), words: this.words, connections, at: new Date().toISOString() };
  }
}
