import type { PublicUser, RpcMethod, RpcParsedParams, RpcResult } from '@inkwell/protocol';
import type { Role } from '../storage/storage.ts';
import type { AppServices } from './services.ts';

/** What an RPC handler knows about its call. */
export interface RpcContext {
  readonly docId: string;
  readonly user: PublicUser;
  /** The caller's role when the call runs (a role change applies to the next call). */
  readonly role: Role;
  readonly connectionId: string;
  readonly services: AppServices;
  /** Starts or stops this connection's activity stream. */
  setActivitySubscribed(on: boolean): void;
}

export type RpcHandler<M extends RpcMethod> = (params: RpcParsedParams<M>, ctx: RpcContext) => Promise<RpcResult<M>>;

/** One handler per method of RPC_METHODS: a method without one fails to compile. */
export type RpcHandlers = { [M in RpcMethod]: RpcHandler<M> };
