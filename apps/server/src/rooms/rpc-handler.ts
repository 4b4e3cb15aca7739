// The contract between the room's RPC dispatcher and the handlers it runs. The room gets its
// handler table through its options (rpc/handlers.ts builds it on the documents service), so
// the rooms layer knows what a call is, not what it does.
import type { PublicUser, RpcMethod, RpcParsedParams, RpcResult } from '@inkwell/protocol';
import type { Role } from '../storage/member-store.ts';

/** What an RPC handler knows about its call. */
export interface RpcContext {
  readonly docId: string;
  readonly user: PublicUser;
  /** The caller's role when the call runs (a role change applies to the next call). */
  readonly role: Role;
  readonly connectionId: string;
  /** Starts or stops this connection's activity stream. */
  setActivitySubscribed(on: boolean): void;
}

export type RpcHandler<M extends RpcMethod> = (params: RpcParsedParams<M>, ctx: RpcContext) => Promise<RpcResult<M>>;

/** One handler per method of RPC_METHODS: a method without one fails to compile. */
export type RpcHandlers = { [M in RpcMethod]: RpcHandler<M> };

/** The table of a room built without handlers (room unit tests): every call fails as INTERNAL. */
export function unavailableRpcHandlers(): RpcHandlers {
  const unavailable = async (): Promise<never> => {
    throw new Error('this room has no RPC handlers');
  };
  return {
    'doc.rename': unavailable,
    'doc.info': unavailable,
    'version.create': unavailable,
    'version.list': unavailable,
    'version.get': unavailable,
    'version.restore': unavailable,
    'activity.subscribe': unavailable,
    'activity.unsubscribe': unavailable,
    'comment.list': unavailable,
    'comment.create': unavailable,
    'comment.reply': unavailable,
    'comment.resolve': unavailable,
    'comment.edit': unavailable,
    'comment.delete': unavailable,
  };
}
