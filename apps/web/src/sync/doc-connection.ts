import { APP_MESSAGE_TYPE, type ClientMessage, CloseCode, TERMINAL_CLOSE_CODES } from '@inkwell/protocol';
import { type DataFrameKind, encodeClientMessage, readServerMessage } from '@inkwell/protocol/wire';
import type * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import { removeAwarenessStates } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { AppClient } from './app-client.ts';
import { type ConnectionSnapshot, deriveConnectionSnapshot, sameConnectionSnapshot, type TerminalClose } from './connection-status.ts';
import { countingSocketClass } from './counting-socket.ts';
import { type LocalCopyState, LocalDocStore } from './local-store.ts';
import { type AwarenessUser, type PresenceEntry, readPresence, samePresence } from './presence.ts';
import { reconnectDelay } from './reconnect-delay.ts';
import { SaveTracker } from './save-tracker.ts';
import { SnapshotStore } from './snapshot-store.ts';

/** What a browser reports when a socket closes without a close frame (or never opened). */
const ABNORMAL_CLOSURE = 1006;

export interface DocConnectionOptions {
  /** e.g. ws://host/ws/doc; the provider appends `/<docId>`. */
  serverUrl: string;
  docId: string;
  /** The signed-in account; the server puts the same into what it relays of our awareness. */
  user: AwarenessUser;
  /** Node has no global WebSocket (tests pass `ws`). */
  WebSocketImpl?: typeof WebSocket;
  /** Where online/offline/pagehide/beforeunload events come from; null in Node. */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
  /**
   * Keep the document on this device (IndexedDB), so offline edits survive a reload or a
   * closed tab. Default: where IndexedDB exists.
   */
  keepLocally?: boolean;
  /** Source of the reconnect jitter (tests make it predictable). */
  random?: () => number;
}

/** Codes after which the document is gone for this account: its copy here goes too. */
const FORGET_LOCAL_COPY: ReadonlySet<number> = new Set([CloseCode.ACCESS_REVOKED, CloseCode.DOC_DELETED]);

/**
 * One open document: the Y.Doc, its WebsocketProvider and awareness, plus the snapshots the
 * UI renders (connection status, who is here, whether our edits are saved). Plain TS so it
 * can be tested without React; hooks subscribe to `status`, `presence` and `save.status`.
 */
export class DocConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly status: SnapshotStore<ConnectionSnapshot>;
  readonly presence: SnapshotStore<readonly PresenceEntry[]>;
  readonly save = new SaveTracker();
  /** RPC, typing, activity and the server's pushes about the document (type-100 frames). */
  readonly app: AppClient;

  private droppedSinceOpen = false;
  private socketOpen = false;
  private failedAttempts = 0;
  private terminal: TerminalClose | null = null;
  private destroyed = false;
  private user: AwarenessUser;
  private readonly events: DocConnectionOptions['events'];
  private readonly random: () => number;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  /** This device's copy is loaded and holds every edit so far (every write committed). */
  private keptLocally = false;
  /** What else leaving the page would lose (holdLeaving). */
  private readonly leaveReasons = new Set<string>();
  /** This device's copy of the document; null where it keeps none. */
  readonly local: LocalDocStore | null;

  constructor(options: DocConnectionOptions) {
    this.user = { id: options.user.id, name: options.user.name, color: options.user.color };
    this.events = options.events === undefined ? globalThis.window : options.events;
    this.random = options.random ?? Math.random;
    this.app = new AppClient({ send: this.sendApp });
    this.local = options.keepLocally === false ? null : LocalDocStore.open(this.user.id, options.docId, this.doc, this.handleLocalCopy);
    this.provider = new WebsocketProvider(options.serverUrl, options.docId, this.doc, {
      // Connect only after the awareness `user` is set, so the very first awareness
      // message already names us and nobody sees a nameless peer flash by.
      connect: false,
      // Called for every close the server (or the network) caused. The provider's default
      // treats every 44xx as final and retries the rest on a fixed 2^n·100 ms schedule, in
      // lock-step with every other client cut at the same moment; we stop on our terminal codes
      // only (4400 is worth a retry) and retry on our own jittered schedule (scheduleReconnect).
      shouldReconnect: (event) => {
        if (!TERMINAL_CLOSE_CODES.has(event.code)) this.scheduleReconnect(event.code);
        return false;
      },
      // Counts the data frames each socket sends, which the server's `saved` acknowledges.
      WebSocketPolyfill: countingSocketClass(options.WebSocketImpl ?? globalThis.WebSocket, this.handleDataFrame),
    });
    this.provider.messageHandlers[APP_MESSAGE_TYPE] = this.handleAppFrame;
    this.status = new SnapshotStore(this.computeStatus(), sameConnectionSnapshot);
    this.provider.awareness.setLocalStateField('user', this.user);
    this.presence = new SnapshotStore<readonly PresenceEntry[]>(this.computePresence(), samePresence);

    this.provider.on('status', this.handleStatus);
    this.provider.on('sync', this.refreshStatus);
    this.provider.on('connection-close', this.handleClose);
    this.provider.on('connection-error', this.handleError);
    this.provider.awareness.on('change', this.refreshPresence);
    this.doc.on('update', this.handleDocUpdate);
    this.save.unsaved.subscribe(this.handleUnsavedChange);
    this.events?.addEventListener('offline', this.handleOffline);
    this.events?.addEventListener('online', this.handleOnline);
    this.events?.addEventListener('pagehide', this.handlePageHide);
    this.events?.addEventListener('pageshow', this.handlePageShow);

    if (this.local) {
      // Edits kept here from an earlier page that the server never acknowledged: unsaved until
      // the step 2 of a socket (which carries them) is acknowledged.
      if (this.local.hadUnsaved) this.save.restoredUnsaved();
    }
    this.provider.connect();
  }

  get clientId(): number {
    return this.doc.clientID;
  }

  get isTerminated(): boolean {
    return this.terminal !== null;
  }

  setUser(user: AwarenessUser): void {
    if (user.id === this.user.id && user.name === this.user.name && user.color === this.user.color) return;
    this.user = { id: user.id, name: user.name, color: user.color };
    if (!this.destroyed) this.provider.awareness.setLocalStateField('user', this.user);
  }

  /** Drops the current socket and dials again now instead of waiting out the backoff. */
  reconnect(): void {
    if (this.destroyed || this.terminal) return;
    this.cancelReconnect();
    this.provider.disconnect();
    this.provider.connect();
  }

  private scheduleReconnect(closeCode: number): void {
    if (this.destroyed) return;
    this.cancelReconnect();
    // The provider counts every close since the last sync (reset once synced).
    const delay = reconnectDelay(Math.max(1, this.provider.wsUnsuccessfulReconnects), closeCode, this.random);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.destroyed && !this.terminal) this.provider.connect();
    }, delay);
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer === null) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.cancelReconnect();
    this.events?.removeEventListener('offline', this.handleOffline);
    this.events?.removeEventListener('online', this.handleOnline);
    this.events?.removeEventListener('pagehide', this.handlePageHide);
    this.events?.removeEventListener('pageshow', this.handlePageShow);
    this.events?.removeEventListener('beforeunload', this.handleBeforeUnload);
    this.provider.awareness.off('change', this.refreshPresence);
    this.doc.off('update', this.handleDocUpdate);
    this.app.destroy();
    this.status.clear();
    this.presence.clear();
    this.save.destroy();
    // provider.destroy() tells peers we left (awareness null) before closing the socket;
    // destroying the doc then also destroys the awareness and its timers.
    this.provider.destroy();
    // Stops keeping updates before the doc goes; what is kept stays (cleared already if revoked).
    this.local?.close();
    this.doc.destroy();
  }

  private computeStatus(): ConnectionSnapshot {
    return deriveConnectionSnapshot({
      connected: this.provider.wsconnected,
      synced: this.provider.synced,
      droppedSinceOpen: this.droppedSinceOpen,
      terminal: this.terminal,
      failedAttempts: this.failedAttempts,
    });
  }

  private computePresence(): PresenceEntry[] {
    const states = this.provider.awareness.getStates() as Map<number, Record<string, unknown>>;
    return readPresence(states, this.doc.clientID);
  }

  private readonly refreshStatus = (): void => {
    if (this.destroyed) return;
    // socketOpen, not wsconnected: the provider still says connected while it reports a close.
    if (this.socketOpen && this.provider.synced) this.failedAttempts = 0;
    this.status.set(this.computeStatus());
    this.save.setOffline(this.status.get().status === 'offline');
  };

  private readonly refreshPresence = (): void => {
    if (!this.destroyed) this.presence.set(this.computePresence());
  };

  private readonly handleStatus = (event: { status: string }): void => {
    if (event.status === 'connected' && !this.destroyed) {
      this.droppedSinceOpen = false;
      this.socketOpen = true;
      this.save.socketOpened();
      // Emitted from the socket's onopen before the provider sends its sync step 1, so the
      // hello tells the server we speak the app channel before any frame of ours needs
      // acknowledging.
      this.app.socketOpened();
    }
    this.refreshStatus();
  };

  private readonly handleClose = (event: CloseEvent | null): void => {
    this.droppedSinceOpen = true;
    // A null event is our own disconnect (reconnect(), the provider's silence watchdog).
    if (event && (!this.socketOpen || event.code === ABNORMAL_CLOSURE)) this.failedAttempts += 1;
    this.socketOpen = false;
    if (!this.destroyed) {
      this.save.socketClosed();
      this.app.socketClosed();
    }
    if (event && TERMINAL_CLOSE_CODES.has(event.code)) {
      this.terminal = { code: event.code, reason: event.reason };
      this.cancelReconnect();
      // Revoked or deleted: this account cannot open the document again, so nothing kept here
      // could ever be sent; a shared computer should not keep it either.
      if (FORGET_LOCAL_COPY.has(event.code)) this.local?.clear();
      // The provider's shouldReconnect already stops the loop; setting this here too keeps
      // us safe if that option is ever dropped. disconnect() would re-enter its close path.
      this.provider.shouldConnect = false;
    }
    this.refreshStatus();
  };

  private readonly handleError = (): void => {
    this.droppedSinceOpen = true;
    this.refreshStatus();
  };

  private readonly handleDataFrame = (socket: WebSocket, kind: DataFrameKind): void => {
    if (socket === this.provider.ws && !this.destroyed) this.save.dataFrameSent(kind);
  };

  // y-websocket's handler signature: (encoder, decoder, provider, emitSynced, messageType).
  // emitSynced is false for frames from other tabs (BroadcastChannel); acknowledgements
  // belong to our own socket only.
  private readonly handleAppFrame = (
    _encoder: encoding.Encoder,
    decoder: decoding.Decoder,
    _provider: WebsocketProvider,
    fromSocket: boolean,
  ): void => {
    if (!fromSocket || this.destroyed) return;
    const message = readServerMessage(decoder);
    // Unknown or invalid messages (a newer server) are ignored rather than breaking the editor.
    if (!message) return;
    if (message.type === 'saved') {
      this.save.savedReceived(message.updates);
      return;
    }
    // The server's word on who this connection is; /api/me said the same unless the account
    // changed in between, and carets must carry what others see.
    if (message.type === 'welcome' && message.user) this.setUser(message.user);
    this.app.receive(message);
  };

  private readonly sendApp = (message: ClientMessage): boolean => {
    const ws = this.provider.ws;
    if (this.destroyed || !ws || ws.readyState !== ws.OPEN) return false;
    ws.send(encodeClientMessage(message));
    return true;
  };

  // The provider's own 'update' listener sends a local edit at once exactly when the
  // condition below holds (y-websocket's broadcastMessage); otherwise the edit waits for the
  // sync step 2 of the next socket, and the tracker must know that.
  private readonly handleDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    // Neither the server's updates nor what this device kept (its unsaved part is known).
    if (origin === this.provider || this.destroyed || origin instanceof LocalDocStore) return;
    const ws = this.provider.ws;
    this.save.localEdit(this.provider.wsconnected && ws !== null && ws.readyState === ws.OPEN);
    this.app.noteLocalEdit();
  };

  // Listening only while something is unsaved keeps the page eligible for the back/forward
  // cache the rest of the time (Firefox refuses it to pages with a beforeunload listener).
  private readonly handleLocalCopy = (state: LocalCopyState): void => {
    if (this.destroyed) return;
    this.keptLocally = state === 'kept';
    this.save.setLocalCopy(state);
    this.handleUnsavedChange();
  };

  // The mark on this device tells the next page that what it kept is not on the server yet.
  private readonly handleUnsavedChange = (): void => {
    this.local?.setUnsaved(this.save.unsaved.get());
    this.guardLeaving();
  };

  /**
   * Something else on the page that leaving would lose (`reason`, e.g. a comment being
   * written): while any is held, the browser asks before the page goes, through the same
   * listener as unsaved edits.
   */
  holdLeaving(reason: string, held: boolean): void {
    if (held) this.leaveReasons.add(reason);
    else this.leaveReasons.delete(reason);
    this.guardLeaving();
  }

  private guardLeaving(): void {
    if (this.destroyed) return;
    // Closing the tab loses no edit this device keeps; otherwise the browser asks first.
    const unsavedEdits = this.save.unsaved.get() && !this.keptLocally;
    if (unsavedEdits || this.leaveReasons.size > 0) this.events?.addEventListener('beforeunload', this.handleBeforeUnload);
    else this.events?.removeEventListener('beforeunload', this.handleBeforeUnload);
  }

  private readonly handleBeforeUnload = (event: BeforeUnloadEvent): void => {
    event.preventDefault();
    // Browsers before Chrome 119 ask only when returnValue is set.
    event.returnValue = true;
  };

  // The browser knows it went offline long before a silent socket times out (y-websocket
  // waits 30 s without messages), so the badge reacts at once and retries start.
  private readonly handleOffline = (): void => {
    this.reconnect();
  };

  private readonly handleOnline = (): void => {
    if (!this.provider.wsconnected) this.reconnect();
  };

  // Closing the tab would otherwise leave our avatar with others until the server notices.
  private readonly handlePageHide = (): void => {
    this.app.stopTyping();
    removeAwarenessStates(this.provider.awareness, [this.doc.clientID], 'pagehide');
  };

  private readonly handlePageShow = (event: Event): void => {
    // Restored from the back/forward cache: announce ourselves again.
    if ((event as PageTransitionEvent).persisted) {
      this.provider.awareness.setLocalStateField('user', this.user);
    }
  };
}
