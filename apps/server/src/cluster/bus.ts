// What instances tell each other (REDIS_URL, API.md §9). The bus is a notification path and
// never the source of truth: every update it carries is stored before it is published, and an
// instance that missed messages (a restart, a Redis blip, a lost message) catches up from the
// stored log by `seq`. Messages about one document go to that document's channel, which an
// instance subscribes to only while it has the document's room open; messages about a person
// or a session go to every instance.
import type { Role } from '../storage/member-store.ts';

/** The origin of everything a room applies from the bus or from a catch-up (never stored again). */
export const STORED_ELSEWHERE = Symbol('stored by another instance');

export type DocMessage =
  /** Stored updates with the consecutive seqs from, from + 1, … */
  | { kind: 'update'; from: number; updates: Uint8Array[] }
  /** A y-protocols awareness update. */
  | { kind: 'awareness'; data: Uint8Array }
  /** A room just opened here: the others publish the awareness states of their connections. */
  | { kind: 'awarenessQuery' }
  /**
   * The sender stored updates through `through` without publishing them, while no other
   * instance had the document open (RedisBus): a room that holds less reads the log.
   */
  | { kind: 'stored'; through: number }
  /** An encoded server frame for every connection of the document that said hello. */
  | { kind: 'app'; data: Uint8Array }
  | { kind: 'closeUser'; userId: string; code: number; reason: string }
  | { kind: 'setRole'; userId: string; role: Role }
  | { kind: 'evict'; code: number; reason: string };

export type GlobalMessage =
  | { kind: 'closeSession'; sessionId: string; code: number; reason: string }
  | { kind: 'renameUser'; userId: string; name: string }
  /** New events were stored for these people: their open streams read them from the log. */
  | { kind: 'userEvents'; userIds: string[] };

export interface BusHandlers {
  doc(docId: string, message: DocMessage): void;
  global(message: GlobalMessage): void;
  /** The bus (re)connected after missing messages: every open room and stream catches up. */
  resync(): void;
}

export interface Bus {
  /** Sends to every other instance subscribed to the document; never throws. */
  publishDoc(docId: string, message: DocMessage): void;
  /** Sends to every other instance; never throws. */
  publishGlobal(message: GlobalMessage): void;
  /** Starts receiving the document's messages; resolves once the subscription is in place. */
  subscribeDoc(docId: string): Promise<void>;
  unsubscribeDoc(docId: string): void;
  /** Where received messages go (set once, by the server, before anything is subscribed). */
  setHandlers(handlers: BusHandlers): void;
  close(): Promise<void>;
}
