// Test support (not a test file): an in-memory RoomSocket that records what a room sends.
import { type ServerMessage, serverMessageSchema } from '@inkwell/protocol';
import { decodeMessage, encodeAppFrame } from '@inkwell/protocol/wire';
import type { Identity } from '../../src/rooms/room.ts';
import type { RoomSocket } from '../../src/rooms/room-socket.ts';

let nextSocket = 0;

export class TestSocket implements RoomSocket {
  readonly id = `t${++nextSocket}`;
  sent: Uint8Array[] = [];
  closedWith: number | undefined;

  get isOpen() {
    return this.closedWith === undefined;
  }

  send(data: Uint8Array, written?: () => void) {
    this.sent.push(data);
    written?.();
  }

  close(code: number) {
    this.closedWith ??= code;
  }

  /** Yjs updates relayed or sent as sync step 2. */
  updates(): Uint8Array[] {
    return this.sent.map(decodeMessage).flatMap((m) => (m.type === 'update' ? [m.update] : []));
  }

  /** App messages (type 100), parsed. */
  app(): ServerMessage[] {
    return this.sent.map(decodeMessage).flatMap((m) => (m.type === 'app' ? [serverMessageSchema.parse(JSON.parse(m.json))] : []));
  }

  syncFrames(): number {
    return this.sent.filter((f) => f[0] === 0).length;
  }
}

/** A type-100 frame as a client sends it: JSON of `value`, or a raw string as it is. */
export function clientAppFrame(value: unknown): Uint8Array {
  return encodeAppFrame(typeof value === 'string' ? value : JSON.stringify(value));
}

let nextUser = 0;
/** A connection's identity for room tests: a fresh user unless one is given. */
export function identity(role: Identity['role'] = 'editor', user?: Identity['user']): Identity {
  nextUser += 1;
  return { user: user ?? { id: `u${nextUser}`, name: `User ${nextUser}`, color: '#1864ab' }, role, sessionId: `s${nextUser}` };
}
