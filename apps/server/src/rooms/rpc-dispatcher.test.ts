import { MAX_INFLIGHT_RPCS, type RpcReply } from '@inkwell/protocol';
import { describe, expect, it, vi } from 'vitest';
import { ProtocolError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { RpcDispatcher } from './rpc-dispatcher.ts';
import { type RpcContext, type RpcHandlers, unavailableRpcHandlers } from './rpc-handler.ts';

function dispatcher(handlers: Partial<RpcHandlers>, timeoutMs = 1000) {
  const replies: RpcReply[] = [];
  const logs: string[] = [];
  const outcomes: string[] = [];
  const d = new RpcDispatcher({
    handlers: { ...unavailableRpcHandlers(), ...handlers },
    context: () => ({ docId: 'd', role: 'editor', connectionId: 'c1' }) as RpcContext,
    reply: (m) => replies.push(m),
    log: createLogger('debug', (line) => logs.push(line)),
    timeoutMs,
    onOutcome: (o) => outcomes.push(`${o.method}:${o.outcome}`),
  });
  return { d, replies, logs, outcomes };
}

const call = (id: number, method = 'doc.info', params: unknown = {}) => ({ type: 'rpc' as const, id, method, params });

describe('RpcDispatcher', () => {
  it('maps a ProtocolError to its code, anything else to INTERNAL without details, logged with the id', async () => {
    const { d, replies, logs, outcomes } = dispatcher({
      'doc.info': async () => {
        throw new ProtocolError('NOT_FOUND', 'No such document');
      },
      'version.list': async () => {
        throw new Error('secret database detail');
      },
    });
    d.submit(call(1));
    d.submit(call(2, 'version.list'));
    await vi.waitFor(() => expect(replies).toHaveLength(2));
    expect(replies).toEqual([
      { type: 'rpc', id: 1, error: { code: 'NOT_FOUND', message: 'No such document' } },
      { type: 'rpc', id: 2, error: { code: 'INTERNAL', message: 'The server failed to handle this call' } },
    ]);
    const logged = logs.map((l) => JSON.parse(l) as { msg: string; rpcId?: number; err?: { message: string } });
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: 'rpc failed', rpcId: 2, err: expect.objectContaining({ message: 'secret database detail' }) }),
    );
    expect(outcomes).toEqual(['doc.info:NOT_FOUND', 'version.list:INTERNAL']);
  });

  it('times a call out with TIMEOUT and goes on with the next', async () => {
    const { d, replies } = dispatcher({ 'doc.info': () => new Promise(() => {}), 'version.list': async () => ({ versions: [] }) }, 50);
    d.submit(call(1));
    d.submit(call(2, 'version.list'));
    await vi.waitFor(() => expect(replies).toHaveLength(2));
    expect(replies[0]).toMatchObject({ id: 1, error: { code: 'TIMEOUT' } });
    expect(replies[1]).toEqual({ type: 'rpc', id: 2, result: { versions: [] } });
  });

  it('refuses calls past the in-flight bound with RATE_LIMITED and answers the rest in order', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { d, replies } = dispatcher({
      'version.list': async () => {
        await gate;
        return { versions: [] };
      },
    });
    for (let i = 0; i < MAX_INFLIGHT_RPCS + 3; i++) d.submit(call(i, 'version.list'));
    expect(d.inFlight).toBe(MAX_INFLIGHT_RPCS);
    expect(replies.map((r) => r.id)).toEqual([MAX_INFLIGHT_RPCS, MAX_INFLIGHT_RPCS + 1, MAX_INFLIGHT_RPCS + 2]);
    expect(replies.every((r) => 'error' in r && r.error.code === 'RATE_LIMITED')).toBe(true);
    release();
    await vi.waitFor(() => expect(replies).toHaveLength(MAX_INFLIGHT_RPCS + 3));
    expect(replies.slice(3).map((r) => r.id)).toEqual([...Array(MAX_INFLIGHT_RPCS).keys()]);
    expect(d.inFlight).toBe(0);
  });

  it('answers nothing after close', async () => {
    const { d, replies } = dispatcher({});
    d.close();
    d.submit(call(1, 'nope'));
    await Promise.resolve();
    expect(replies).toEqual([]);
  });
});
