// One accepted document socket: the `ws` WebSocket adapted to the RoomSocket a room sees,
// with the connection's own limits (rate budget, frames queued while the room loads,
// back-pressure) and its logging.
import { CloseCode } from '@inkwell/protocol';
import { MalformedMessageError } from '@inkwell/protocol/wire';
import { type RawData, WebSocket } from 'ws';
import type { Logger } from '../logger.ts';
import type { SocketMetrics } from '../metrics/metrics.ts';
import type { Identity } from '../rooms/connection.ts';
import type { Room } from '../rooms/room.ts';
import type { RoomLease } from '../rooms/room-registry.ts';
import type { RoomSocket } from '../rooms/room-socket.ts';
import { type RateLimits, TokenBucket } from '../util/token-bucket.ts';

/** One connection's limits (config.ts ServerTuning documents and defaults them). */
export interface ConnectionLimits {
  rateLimits: RateLimits;
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

  send(data: Uint8Array): void {
    // Back-pressure: a reader slower than the document's traffic would make the server
    // buffer without bound. Drop it instead; it resyncs when it reconnects.
    if (this.ws.bufferedAmount > this.opts.limits.maxBufferedBytes) {
      if (this.refused) return;
      this.log().warn('dropping a slow client', { bufferedBytes: this.ws.bufferedAmount });
      this.closeFor(CloseCode.TRY_AGAIN_LATER, 'too slow to keep up');
      setTimeout(() => this.ws.terminate(), this.opts.limits.slowClientGraceMs).unref();
      return;
    }
    this.ws.send(data, { binary: true });
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
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(code, reason.slice(0, 120));
  }

  private process(room: Room, data: Uint8Array): void {
    try {
      room.handleMessage(this, data);
    } catch (err) {
      if (err instanceof MalformedMessageError) {
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
    if (!this.messageBudget.take() || !this.byteBudget.take(data.byteLength)) {
      this.log().warn('rate limit exceeded');
      this.closeFor(CloseCode.RATE_LIMITED, 'rate limit exceeded');
      return;
    }
    if (!isBinary) {
      this.closeFor(CloseCode.PROTOCOL_VIOLATION, 'text frames are not part of the protocol');
      return;
    }
    if (this.room) {
      this.process(this.room, data);
      return;
    }
    if (this.waiting.length >= this.opts.limits.maxFramesWhileLoading) {
      this.closeFor(CloseCode.TRY_AGAIN_LATER, 'too many frames');
      return;
    }
    this.waiting.push(data);
  };

  private readonly handleClose = (code: number): void => {
    this.closed = true;
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
