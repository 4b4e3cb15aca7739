// What a room is built with, and the edit events it reports (room.ts).
import type * as Y from 'yjs';
import type { Logger } from '../logger.ts';
import type { RpcOutcome } from '../rpc/dispatcher.ts';
import type { AppServices } from '../rpc/services.ts';
import type { Storage } from '../storage/storage.ts';
import type { Identity } from './connection.ts';
import type { GroupCommit } from './group-commit.ts';
import type { Room } from './room.ts';

export interface RoomOptions {
  storage: Storage;
  /** The server's group commit; a room of its own when omitted (tests). */
  commits?: GroupCommit;
  logger: Logger;
  /** Compact once this many updates sit after the snapshot. */
  compactAfterUpdates: number;
  /** Called when storage refused a write: the room cannot promise durability any more. */
  onStorageFailure: (room: Room, err: unknown) => void;
  /**
   * Called when an update that broke a limit was integrated into the in-memory doc. It was
   * neither stored nor relayed; the room must be dropped and reloaded from storage.
   */
  onPoisoned: (room: Room) => void;
  /**
   * Called synchronously after each transaction in which a connection's update (or a
   * restore) changed the document; not for loads, not for viewers. Yjs emits the transaction
   * before the doc's `update` event, which is what hands the update to the write log: call
   * `room.afterDurable` from a microtask (not from this callback), or it runs before the
   * edit is even queued for storage.
   */
  onEdit?: (event: EditEvent) => void;
  /** What RPC handlers work with; without it every call fails with INTERNAL (room unit tests). */
  services?: AppServices;
  /** Called once per answered RPC call (metrics). */
  onRpc?: (outcome: RpcOutcome) => void;
}

/** One change a person made to a document (see RoomOptions.onEdit). */
export interface EditEvent {
  room: Room;
  user: Identity['user'];
  transaction: Y.Transaction;
}
