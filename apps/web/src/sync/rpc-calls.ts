// RPC over the app channel, client side: ids mapped to promises (docs/protocol.md "RPC").
import {
  type ClientMessage,
  MAX_INFLIGHT_RPCS,
  RPC_METHODS,
  RPC_TIMEOUT_MS,
  type RpcMethod,
  type RpcParams,
  type RpcReply,
  type RpcResult,
  type SocketErrorCode,
} from '@inkwell/protocol';

/**
 * The server gives up on a call after RPC_TIMEOUT_MS and answers TIMEOUT; we wait a little
 * longer so that its answer (a result or its TIMEOUT) normally arrives before ours fires.
 */
export const RPC_CLIENT_TIMEOUT_MS = RPC_TIMEOUT_MS + 2_000;

/**
 * Server codes, plus what only the client can know: not connected (OFFLINE), the socket
 * closed before the answer came (CLOSED), an answer that does not match the method's schema
 * (BAD_RESPONSE). TIMEOUT and RATE_LIMITED are also raised locally (our own timer, our own cap).
 */
export type RpcErrorCode = SocketErrorCode | 'OFFLINE' | 'CLOSED' | 'BAD_RESPONSE';

export class RpcError extends Error {
  override readonly name = 'RpcError';

  constructor(
    readonly code: RpcErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** Failures that say nothing about the call itself: trying again later may work. */
  get isTransient(): boolean {
    return ['OFFLINE', 'CLOSED', 'TIMEOUT', 'RATE_LIMITED', 'INTERNAL'].includes(this.code);
  }
}

interface Pending {
  method: RpcMethod;
  resolve: (result: unknown) => void;
  reject: (error: RpcError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The calls of one client, across sockets. Ids are never reused, so a late answer to a call
 * that already timed out (or was made on an earlier socket) matches nothing and is dropped.
 */
export class RpcCalls {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly timeoutMs = RPC_CLIENT_TIMEOUT_MS) {}

  get inflight(): number {
    return this.pending.size;
  }

  /**
   * Sends `method` through `send` (false when no socket can take it). The caller decides
   * whether the channel is ready; this only tracks the call.
   */
  call<M extends RpcMethod>(method: M, params: RpcParams<M>, send: (message: ClientMessage) => boolean): Promise<RpcResult<M>> {
    // The server answers the 33rd waiting call with RATE_LIMITED; refusing it here saves the
    // round trip and keeps one runaway component from starving the others' calls.
    if (this.pending.size >= MAX_INFLIGHT_RPCS) {
      return Promise.reject(new RpcError('RATE_LIMITED', 'Too many requests are waiting for the server. Try again in a moment.'));
    }
    const id = this.nextId++;
    return new Promise<RpcResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(id)) return;
        reject(new RpcError('TIMEOUT', 'The server did not answer in time.'));
      }, this.timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (result: unknown) => void, reject, timer });
      if (!send({ type: 'rpc', id, method, params })) {
        this.settle(id)?.reject(new RpcError('OFFLINE', 'Not connected to the server.'));
      }
    });
  }

  /** An `rpc` answer from the server; true when it answered a call we are waiting for. */
  handleReply(reply: RpcReply): boolean {
    if (typeof reply.id !== 'number') return false;
    const call = this.settle(reply.id);
    if (!call) return false;
    if ('error' in reply) {
      call.reject(new RpcError(reply.error.code, reply.error.message));
      return true;
    }
    // The result is checked against the method's schema, so callers get exactly the type
    // RpcResult<M> promises (and a drifted server fails here, not deep in a component).
    const parsed = RPC_METHODS[call.method].result.safeParse(reply.result);
    if (parsed.success) call.resolve(parsed.data);
    else call.reject(new RpcError('BAD_RESPONSE', `The server sent an unexpected answer to ${call.method}.`));
    return true;
  }

  /** The socket closed (or the client is going away): no answer can come any more. */
  rejectAll(error: RpcError): void {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(error);
  }

  private settle(id: number): Pending | undefined {
    const call = this.pending.get(id);
    if (!call) return undefined;
    this.pending.delete(id);
    clearTimeout(call.timer);
    return call;
  }
}
