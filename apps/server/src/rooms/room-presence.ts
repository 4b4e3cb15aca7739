// Presence in one room: the y-protocols Awareness of its connections (carets, selections,
// names), what each connection may claim in it, and its relay to the room's sockets and to
// other instances. The server publishes no presence of its own.
import { awarenessMessage, MalformedMessageError } from '@inkwell/protocol/wire';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { type DocMessage, STORED_ELSEWHERE } from '../cluster/bus.ts';
import type { Logger } from '../logger.ts';
import { TokenBucket } from '../util/token-bucket.ts';
import { filterAwarenessUpdate } from './awareness-filter.ts';
import type { Connection } from './connection.ts';
import type { RoomSocket } from './room-socket.ts';

/** Awareness changes one connection may make per second (bursts of twice that); more are dropped. */
const AWARENESS_PER_SECOND = 30;

/** A new connection's budget of awareness changes. */
export function newAwarenessBudget(): TokenBucket {
  return new TokenBucket(AWARENESS_PER_SECOND, 2 * AWARENESS_PER_SECOND);
}

export interface RoomPresenceOptions {
  doc: Y.Doc;
  /** The room's connections (read, never changed here, except for their awareness ids). */
  conns: ReadonlyMap<RoomSocket, Connection>;
  send(socket: RoomSocket, data: Uint8Array): void;
  /** To the other instances with this document open (REDIS_URL). */
  publish?: (message: DocMessage) => void;
  log: Logger;
}

export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness;

  constructor(private readonly opts: RoomPresenceOptions) {
    this.awareness = new awarenessProtocol.Awareness(opts.doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.relay);
  }

  /** A connection joined: it sees everyone present at once. */
  joined(socket: RoomSocket): void {
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) this.opts.send(socket, awarenessMessage(this.awareness, present));
  }

  /** A connection left: its carets go for everyone now rather than after the 30 s awareness timeout. */
  left(conn: Connection): void {
    if (conn.awarenessIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
  }

  /**
   * A connection's awareness frame, within its budget: only states of its own clients, capped
   * in size and stamped with its account's name (awareness-filter.ts). Throws
   * MalformedMessageError when the frame is not a valid awareness update.
   */
  apply(socket: RoomSocket, conn: Connection, update: Uint8Array): void {
    if (!conn.awarenessBudget.take()) return;
    const filtered = filterAwarenessUpdate(update, {
      owned: conn.awarenessIds,
      ownedByOther: (clientId) => this.ownedByOther(socket, clientId),
      user: conn.user,
    });
    if (!filtered) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, filtered, socket);
    } catch (err) {
      throw new MalformedMessageError(`invalid awareness update: ${(err as Error).message}`);
    }
  }

  /** The socket asked for everyone's state. */
  query(socket: RoomSocket): void {
    this.opts.send(socket, awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
  }

  /** Presence from another instance: its states, or a request for ours (it just opened the document). */
  receive(message: Extract<DocMessage, { kind: 'awareness' | 'awarenessQuery' }>): void {
    if (message.kind === 'awareness') {
      try {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.data, STORED_ELSEWHERE);
      } catch (err) {
        this.opts.log.warn('ignored an awareness update from another instance that did not apply', { err });
      }
      return;
    }
    // What our connections show, at once (rather than at their next renewal, up to 15 s away).
    const ids = [...this.opts.conns.values()].flatMap((conn) => [...conn.awarenessIds]);
    if (ids.length > 0) {
      this.opts.publish?.({ kind: 'awareness', data: awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) });
    }
  }

  destroy(): void {
    this.awareness.destroy();
  }

  private ownedByOther(socket: RoomSocket, clientId: number): boolean {
    for (const [other, conn] of this.opts.conns) if (other !== socket && conn.awarenessIds.has(clientId)) return true;
    return false;
  }

  private readonly relay = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const conn = origin ? this.opts.conns.get(origin as RoomSocket) : undefined;
    if (conn) {
      for (const id of added) conn.awarenessIds.add(id);
      for (const id of removed) conn.awarenessIds.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    const message = awarenessMessage(this.awareness, changed);
    for (const socket of this.opts.conns.keys()) this.opts.send(socket, message);
    if (this.opts.publish && origin !== STORED_ELSEWHERE) {
      this.opts.publish({ kind: 'awareness', data: awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed) });
    }
  };
}
