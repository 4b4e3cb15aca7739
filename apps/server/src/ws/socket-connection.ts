// One accepted document socket: the `ws` WebSocket adapted to the RoomSocket a room sees,
// with the connection's own limits (rate budget, frames queued while the room loads,
// back-pressure) and its logging.
//
// Limits on what a client sends slow it down, they never cut it off for being eager: over its
// budget, or while too many frames wait for the room to load, the socket is no longer read
// (TCP back-pressure reaches the client) until the budget refills or the room is there, and
// nothing it sent is dropped. Only a client that stays over budget for `maxThrottledMs` is
// closed, with 1013, which every client retries later.
import { CloseCode } from '@inkwell/protocol';
import { MalformedMessageError } from '@inkwell/protocol/wire';
import { type RawData, WebSocket } from 'ws';
import type { Logger } from '../logger.ts';
import type { SocketMetrics } from '../metrics/metrics.ts';
import type { Identity } from '../rooms/connection.ts';
import type { Room } from '../rooms/room.ts';
import type { RoomLease } from '../rooms/room-registry.ts';
import type { RoomSocket } from '../rooms/room-socket.ts';
import { MissingDependencyError } from '../rooms/update-guard.ts';
import { type RateLimits, TokenBucket } from '../util/token-bucket.ts';

/** One connection's limits (config.ts ServerTuning documents and defaults them). */
export interface ConnectionLimits {
  rateLimits: RateLimits;
  /** A connection over its budget this long without a break is closed with 1013. */
  maxThrottledMs: number;
  maxBufferedBytes: number;
  slowClientGraceMs: number;
  maxFramesWhileLoading: number;
}

export interface SocketConnectionOptions {
  /** Minted at upgrade; every line about this connection, in ws/ and in the room, carries it. */
  id: string;
  docId: string;
  identity: Identity;
  /** The room this socket joins once it has loaded; released when the socket is done with it. */
  lease: RoomLease;
  /** The socket edge's logger (`component: ws`). */
  log: Logger;
  limits: ConnectionLimits;
  metrics?: SocketMetrics | undefined;
}

export class SocketConnection implements RoomSocket {
  readonly id: string;
  private readonly docId: string;
  private readonly openedAt = Date.now();
  private readonly messageBudget: TokenBucket;
  private readonly byteBudget: TokenBucket;
  private room: Room | undefined;
  /** Frames that arrived before the room loaded, in order. */
  private waiting: Uint8Array[] = [];
  /** Set once we close this connection; later frames from it are ignored. */
  private refused = false;
  /** The client's socket has closed. */
  private closed = false;
  /** Reading is paused until this timer fires: the connection is over its budget. */
  private throttleTimer: NodeJS.Timeout | undefined;
  /** Since when the connection has been over its budget without refilling it in full. */
  private throttledSince: number | undefined;
  /** Reading is paused because too many frames wait for the room to load. */
  private loadPaused = false;
  // Made on first use: most connections never log, and a child logger per idle socket is
  // memory (bindings, closures) that thousands of them would hold for nothing.
  private connLogger: Logger | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly opts: SocketConnectionOptions,
  ) {
    this.id = opts.id;
    this.docId = opts.docId;
    const { rateLimits } = opts.limits;
    this.messageBudget = new TokenBucket(rateLimits.messagesPerSecond, rateLimits.messageBurst);
    this.byteBudget = new TokenBucket(rateLimits.bytesPerSecond, rateLimits.byteBurst);
  }

  /** Starts serving the socket: frames are read, and it joins the room once that has loaded. */
  start(): void {
    const { ws, opts } = this;
    opts.metrics?.opened();
    opts.log.debug('socket opened', { docId: this.docId, connId: this.id, userId: opts.identity.user.id, role: opts.identity.role });
    ws.on('error', (err) => this.log().warn('socket error', { err: err.message }));
    ws.on('message', this.handleFrame);
    ws.on('close', this.handleClose);
    opts.lease.room.then(this.handleLoaded, this.handleLoadFailed);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(data: Uint8Array, written?: () => void): void {
    // Back-pressure: a reader slower than the document's traffic would make the server
    // buffer without bound. Drop it instead; it resyncs when it reconnects.
    if (this.ws.bufferedAmount > this.opts.limits.maxBufferedBytes) {
      if (this.refused) return;
      this.log().warn('dropping a slow client', { bufferedBytes: this.ws.bufferedAmount });
      this.closeFor(CloseCode.TRY_AGAIN_LATER, 'too slow to keep up');
      setTimeout(() => this.ws.terminate(), this.opts.limits.slowClientGraceMs).unref();
      return;
    }
    this.ws.send(data, { binary: true }, written && (() => written()));
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  private log(): Logger {
    this.connLogger ??= this.opts.log.child({ docId: this.docId, connId: this.id });
    return this.connLogger;
  }

  private closeFor(code: number, reason: string): void {
    this.refused = true;
    this.stopThrottling();
    this.loadPaused = false;
    // The closing handshake needs the client's close frame, so reading goes on (frames
    // after this one are ignored).
    if (this.ws.isPaused) this.ws.resume();
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(code, reason.slice(0, 120));
  }

  /** Spends the frame's share of the budget; over it, reading pauses until it refills. */
  private meter(bytes: number): void {
    const { messageBudget, byteBudget } = this;
    // A client that let both budgets refill in full is no longer flooding: a new streak starts.
    if (this.throttledSince !== undefined && !this.throttleTimer && messageBudget.isFull && byteBudget.isFull) {
      this.throttledSince = undefined;
    }
    const messagesLeft = messageBudget.spend(1);
    const bytesLeft = byteBudget.spend(bytes);
    if (messagesLeft < 0 || bytesLeft < 0) this.throttle();
  }

  private throttle(): void {
    if (this.throttleTimer || this.refused) return;
    const now = Date.now();
    if (this.throttledSince === undefined) {
      this.throttledSince = now;
      this.log().info('throttling a client over its budget');
    }
    const overFor = now - this.throttledSince;
    const { maxThrottledMs, rateLimits } = this.opts.limits;
    if (overFor >= maxThrottledMs) {
      this.log().warn('closing a client over its budget for too long', { ms: overFor });
      this.closeFor(CloseCode.TRY_AGAIN_LATER, 'rate limit exceeded; try again later');
      return;
    }
    // Read again once the budgets hold ~100 ms of refill, rather than at the first token:
    // fewer timers, and the client's frames flow in runs.
    const wait = Math.max(
      this.messageBudget.msUntil(Math.min(rateLimits.messageBurst / 2, rateLimits.messagesPerSecond / 10)),
      this.byteBudget.msUntil(Math.min(rateLimits.byteBurst / 2, rateLimits.bytesPerSecond / 10)),
    );
    this.ws.pause();
    this.throttleTimer = setTimeout(this.endThrottle, Math.max(1, Math.min(wait, maxThrottledMs - overFor)));
    this.throttleTimer.unref();
  }

  private readonly endThrottle = (): void => {
    this.throttleTimer = undefined;
    if (this.refused || this.closed) return;
    if (this.messageBudget.level < 0 || this.byteBudget.level < 0) {
      this.throttle(); // still in debt: pauses again, or closes once over for too long
      return;
    }
    if (!this.loadPaused) this.ws.resume();
  };

  private stopThrottling(): void {
    clearTimeout(this.throttleTimer);
    this.throttleTimer = undefined;
  }

  private process(room: Room, data: Uint8Array): void {
    try {
      room.handleMessage(this, data);
    } catch (err) {
      if (err instanceof MissingDependencyError) {
        // Reconnecting fixes it: the client's sync step sends what the update depends on.
        this.log().info('update depends on changes the server does not have', { reason: err.message });
        this.closeFor(CloseCode.TRY_AGAIN_LATER, 'update depends on changes not sent yet; reconnect to sync');
      } else if (err instanceof MalformedMessageError) {
        this.log().warn('protocol violation', { reason: err.message });
        this.closeFor(CloseCode.PROTOCOL_VIOLATION, err.message);
      } else {
        this.log().error('message handling failed', { err });
        this.closeFor(CloseCode.INTERNAL_ERROR, 'internal error');
      }
    }
  }

  private readonly handleFrame = (raw: RawData, isBinary: boolean): void => {
    // Not a readyState check: frames the client sent before its close frame can be
    // delivered after that close frame was parsed, and they must not be lost.
    if (this.refused) return;
    const data = toBytes(raw);
    this.meter(data.byteLength);
    if (this.refused) return;
    if (!isBinary) {
      this.closeFor(CloseCode.PROTOCOL_VIOLATION, 'text frames are not part of the protocol');
      return;
    }
    if (this.room) {
      this.process(this.room, data);
      return;
    }
    this.waiting.push(data);
    if (this.waiting.length >= this.opts.limits.maxFramesWhileLoading && !this.loadPaused) {
      // Frames already read still arrive and wait; the client's socket stops being read.
      this.loadPaused = true;
      this.ws.pause();
    }
  };

  private readonly handleClose = (code: number): void => {
    this.closed = true;
    this.stopThrottling();
    this.opts.metrics?.closed(code);
    this.opts.log.debug('socket closed', { docId: this.docId, connId: this.id, code, ms: Date.now() - this.openedAt });
    // Before the room is ready the lease is kept until the load settles (handleLoaded), so
    // the frames this client sent before closing are still applied.
    if (!this.room) return;
    this.room.leave(this);
    this.opts.lease.release();
  };

  private readonly handleLoaded = (loaded: Room | undefined): void => {
    const { lease } = this.opts;
    if (!loaded || loaded.isClosed) {
      lease.release();
      if (!loaded) this.closeFor(CloseCode.DOC_DELETED, 'document deleted');
      else this.closeFor(CloseCode.TRY_AGAIN_LATER, 'document reloading');
      return;
    }
    this.room = loaded;
    loaded.join(this, this.opts.identity);
    const queued = this.waiting;
    this.waiting = [];
    for (const data of queued) {
      if (this.refused) break;
      this.process(loaded, data);
    }
    if (this.loadPaused) {
      this.loadPaused = false;
      if (!this.throttleTimer && !this.refused) this.ws.resume();
    }
    if (this.closed) {
      loaded.leave(this);
      lease.release();
    }
  };

  private readonly handleLoadFailed = (err: unknown): void => {
    this.opts.lease.release();
    this.log().error('room load failed', { err });
    this.closeFor(CloseCode.INTERNAL_ERROR, 'could not load document');
  };
}

function toBytes(raw: RawData): Uint8Array {
  if (Array.isArray(raw)) return new Uint8Array(Buffer.concat(raw));
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}
