// The document socket edge: upgrade requests on /ws/doc/:id are checked (path, session,
// origin, access) before the handshake, accepted sockets become SocketConnections handed to
// their room, and a heartbeat drops sockets that stopped answering pings.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { isDocId, Routes } from '@inkwell/protocol';
import { type WebSocket, WebSocketServer } from 'ws';
import type { AuthService } from '../auth/auth-service.ts';
import { isForeignOrigin } from '../auth/origin.ts';
import { readSessionToken } from '../auth/session-tokens.ts';
import type { Logger } from '../logger.ts';
import type { SocketMetrics } from '../metrics/metrics.ts';
import type { Identity } from '../rooms/connection.ts';
import type { RoomLease, RoomRegistry } from '../rooms/room-registry.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { DocDamagedError } from '../storage/errors.ts';
import type { MemberStore } from '../storage/member-store.ts';
import { rejectUpgrade } from './http-reject.ts';
import { type ConnectionLimits, SocketConnection } from './socket-connection.ts';

export interface DocSocketOptions {
  registry: RoomRegistry;
  storage: DocumentStore & MemberStore;
  auth: AuthService;
  /** Origins allowed to open sockets (browsers send Origin on every WebSocket). */
  origins: () => Set<string>;
  logger: Logger;
  maxPayloadBytes: number;
  tuning: ConnectionLimits & { heartbeatMs: number };
  metrics?: SocketMetrics;
}

const SOCKET_PATH = new RegExp(`^${Routes.docSocketBase}/([^/]*)$`);

/** A connection id: short, because it is on every line logged about the connection. */
const newConnectionId = (): string => randomBytes(6).toString('base64url');

export class DocSocketServer {
  private readonly log: Logger;
  private readonly wss: WebSocketServer;
  /** Whether a socket answered the last ping; one that did not by the next beat is dropped. */
  private readonly alive = new WeakMap<WebSocket, boolean>();
  private readonly heartbeat: NodeJS.Timeout;
  private accepting = true;

  constructor(
    server: Server,
    private readonly opts: DocSocketOptions,
  ) {
    this.log = opts.logger.child({ component: 'ws' });
    this.wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayloadBytes, perMessageDeflate: false });
    this.heartbeat = setInterval(() => this.beat(), opts.tuning.heartbeatMs);
    this.heartbeat.unref();
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      // An upgrade socket has no error listener of its own; a reset must not crash the process.
      socket.on('error', () => socket.destroy());
      const connId = newConnectionId();
      this.handleUpgrade(req, socket, head, connId).catch((err: unknown) => {
        this.log.error('upgrade failed', { connId, err });
        rejectUpgrade(socket, 'INTERNAL', 'Internal error');
      });
    });
  }

  /** Open document sockets. */
  get connections(): number {
    return this.wss.clients.size;
  }

  /** Refuses new upgrades and drops sockets not yet handed to a room. */
  stopAccepting(): void {
    this.accepting = false;
    clearInterval(this.heartbeat);
  }

  private beat(): void {
    for (const ws of this.wss.clients) {
      if (this.alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      this.alive.set(ws, false);
      ws.ping();
    }
  }

  private async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, connId: string): Promise<void> {
    if (!this.accepting) return rejectUpgrade(socket, 'UNAVAILABLE', 'Server is shutting down');
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
    const { auth, storage } = this.opts;
    const found = await auth.authenticate(readSessionToken(req.headers.cookie));
    if (!found) return rejectUpgrade(socket, 'UNAUTHORIZED', 'Sign in to continue');
    if (isForeignOrigin({ origin: req.headers.origin }, this.opts.origins())) {
      return rejectUpgrade(socket, 'FORBIDDEN', 'Cross-origin socket refused');
    }
    const [doc, role] = await Promise.all([storage.getDoc(docId), storage.getRole(docId, found.user.id)]);
    if (!doc) return rejectUpgrade(socket, 'DOC_NOT_FOUND', 'No such document');
    if (!role) return rejectUpgrade(socket, 'FORBIDDEN', 'You have no access to this document');
    if (socket.destroyed) return;
    if (!this.accepting) return rejectUpgrade(socket, 'UNAVAILABLE', 'Server is shutting down');
    const identity: Identity = {
      user: { id: found.user.id, name: found.user.name, color: found.user.color },
      role,
      sessionId: found.session.tokenHash,
    };
    // The room is loaded before the handshake too: a document whose stored state is damaged
    // is refused with a status (503 DOC_DAMAGED), never opened empty.
    const lease = this.opts.registry.acquire(docId);
    let refusal: Parameters<typeof rejectUpgrade> | null = null;
    try {
      const room = await lease.room;
      if (!room) refusal = [socket, 'DOC_NOT_FOUND', 'No such document'];
      else if (!this.accepting) refusal = [socket, 'UNAVAILABLE', 'Server is shutting down'];
    } catch (err) {
      if (!(err instanceof DocDamagedError)) {
        lease.release();
        throw err;
      }
      refusal = [socket, 'DOC_DAMAGED', 'This document is damaged and cannot be opened; an administrator can repair it'];
    }
    if (refusal || socket.destroyed) {
      lease.release();
      if (refusal) rejectUpgrade(...refusal);
      return;
    }
    // ws drops a socket that closed meanwhile without calling back: the lease goes with it.
    const releaseUnaccepted = () => lease.release();
    socket.once('close', releaseUnaccepted);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      socket.off('close', releaseUnaccepted);
      this.accept(ws, connId, docId, identity, lease);
    });
  }

  private accept(ws: WebSocket, id: string, docId: string, identity: Identity, lease: RoomLease): void {
    this.alive.set(ws, true);
    ws.on('pong', () => this.alive.set(ws, true));
    const connection = new SocketConnection(ws, {
      id,
      docId,
      identity,
      lease,
      log: this.log,
      limits: this.opts.tuning,
      metrics: this.opts.metrics,
    });
    connection.start();
  }
}
