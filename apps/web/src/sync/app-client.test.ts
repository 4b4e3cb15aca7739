import {
  type ClientMessage,
  type Doc,
  MAX_INFLIGHT_RPCS,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  type ServerMessage,
  TYPING_EXPIRES_MS,
} from '@inkwell/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppClient } from './app-client.ts';
import { RPC_CLIENT_TIMEOUT_MS, RpcError } from './rpc-calls.ts';
import { TYPING_IDLE_MS, TYPING_RENEW_MS } from './typing-sender.ts';

const ADA = { id: 'u-ada', name: 'Ada', color: '#1864ab' };
const BEN = { id: 'u-ben', name: 'Ben', color: '#c2255c' };
const CY = { id: 'u-cy', name: 'Cy', color: '#2b8a3e' };
const NOW = '2026-11-27T06:00:00.000Z';
const DOC: Doc = { id: 'doc1', title: 'Plans', role: 'editor', createdAt: NOW, updatedAt: NOW };

/** Plays the socket and the server: records what the client sends while "open". */
class Harness {
  open = false;
  sent: ClientMessage[] = [];
  readonly app = new AppClient({
    send: (message) => {
      if (!this.open) return false;
      this.sent.push(message);
      return true;
    },
  });

  connect(user = ADA): void {
    this.open = true;
    this.app.socketOpened();
    this.server({ type: 'welcome', protocol: PROTOCOL_VERSION, user, connectionId: 'c1' });
  }

  drop(): void {
    this.open = false;
    this.app.socketClosed();
  }

  server(message: ServerMessage): void {
    this.app.receive(message);
  }

  calls(method?: string): Extract<ClientMessage, { type: 'rpc' }>[] {
    return this.sent.filter(
      (m): m is Extract<ClientMessage, { type: 'rpc' }> => m.type === 'rpc' && (method === undefined || m.method === method),
    );
  }

  typingSent(): boolean[] {
    return this.sent.flatMap((m) => (m.type === 'typing' ? [m.active] : []));
  }

  /** The server answers the last call of `method` with `result`. */
  answer(method: string, result: unknown): void {
    const call = this.calls(method).at(-1);
    if (!call) throw new Error(`no ${method} call`);
    this.server({ type: 'rpc', id: call.id, result });
  }
}

let h: Harness;
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date(NOW));
  h = new Harness();
});
afterEach(() => {
  h.app.destroy();
  vi.useRealTimers();
});

describe('AppClient handshake', () => {
  it('says hello on every socket and is ready only after the welcome', () => {
    h.open = true;
    h.app.socketOpened();
    expect(h.sent).toEqual([{ type: 'hello', protocol: PROTOCOL_VERSION }]);
    expect(h.app.state.get().status).toBe('connecting');
    h.server({ type: 'welcome', protocol: PROTOCOL_VERSION, user: ADA, connectionId: 'c1' });
    expect(h.app.state.get()).toEqual({ status: 'ready', user: ADA });
    h.drop();
    expect(h.app.state.get().status).toBe('offline');
    h.connect();
    expect(h.sent.filter((m) => m.type === 'hello')).toHaveLength(2);
  });

  it('stays unusable when the server does not speak our protocol', async () => {
    h.open = true;
    h.app.socketOpened();
    h.server({ type: 'error', code: 'UNSUPPORTED_PROTOCOL', message: 'this server speaks protocol 1' });
    h.drop();
    expect(h.app.state.get().status).toBe('unsupported');
    await expect(h.app.call('doc.info', {})).rejects.toMatchObject({ code: 'OFFLINE' });
  });
});

describe('AppClient protocol floor', () => {
  it('is ready with a server at the oldest version it speaks and unsupported below it', async () => {
    h.open = true;
    h.app.socketOpened();
    h.server({ type: 'welcome', protocol: MIN_PROTOCOL_VERSION, user: ADA, connectionId: 'c1' });
    expect(h.app.state.get().status).toBe('ready');
    h.drop();
    h.open = true;
    h.app.socketOpened();
    h.server({ type: 'welcome', protocol: MIN_PROTOCOL_VERSION - 1, user: ADA, connectionId: 'c2' });
    expect(h.app.state.get().status).toBe('unsupported');
    await expect(h.app.call('doc.info', {})).rejects.toMatchObject({ code: 'OFFLINE', message: expect.stringContaining('too old') });
  });
});

describe('AppClient RPC', () => {
  it('maps each answer to its call by id, in any order', async () => {
    h.connect();
    const info = h.app.call('doc.info', {});
    const list = h.app.call('version.list', {});
    const [infoCall, listCall] = h.calls();
    expect(infoCall).toMatchObject({ method: 'doc.info', params: {} });
    expect(infoCall!.id).not.toBe(listCall!.id);
    h.server({ type: 'rpc', id: listCall!.id, result: { versions: [] } });
    h.server({ type: 'rpc', id: infoCall!.id, result: DOC });
    await expect(list).resolves.toEqual({ versions: [] });
    await expect(info).resolves.toEqual(DOC);
  });

  it('rejects with the server error code, and with BAD_RESPONSE for a result off the schema', async () => {
    h.connect();
    const rename = h.app.call('doc.rename', { title: 'x' });
    h.server({ type: 'rpc', id: h.calls().at(-1)!.id, error: { code: 'FORBIDDEN', message: 'viewers cannot rename' } });
    await expect(rename).rejects.toEqual(new RpcError('FORBIDDEN', 'viewers cannot rename'));
    const info = h.app.call('doc.info', {});
    h.answer('doc.info', { id: 'doc1', title: 3 });
    await expect(info).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('times out a little after the server would, and ignores the late answer', async () => {
    h.connect();
    const info = h.app.call('doc.info', {});
    const outcome = info.catch((error: unknown) => error);
    vi.advanceTimersByTime(RPC_CLIENT_TIMEOUT_MS - 1);
    h.server({ type: 'rpc', id: 999, result: DOC }); // an id nobody waits for changes nothing
    vi.advanceTimersByTime(1);
    expect(await outcome).toMatchObject({ code: 'TIMEOUT' });
    expect(() => h.answer('doc.info', DOC)).not.toThrow();
  });

  it('rejects calls in flight when the socket closes, and when destroyed', async () => {
    h.connect();
    const first = h.app.call('version.list', {});
    h.drop();
    await expect(first).rejects.toMatchObject({ code: 'CLOSED' });
    h.connect();
    const second = h.app.call('version.list', {});
    h.app.destroy();
    await expect(second).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('refuses calls while not connected without sending them', async () => {
    await expect(h.app.call('doc.info', {})).rejects.toMatchObject({ code: 'OFFLINE' });
    h.open = true;
    h.app.socketOpened(); // hello sent, no welcome yet
    await expect(h.app.call('doc.info', {})).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(h.calls()).toHaveLength(0);
  });

  it(`keeps at most ${MAX_INFLIGHT_RPCS} calls in flight`, async () => {
    h.connect();
    const calls = Array.from({ length: MAX_INFLIGHT_RPCS }, () => h.app.call('version.list', {}));
    for (const call of calls) call.catch(() => {}); // the rest are rejected by destroy()
    await expect(h.app.call('version.list', {})).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(h.calls()).toHaveLength(MAX_INFLIGHT_RPCS);
    h.answer('version.list', { versions: [] });
    await expect(calls.at(-1)).resolves.toEqual({ versions: [] });
    const next = h.app.call('version.list', {});
    expect(h.calls()).toHaveLength(MAX_INFLIGHT_RPCS + 1);
    h.answer('version.list', { versions: [] });
    await expect(next).resolves.toEqual({ versions: [] });
  });
});

describe('AppClient activity subscription', () => {
  const activity = (words: number): ServerMessage => ({ type: 'activity', editors: [], words, connections: 2, at: NOW });

  it('subscribes once ready and again after every reconnect', async () => {
    const unsubscribe = h.app.subscribeActivity();
    expect(h.calls()).toHaveLength(0); // not connected yet: waits for the welcome
    h.connect();
    expect(h.calls('activity.subscribe')).toHaveLength(1);
    h.answer('activity.subscribe', { ok: true });
    h.server(activity(10));
    expect(h.app.activity.get().activity?.words).toBe(10);

    h.drop();
    h.connect();
    expect(h.calls('activity.subscribe')).toHaveLength(2);
    h.server(activity(12));
    expect(h.app.activity.get().activity?.words).toBe(12);

    unsubscribe();
    expect(h.calls('activity.unsubscribe')).toHaveLength(1);
    expect(h.app.activity.get().activity).toBeNull();
    h.server(activity(13)); // in flight before the unsubscribe landed
    expect(h.app.activity.get().activity).toBeNull();
    h.drop();
    h.connect();
    expect(h.calls('activity.subscribe')).toHaveLength(2);
  });

  it('subscribes once for several components and unsubscribes after the last', () => {
    h.connect();
    const a = h.app.subscribeActivity();
    const b = h.app.subscribeActivity();
    expect(h.calls('activity.subscribe')).toHaveLength(1);
    a();
    a(); // twice is harmless
    expect(h.calls('activity.unsubscribe')).toHaveLength(0);
    b();
    expect(h.calls('activity.unsubscribe')).toHaveLength(1);
  });

  it('reports a failed subscription, and clears it when a later one works', async () => {
    h.connect();
    h.app.subscribeActivity();
    h.server({ type: 'rpc', id: h.calls().at(-1)!.id, error: { code: 'METHOD_NOT_FOUND', message: 'no such method' } });
    await vi.waitFor(() => expect(h.app.activity.get().error?.code).toBe('METHOD_NOT_FOUND'));
    h.drop();
    h.connect();
    h.answer('activity.subscribe', { ok: true });
    await vi.waitFor(() => expect(h.app.activity.get().error).toBeNull());
  });
});

describe('AppClient typing of others', () => {
  const notice = (user: typeof BEN, active: boolean, expiresInMs = TYPING_EXPIRES_MS): ServerMessage => ({
    type: 'typing',
    user,
    active,
    expiresInMs,
  });

  it('shows a person until their notice expires, renewed by each new one', () => {
    h.connect();
    h.server(notice(BEN, true));
    expect(h.app.typing.get()).toEqual([BEN]);
    vi.advanceTimersByTime(TYPING_EXPIRES_MS - 1_000);
    h.server(notice(BEN, true)); // renewal
    vi.advanceTimersByTime(TYPING_EXPIRES_MS - 1);
    expect(h.app.typing.get()).toEqual([BEN]);
    vi.advanceTimersByTime(1); // their tab vanished without a word
    expect(h.app.typing.get()).toEqual([]);
  });

  it('drops a person on active:false, keeps the order people started in, and ignores our own account', () => {
    h.connect();
    h.server(notice(CY, true));
    h.server(notice(BEN, true));
    h.server(notice(CY, true));
    h.server(notice(ADA, true)); // our other tab
    expect(h.app.typing.get().map((u) => u.name)).toEqual(['Cy', 'Ben']);
    h.server(notice(CY, false, 0));
    expect(h.app.typing.get()).toEqual([BEN]);
  });

  it('forgets everyone when the socket closes', () => {
    h.connect();
    h.server(notice(BEN, true));
    h.drop();
    expect(h.app.typing.get()).toEqual([]);
  });
});

describe('AppClient typing of this tab', () => {
  it('sends active at most once a second, renews while typing and stops after a pause', () => {
    h.connect();
    h.app.noteLocalEdit();
    expect(h.typingSent()).toEqual([true]);
    // Keystrokes every 100 ms for 5 s.
    for (let t = 0; t < 50; t++) {
      vi.advanceTimersByTime(100);
      h.app.noteLocalEdit();
    }
    const renewals = Math.floor(5_000 / TYPING_RENEW_MS);
    expect(h.typingSent()).toEqual(Array(1 + renewals).fill(true));
    vi.advanceTimersByTime(TYPING_IDLE_MS);
    expect(h.typingSent().at(-1)).toBe(false);
    expect(h.typingSent()).toHaveLength(2 + renewals);
  });

  it('stops at once on blur, but never sends twice within a second', () => {
    h.connect();
    h.app.noteLocalEdit();
    h.app.stopTyping(); // blur right away: waits for the interval
    expect(h.typingSent()).toEqual([true]);
    vi.advanceTimersByTime(1_000);
    expect(h.typingSent()).toEqual([true, false]);
    h.app.stopTyping();
    vi.advanceTimersByTime(5_000);
    expect(h.typingSent()).toEqual([true, false]);
  });

  it('typing, blur and typing again within the interval sends nothing extra', () => {
    h.connect();
    h.app.noteLocalEdit();
    vi.advanceTimersByTime(300);
    h.app.stopTyping();
    vi.advanceTimersByTime(300);
    h.app.noteLocalEdit();
    vi.advanceTimersByTime(1_000);
    expect(h.typingSent()).toEqual([true]);
  });

  it('says nothing while not connected, and starts over on a new socket', () => {
    h.app.noteLocalEdit();
    expect(h.typingSent()).toEqual([]);
    h.connect();
    h.app.noteLocalEdit();
    h.drop(); // the server tells the others; nothing to send
    h.connect();
    h.app.noteLocalEdit();
    expect(h.typingSent()).toEqual([true, true]);
  });
});

describe('AppClient pushes', () => {
  it('hands doc, docPatch and invalidate to listeners until they leave', () => {
    h.connect();
    const seen: unknown[] = [];
    const offs = [
      h.app.on('doc', (doc) => seen.push(['doc', doc.title])),
      h.app.on('docPatch', (patch) => seen.push(['patch', patch.delta])),
      h.app.on('invalidate', (inv) => seen.push(['invalidate', inv])),
    ];
    h.server({ type: 'doc', payload: DOC });
    h.server({ type: 'docPatch', id: 'doc1', delta: { title: 'New' } });
    h.server({ type: 'invalidate', entity: 'versions', id: 'doc1', action: 'created' });
    for (const off of offs) off();
    h.server({ type: 'doc', payload: DOC });
    expect(seen).toEqual([
      ['doc', 'Plans'],
      ['patch', { title: 'New' }],
      ['invalidate', { entity: 'versions', id: 'doc1', action: 'created' }],
    ]);
  });
});
