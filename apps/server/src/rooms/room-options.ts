// What a room is built with, and the edit events it reports (room.ts). The hooks see the
// room as a RoomHandle, which Room implements: this file does not import the class it
// configures.
import type * as Y from 'yjs';
import type { DocMessage } from '../cluster/bus.ts';
import type { Logger } from '../logger.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import type { Identity } from './connection.ts';
import type { GroupCommit } from './group-commit.ts';
import type { RpcOutcome } from './rpc-dispatcher.ts';
import type { RpcHandlers } from './rpc-handler.ts';

/** The room as its hooks use it. */
export interface RoomHandle {
  readonly docId: string;
  /** Runs `fn` once every update applied so far is stored. */
  afterDurable(fn: () => void): void;
  /** Closes every connection with `code` and releases the doc. */
  close(code: number, reason: string): void;
}

export interface RoomOptions {
  storage: DocumentStore;
  /** The server's group commit; a room of its own when omitted (tests). */
  commits?: GroupCommit;
  logger: Logger;
  /** Compact once this many updates sit after the snapshot. */
  compactAfterUpdates: number;
  /** Called when storage refused a write: the room cannot promise durability any more. */
  onStorageFailure: (room: RoomHandle, err: unknown) => void;
  /**
   * Called when an update that broke a limit was integrated into the in-memory doc. It was
   * neither stored nor relayed; the room must be dropped and reloaded from storage.
   */
  onPoisoned: (room: RoomHandle) => void;
  /**
   * Called synchronously after each transaction in which a connection's update (or a
   * restore) changed the document; not for loads, not for viewers. Yjs emits the transaction
   * before the doc's `update` event, which is what hands the update to the write log: call
   * `room.afterDurable` from a microtask (not from this callback), or it runs before the
   * edit is even queued for storage.
   */
  onEdit?: (event: EditEvent) => void;
  /**
   * The socket's RPC methods; `doc.info` also answers the `doc` push on hello. Without them
   * every call fails with INTERNAL and hello pushes no document (room unit tests).
   */
  rpcHandlers?: RpcHandlers;
  /** Called once per answered RPC call (metrics). */
  onRpc?: (outcome: RpcOutcome) => void;
  /**
   * Beside other instances (REDIS_URL): sends what this room stored, its awareness changes and
   * its app broadcasts to the instances that have the document open. Omitted alone.
   */
  publish?: (message: DocMessage) => void;
  /** A catch-up from storage found `missed` updates this room had not received (metrics). */
  onCatchUp?: (missed: number) => void;
  /** The room closed (for whatever reason); it serves nobody any more. */
  onClosed?: () => void;
  /**
   * Serve a snapshot whose checksum matches before building it (stored-state.ts
   * trustedStoredUpdate); the registry turns it off for a document whose trusted snapshot once
   * failed to build. Default true.
   */
  serveBeforeBuild?: boolean;
}

/** One change a person made to a document (see RoomOptions.onEdit). */
export interface EditEvent {
  room: RoomHandle;
  user: Identity['user'];
  transaction: Y.Transaction;
}
