// Runs one connection's RPC calls: one at a time in arrival order (so answers come back in
// request order and a call sees the effects of the calls before it), at most
// MAX_INFLIGHT_RPCS waiting, each bounded by a timeout.
import {
  isRpcMethod,
  MAX_INFLIGHT_RPCS,
  RPC_METHODS,
  RPC_TIMEOUT_MS,
  type RpcMethod,
  type RpcReply,
  type RpcRequest,
  type SocketErrorCode,
} from '@inkwell/protocol';
import { ProtocolError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { RpcContext, RpcHandler, RpcHandlers } from './rpc-handler.ts';

export interface RpcOutcome {
  method: string;
  /** 'ok' or the error code answered. */
  outcome: 'ok' | SocketErrorCode;
  seconds: number;
}

export interface DispatcherOptions {
  handlers: RpcHandlers;
  context: () => RpcContext;
  reply: (message: RpcReply) => void;
  log: Logger;
  timeoutMs?: number;
  /** Called once per answered call (metrics). */
  onOutcome?: (outcome: RpcOutcome) => void;
}

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export class RpcDispatcher {
  private pending = 0;
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly opts: DispatcherOptions) {}

  get inFlight(): number {
    return this.pending;
  }

  submit(request: RpcRequest): void {
    if (this.closed) return;
    if (this.pending >= MAX_INFLIGHT_RPCS) {
      // Answered at once, ahead of the queued calls: the client is over its budget.
      this.answer(request, { code: 'RATE_LIMITED', message: `at most ${MAX_INFLIGHT_RPCS} calls may be in flight` }, 0);
      return;
    }
    this.pending += 1;
    this.tail = this.tail.then(async () => {
      const started = performance.now();
      const result = await this.run(request);
      this.pending -= 1;
      this.answer(request, result, (performance.now() - started) / 1000);
    });
  }

  /** Answers nothing more (the connection is gone); calls already running still finish. */
  close(): void {
    this.closed = true;
  }

  private answer(request: RpcRequest, result: { ok: unknown } | { code: ProtocolError['code']; message: string }, seconds: number): void {
    const outcome = 'ok' in result ? 'ok' : result.code;
    this.opts.onOutcome?.({ method: isRpcMethod(request.method) ? request.method : 'unknown', outcome, seconds });
    if (this.closed) return;
    this.opts.reply(
      'ok' in result
        ? { type: 'rpc', id: request.id, result: result.ok }
        : { type: 'rpc', id: request.id, error: { code: result.code, message: result.message } },
    );
  }

  private async run(request: RpcRequest): Promise<{ ok: unknown } | { code: ProtocolError['code']; message: string }> {
    const { method } = request;
    if (!isRpcMethod(method)) return { code: 'METHOD_NOT_FOUND', message: `unknown method "${method.slice(0, 64)}"` };
    const parsed = RPC_METHODS[method].params.safeParse(request.params ?? {});
    if (!parsed.success) return { code: 'BAD_REQUEST', message: `invalid params for ${method}: ${describeIssues(parsed.error)}` };
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = this.opts.timeoutMs ?? RPC_TIMEOUT_MS;
    try {
      const handler = this.opts.handlers[method] as RpcHandler<RpcMethod>;
      const call = handler(parsed.data as never, this.opts.context());
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ProtocolError('TIMEOUT', `${method} took longer than ${timeoutMs} ms`)), timeoutMs);
      });
      return { ok: await Promise.race([call, timeout]) };
    } catch (err) {
      if (err instanceof ProtocolError) {
        if (err.code === 'TIMEOUT') this.opts.log.warn('rpc timed out', { method, rpcId: request.id });
        return { code: err.code, message: err.message };
      }
      this.opts.log.error('rpc failed', { method, rpcId: request.id, err });
      return { code: 'INTERNAL', message: 'The server failed to handle this call' };
    } finally {
      clearTimeout(timer);
    }
  }
}
