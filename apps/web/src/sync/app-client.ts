// The app channel of one document socket, client side (docs/protocol.md "App channel"):
// hello/welcome, RPC, subscriptions, typing and the server's pushes. Plain TS with no socket
// of its own: DocConnection tells it when a socket opens and closes and hands it every app
// message; it sends through the function it was given. That keeps it testable without a
// network and leaves the socket to y-websocket.
import {
  type Activity,
  type ClientMessage,
  type Doc,
  type DocPatch,
  type Invalidation,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  type PublicUser,
  type RpcMethod,
  type RpcParams,
  type RpcResult,
  type ServerMessage,
  type ThreadPush,
} from '@inkwell/protocol';
import { RpcCalls, RpcError } from './rpc-calls.ts';
import { SnapshotStore } from './snapshot-store.ts';
import { TypingPeers } from './typing-peers.ts';
import { TypingSender } from './typing-sender.ts';

/**
 * - offline: no socket is open;
 * - connecting: a socket is open and our hello is on its way;
 * - ready: the server welcomed us: calls can be made;
 * - unsupported: the server does not speak our protocol (an old server, or one that
 *   welcomed us with a version below MIN_PROTOCOL_VERSION): no calls, ever.
 */
export type AppStatus = 'offline' | 'connecting' | 'ready' | 'unsupported';

export interface AppState {
  status: AppStatus;
  /** The account the server says this connection belongs to (from the welcome). */
  user: PublicUser | null;
}

export interface ActivityState {
  /** The latest message of the stream; null until the first one (or while not subscribed). */
  activity: Activity | null;
  /** Why subscribing failed, until the next attempt succeeds. */
  error: RpcError | null;
}

interface AppEvents {
  doc: Doc;
  docPatch: DocPatch;
  invalidate: Invalidation;
  /** A comment thread as it is now, or `{id, deleted}` once it is gone. */
  thread: ThreadPush['thread'];
  /** The server welcomed a new socket: what was missed while offline should be fetched. */
  welcome: undefined;
}

type Listener<T> = (value: T) => void;

const NO_ACTIVITY: ActivityState = { activity: null, error: null };

export interface AppClientOptions {
  /** Sends one message on the current socket; false when there is none open. */
  send: (message: ClientMessage) => boolean;
}

export class AppClient {
  readonly state = new SnapshotStore<AppState>({ status: 'offline', user: null }, (a, b) => a.status === b.status && a.user === b.user);
  readonly activity = new SnapshotStore<ActivityState>(NO_ACTIVITY);
  private readonly peers = new TypingPeers();
  /** Everyone else who is typing, in the order they started. */
  readonly typing = this.peers.people;

  private readonly rpc = new RpcCalls();
  private readonly typingSender: TypingSender;
  private readonly listeners: { [K in keyof AppEvents]: Set<Listener<AppEvents[K]>> } = {
    doc: new Set(),
    docPatch: new Set(),
    invalidate: new Set(),
    thread: new Set(),
    welcome: new Set(),
  };
  /** Components that want the activity stream; the subscription lives while this is > 0. */
  private activitySubscribers = 0;
  private destroyed = false;

  constructor(private readonly options: AppClientOptions) {
    this.typingSender = new TypingSender((active) => this.state.get().status === 'ready' && this.send({ type: 'typing', active }));
  }

  get ready(): boolean {
    return this.state.get().status === 'ready';
  }

  /**
   * Calls `method` on the server. Rejects with an RpcError: OFFLINE when the channel is not
   * ready (callers that can wait should watch `state`), CLOSED when the socket drops before
   * the answer, TIMEOUT, or the server's own code.
   */
  call<M extends RpcMethod>(method: M, params: RpcParams<M>): Promise<RpcResult<M>> {
    const { status } = this.state.get();
    if (this.destroyed || status !== 'ready') {
      const reason = status === 'unsupported' ? 'This server is too old for this version of Inkwell.' : 'Not connected to the server.';
      return Promise.reject(new RpcError('OFFLINE', reason));
    }
    return this.rpc.call(method, params, (message) => this.send(message));
  }

  on<K extends keyof AppEvents>(event: K, listener: Listener<AppEvents[K]>): () => void {
    const set = this.listeners[event] as Set<Listener<AppEvents[K]>>;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /**
   * Starts the activity stream for one more component; the returned function ends its share.
   * The subscription is made again on every new socket, so it survives reconnects.
   */
  subscribeActivity(): () => void {
    this.activitySubscribers += 1;
    if (this.activitySubscribers === 1 && this.ready) this.startActivity();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.activitySubscribers -= 1;
      if (this.activitySubscribers > 0) return;
      this.activity.set(NO_ACTIVITY);
      if (this.ready) this.call('activity.unsubscribe', {}).catch(() => {});
    };
  }

  /** This tab changed the document: the others see "is typing" (throttled). */
  noteLocalEdit(): void {
    if (this.ready) this.typingSender.edited();
  }

  /** The editor lost focus or the page went away: the others stop seeing "is typing". */
  stopTyping(): void {
    this.typingSender.stop();
  }

  // Socket lifecycle, reported by DocConnection.

  socketOpened(): void {
    if (this.destroyed) return;
    this.state.set({ status: 'connecting', user: this.state.get().user });
    // Before anything else on the socket: the server sends app messages only after it.
    this.send({ type: 'hello', protocol: PROTOCOL_VERSION });
  }

  socketClosed(): void {
    if (this.destroyed) return;
    this.rpc.rejectAll(new RpcError('CLOSED', 'The connection was lost before the server answered.'));
    // The server tells the others we stopped typing; we stop hearing about theirs.
    this.typingSender.reset();
    this.peers.clear();
    const { status, user } = this.state.get();
    if (status !== 'unsupported') this.state.set({ status: 'offline', user });
  }

  receive(message: ServerMessage): void {
    if (this.destroyed) return;
    switch (message.type) {
      case 'welcome':
        // A newer server that welcomes us speaks our version too; an older one must not be
        // below what this build still understands.
        if (message.protocol < MIN_PROTOCOL_VERSION) {
          this.state.set({ status: 'unsupported', user: this.state.get().user });
          break;
        }
        this.state.set({ status: 'ready', user: message.user ?? this.state.get().user });
        if (this.activitySubscribers > 0) this.startActivity();
        this.emit('welcome', undefined);
        break;
      case 'rpc':
        this.rpc.handleReply(message);
        break;
      case 'typing':
        // Our own other tabs type too, but "you are typing" tells nobody anything.
        if (message.user.id !== this.state.get().user?.id) this.peers.handle(message);
        break;
      case 'activity':
        if (this.activitySubscribers > 0) this.activity.set({ activity: message, error: null });
        break;
      case 'doc':
        this.emit('doc', message.payload);
        break;
      case 'docPatch':
        this.emit('docPatch', message);
        break;
      case 'invalidate':
        this.emit('invalidate', { entity: message.entity, id: message.id, action: message.action });
        break;
      case 'thread':
        this.emit('thread', message.thread);
        break;
      case 'error':
        // The server closes the socket right after this one; calls would never work.
        if (message.code === 'UNSUPPORTED_PROTOCOL') this.state.set({ status: 'unsupported', user: this.state.get().user });
        break;
      case 'saved':
        // Save tracking belongs to DocConnection.
        break;
      default: {
        const unreachable: never = message;
        throw new Error(`unhandled server message ${JSON.stringify(unreachable)}`);
      }
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    this.rpc.rejectAll(new RpcError('CLOSED', 'The document was closed.'));
    this.destroyed = true;
    this.typingSender.destroy();
    this.peers.clear();
    this.state.clear();
    this.activity.clear();
    this.peers.people.clear();
    for (const set of Object.values(this.listeners)) set.clear();
  }

  private startActivity(): void {
    this.call('activity.subscribe', {}).then(
      () => {
        if (this.activity.get().error) this.activity.set({ ...this.activity.get(), error: null });
      },
      (error: unknown) => {
        // CLOSED: the socket dropped; the next welcome subscribes again.
        if (error instanceof RpcError && error.code === 'CLOSED') return;
        if (this.activitySubscribers === 0 || this.destroyed) return;
        const failure = error instanceof RpcError ? error : new RpcError('INTERNAL', 'Could not follow the activity.');
        this.activity.set({ activity: this.activity.get().activity, error: failure });
      },
    );
  }

  private emit<K extends keyof AppEvents>(event: K, value: AppEvents[K]): void {
    for (const listener of [...this.listeners[event]] as Listener<AppEvents[K]>[]) listener(value);
  }

  private send(message: ClientMessage): boolean {
    return !this.destroyed && this.options.send(message);
  }
}
