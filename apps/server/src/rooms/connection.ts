import type { Role } from '../storage/member-store.ts';
import type { TokenBucket } from '../util/token-bucket.ts';
import type { RpcDispatcher } from './rpc-dispatcher.ts';

/** Who is behind a connection, as the upgrade established it. */
export interface Identity {
  user: { id: string; name: string; color: string };
  role: Role;
  /** The session the socket was opened with (logout closes it). */
  sessionId: string;
}

/** One socket's state in a room. */
export interface Connection extends Identity {
  /** The socket's id (RoomSocket.id), minted at upgrade. */
  readonly id: string;
  awarenessBudget: TokenBucket;
  /** Awareness client ids this connection has published; removed for everyone when it leaves. */
  awarenessIds: Set<number>;
  /** Has sent hello: may receive app messages. */
  hello: boolean;
  /** Sync frames carrying document data (step 2, update) received on this socket. */
  updatesReceived: number;
  /** Highest count of those known to be stored, and the highest reported in `saved`. */
  updatesDurable: number;
  updatesAcked: number;
  /** App channel state, created on the first app message. */
  app?: AppState;
}

export interface AppState {
  rpc: RpcDispatcher;
  /** Bad app messages allowed before the socket is closed with 4400. */
  garbage: TokenBucket;
  typing: boolean;
  /** When this connection's last typing signal was relayed (ms, performance clock). */
  typingRelayedAt: number;
  activity: boolean;
}
