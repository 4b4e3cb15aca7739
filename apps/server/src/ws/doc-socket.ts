import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode, isDocId, Routes } from '@inkwell/protocol';
import { MalformedMessageError } from '@inkwell/protocol/wire';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { AuthService } from '../auth/auth-service.ts';
import { isForeignOrigin } from '../auth/origin.ts';
import { readSessionToken } from '../auth/session-tokens.ts';
import type { Logger } from '../logger.ts';
import type { SocketMetrics } from '../metrics/metrics.ts';
import type { Identity, Room } from '../rooms/room.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import type { RoomSocket } from '../rooms/room-socket.ts';
import type { Storage } from '../storage/storage.ts';
import { rejectUpgrade } from './http-reject.ts';
import { TokenBucket, type RateLimits } from '../util/token-bucket.ts';

export interface DocSocketOptions {
  registry: RoomRegistry;
  storage: Storage;
  auth: AuthService;
  /** Origins allowed to open sockets (browsers send Origin on every WebSocket). */
  origins: () => Set<string>;
  logger: Logger;
  maxPayloadBytes: number;
  /** A connection that does not answer a ping within this long is dropped. */
  heartbeatMs: number;
  /** Past these a connection is closed with 4429. */
  rateLimits: RateLimits;
  /** A client that lets more than this many bytes queue up unsent is dropped with 1013. */
  maxBufferedBytes: number;
  metrics?: SocketMetrics;
}

/** A connection asked to close for back-pressure gets this long to take its close frame. */
const SLOW_CLIENT_GRACE_MS = 2000;

/** Frames that arrive while the room is loading wait here; past this the client is too eager. */
const MAX_FRAMES_WHILE_LOADING = 1000;
const SOCKET_PATH = new RegExp(`^${Routes.docSocketBase}/([^/]*)$`);

export interface DocSockets {
  readonly connections: number;
  /** Refuses new upgrades and drops sockets not yet handed to a room. */
  stopAccepting(): void;
}

export function attachDocSockets(server: Server, opts: DocSocketOptions): DocSockets {
  const log = opts.logger.child({ component: 'ws' });
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayloadBytes, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();
  let accepting = true;

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, opts.heartbeatMs);
  heartbeat.unref();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // An upgrade socket has no error listener of its own; a reset must not crash the process.
    socket.on('error', () => socket.destroy());
    handleUpgrade(req, socket, head).catch((err: unknown) => {
      log.error('upgrade failed', { err });
      rejectUpgrade(socket, 'INTERNAL', 'Internal error');
    });
  });

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (!accepting) return rejectUpgrade(socket, 'UNAVAILABLE', 'Server is shutting down');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const match = SOCKET_PATH.exec(path);
    if (!match) return rejectUpgrade(socket, 'NOT_FOUND', `No WebSocket endpoint at ${path}`);
    let docId: string;
    try {
      docId = decodeURIComponent(match[1]!);
    } catch {
      docId = '';
    }
    if (!isDocId(docId)) return rejectUpgrade(socket, 'INVALID_DOC_ID', 'Malformed document id');
    // Everything is decided before the handshake, so a refusal is a plain HTTP status.
    const found = await opts.auth.authenticate(readSessionToken(req.headers.cookie));
    if (!found) return rejectUpgrade(socket, 'UNAUTHORIZED', 'Sign in to continue');
    if (isForeignOrigin({ origin: req.headers.origin }, opts.origins())) {
      return rejectUpgrade(socket, 'FORBIDDEN', 'Cross-origin socket refused');
    }
    const [doc, role] = await Promise.all([opts.storage.getDoc(docId), opts.storage.getRole(docId, found.user.id)]);
    if (!doc) return rejectUpgrade(socket, 'DOC_NOT_FOUND', 'No such document');
    if (!role) return rejectUpgrade(socket, 'FORBIDDEN', 'You have no access to this document');
    if (socket.destroyed) return;
    if (!accepting) return rejectUpgrade(socket, 'UNAVAILABLE', 'Server is shutting down');
    const identity: Identity = {
      user: { id: found.user.id, name: found.user.name, color: found.user.color },
      role,
      sessionId: found.session.tokenHash,
    };
    wss.handleUpgrade(req, socket, head, (ws) => handleConnection(ws, docId, identity));
  }

  function handleConnection(ws: WebSocket, docId: string, identity: Identity): void {
    // The connection id ties together every line logged about this socket.
    const connId = randomBytes(6).toString('base64url');
    // Made on first use: most connections never log, and a child logger per idle socket is
    // memory (bindings, closures) that thousands of them would hold for nothing.
    let connLogger: Logger | undefined;
    const connLog = () => (connLogger ??= log.child({ docId, connId }));
    const openedAt = Date.now();
    opts.metrics?.opened();
    log.debug('socket opened', { docId, connId, userId: identity.user.id, role: identity.role });
    const socket: RoomSocket = {
      send: (data) => {
        // Back-pressure: a reader slower than the document's traffic would make the server
        // buffer without bound. Drop it instead; it resyncs when it reconnects.
        if (ws.bufferedAmount > opts.maxBufferedBytes) {
          if (refused) return;
          connLog().warn('dropping a slow client', { bufferedBytes: ws.bufferedAmount });
          closeFor(CloseCode.TRY_AGAIN_LATER, 'too slow to keep up');
          setTimeout(() => ws.terminate(), SLOW_CLIENT_GRACE_MS).unref();
          return;
        }
        ws.send(data, { binary: true });
      },
      close: (code, reason) => ws.close(code, reason),
      get isOpen() {
        return ws.readyState === WebSocket.OPEN;
      },
    };
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('error', (err) => connLog().warn('socket error', { err: err.message }));

    const messageBudget = new TokenBucket(opts.rateLimits.messagesPerSecond, opts.rateLimits.messageBurst);
    const byteBudget = new TokenBucket(opts.rateLimits.bytesPerSecond, opts.rateLimits.byteBurst);
    const lease = opts.registry.acquire(docId);
    let room: Room | undefined;
    let waiting: Uint8Array[] = [];
    /** Set once we close this connection; later frames from it are ignored. */
    let refused = false;

    const closeFor = (code: number, reason: string) => {
      refused = true;
      if (ws.readyState === WebSocket.OPEN) ws.close(code, reason.slice(0, 120));
    };

    const process = (data: Uint8Array) => {
      try {
        room!.handleMessage(socket, data);
      } catch (err) {
        if (err instanceof MalformedMessageError) {
          connLog().warn('protocol violation', { reason: err.message });
          closeFor(CloseCode.PROTOCOL_VIOLATION, err.message);
        } else {
          connLog().error('message handling failed', { err });
          closeFor(CloseCode.INTERNAL_ERROR, 'internal error');
        }
      }
    };

    ws.on('message', (raw: RawData, isBinary: boolean) => {
      // Not a readyState check: frames the client sent before its close frame can be
      // delivered after that close frame was parsed, and they must not be lost.
      if (refused) return;
      const data = toBytes(raw);
      if (!messageBudget.take() || !byteBudget.take(data.byteLength)) {
        connLog().warn('rate limit exceeded');
        return closeFor(CloseCode.RATE_LIMITED, 'rate limit exceeded');
      }
      if (!isBinary) return closeFor(CloseCode.PROTOCOL_VIOLATION, 'text frames are not part of the protocol');
      if (room) return process(data);
      if (waiting.length >= MAX_FRAMES_WHILE_LOADING) return closeFor(CloseCode.TRY_AGAIN_LATER, 'too many frames');
      waiting.push(data);
    });

    let closed = false;
    ws.on('close', (code: number) => {
      closed = true;
      opts.metrics?.closed(code);
      log.debug('socket closed', { docId, connId, code, ms: Date.now() - openedAt });
      // Before the room is ready the lease is kept until the load settles (below), so the
      // frames this client sent before closing are still applied.
      if (!room) return;
      room.leave(socket);
      lease.release();
    });

    lease.room.then(
      (loaded) => {
        if (!loaded || loaded.isClosed) {
          lease.release();
          if (!loaded) closeFor(CloseCode.DOC_DELETED, 'document deleted');
          else closeFor(CloseCode.TRY_AGAIN_LATER, 'document reloading');
          return;
        }
        room = loaded;
        room.join(socket, identity);
        const queued = waiting;
        waiting = [];
        for (const data of queued) {
          if (refused) break;
          process(data);
        }
        if (closed) {
          room.leave(socket);
          lease.release();
        }
      },
      (err: unknown) => {
        lease.release();
        connLog().error('room load failed', { err });
        closeFor(CloseCode.INTERNAL_ERROR, 'could not load document');
      },
    );
  }

  return {
    get connections() {
      return wss.clients.size;
    },
    stopAccepting() {
      accepting = false;
      clearInterval(heartbeat);
    },
  };
}

function toBytes(raw: RawData): Uint8Array {
  if (Array.isArray(raw)) return new Uint8Array(Buffer.concat(raw));
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}
