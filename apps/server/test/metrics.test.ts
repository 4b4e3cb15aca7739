// GET /metrics (who may read it, what it says), request ids in logs, and the write-path
// series measured on a real room.
import { syncUpdate } from '@inkwell/protocol/wire';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { ConfigError, configFromEnv } from '../src/config.ts';
import { isLoopbackAddress } from '../src/http/metrics-route.ts';
import { createLogger, silentLogger } from '../src/logger.ts';
import { createMetrics } from '../src/metrics/metrics.ts';
import { GroupCommit } from '../src/rooms/group-commit.ts';
import { Room } from '../src/rooms/room.ts';
import { AppClient } from './support/app-client.ts';
import { GatedStorage } from './support/gated-storage.ts';
import { cleanup, connect, createDoc, defer, signUp, startServer } from './support/helpers.ts';
import { openSse } from './support/sse-helpers.ts';
import { identity, TestSocket } from './support/test-socket.ts';

afterEach(cleanup);

const TOKEN = 'metrics-token-0123456789';

/** The value of one series in a Prometheus text exposition (labels as written, sorted by prom-client). */
function sample(text: string, series: string): number | undefined {
  const escaped = series.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^${escaped} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

async function scrape(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/metrics`, { headers });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

describe('GET /metrics', () => {
  it('serves loopback clients the inkwell series: connections, rooms, updates, persist and relay latency', async () => {
    const { url, wsBase } = await startServer();
    const doc = await createDoc(url);
    const a = connect(wsBase, doc.id);
    const b = connect(wsBase, doc.id);
    await Promise.all([a.synced, b.synced]);
    a.text.insert(0, 'hello');
    await vi.waitFor(() => expect(b.text.toString()).toBe('hello'));

    const { status, text, headers } = await scrape(url);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'inkwell_ws_connections')).toBe(2);
    expect(sample(text, 'inkwell_ws_connections_opened_total')).toBe(2);
    expect(sample(text, 'inkwell_rooms_loaded')).toBe(1);
    expect(sample(text, 'inkwell_updates_total')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'inkwell_update_bytes_total')).toBeGreaterThan(0);
    expect(sample(text, 'inkwell_persisted_updates_total')).toBe(sample(text, 'inkwell_updates_total'));
    expect(sample(text, 'inkwell_persist_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'inkwell_relay_latency_seconds_count')).toBe(sample(text, 'inkwell_updates_total'));
    expect(sample(text, 'inkwell_unpersisted_bytes')).toBe(0);
    expect(sample(text, 'inkwell_sse_streams')).toBe(0);
    expect(sample(text, 'inkwell_event_loop_lag_max_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'inkwell_process_resident_memory_bytes')).toBeGreaterThan(1e6);
    expect(text).toMatch(/^inkwell_http_request_duration_seconds_count\{method="POST",route="\/api\/docs\/",status="201"\} 1$/m);

    b.destroy();
    await vi.waitFor(async () => {
      const after = (await scrape(url)).text;
      expect(sample(after, 'inkwell_ws_connections')).toBe(1);
      const closed = [...after.matchAll(/^inkwell_ws_connections_closed_total\{code="[^"]+"\} (\d+)$/gm)];
      expect(closed.reduce((n, m) => n + Number(m[1]), 0)).toBe(1);
    });
  });

  it('keeps the numbers of two servers in one process apart', async () => {
    const one = await startServer();
    const two = await startServer();
    const doc = await createDoc(one.url);
    const client = connect(one.wsBase, doc.id);
    await client.synced;
    expect(sample((await scrape(one.url)).text, 'inkwell_ws_connections')).toBe(1);
    expect(sample((await scrape(two.url)).text, 'inkwell_ws_connections')).toBe(0);
    expect(sample((await scrape(two.url)).text, 'inkwell_rooms_loaded')).toBe(0);
  });

  it('refuses other hosts with 403 when no METRICS_TOKEN is set', async () => {
    const { url } = await startServer({ metricsIsLocalAddress: () => false });
    const res = await scrape(url);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).error.code).toBe('FORBIDDEN');
    expect(res.text).not.toContain('inkwell_');
  });

  it('lets other hosts in with the bearer token only', async () => {
    const { url } = await startServer({ metricsIsLocalAddress: () => false, metricsToken: TOKEN });
    const none = await scrape(url);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await scrape(url, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await scrape(url, { authorization: `Basic ${TOKEN}` })).status).toBe(401);
    const ok = await scrape(url, { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('inkwell_ws_connections 0');
  });

  it('treats a loopback request relayed by a proxy as remote', async () => {
    const { url } = await startServer();
    expect((await scrape(url)).status).toBe(200);
    expect((await scrape(url, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
    expect((await scrape(url, { forwarded: 'for=203.0.113.9' })).status).toBe(403);
  });

  it('knows the loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of [undefined, '', '192.0.2.1', '::ffff:192.0.2.1', '::2', '1127.0.0.1', 'fe80::1']) {
      expect(isLoopbackAddress(a)).toBe(false);
    }
  });

  it('refuses a short METRICS_TOKEN at start', () => {
    expect(() => configFromEnv({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(configFromEnv({ METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    expect(configFromEnv({}).metricsToken).toBeUndefined();
  });
});

describe('series fed by other parts of the server', () => {
  it('exposes the write-path histograms with cumulative buckets, sum and count', async () => {
    const metrics = createMetrics();
    defer(() => metrics.stop());
    for (const s of [0.0004, 0.0004, 0.004, 0.02, 7]) metrics.commits.relayed(s);
    const text = await metrics.render();
    expect(text).toContain('# TYPE inkwell_relay_latency_seconds histogram');
    expect(sample(text, 'inkwell_relay_latency_seconds_bucket{le="0.00025"}')).toBe(0);
    expect(sample(text, 'inkwell_relay_latency_seconds_bucket{le="0.0005"}')).toBe(2);
    expect(sample(text, 'inkwell_relay_latency_seconds_bucket{le="0.005"}')).toBe(3);
    expect(sample(text, 'inkwell_relay_latency_seconds_bucket{le="0.025"}')).toBe(4);
    expect(sample(text, 'inkwell_relay_latency_seconds_bucket{le="2.5"}')).toBe(4);
    expect(sample(text, 'inkwell_relay_latency_seconds_bucket{le="+Inf"}')).toBe(5);
    expect(sample(text, 'inkwell_relay_latency_seconds_count')).toBe(5);
    expect(sample(text, 'inkwell_relay_latency_seconds_sum')).toBeCloseTo(7.0248, 6);
  });

  it('counts RPC calls and errors by method, folding unknown methods and codes', async () => {
    const metrics = createMetrics();
    defer(() => metrics.stop());
    metrics.rpc.observe('doc.rename', 'ok', 0.004);
    metrics.rpc.observe('doc.rename', 'FORBIDDEN', 0.001);
    metrics.rpc.observe('no.such.method', 'METHOD_NOT_FOUND', 0.0001);
    metrics.rpc.observe('version.list', 'NOT_A_CODE' as 'ok', 0.002);
    const text = await metrics.render();
    expect(sample(text, 'inkwell_rpc_calls_total{method="doc.rename",outcome="ok"}')).toBe(1);
    expect(sample(text, 'inkwell_rpc_calls_total{method="doc.rename",outcome="error"}')).toBe(1);
    expect(sample(text, 'inkwell_rpc_errors_total{method="doc.rename",code="FORBIDDEN"}')).toBe(1);
    expect(sample(text, 'inkwell_rpc_errors_total{method="unknown",code="METHOD_NOT_FOUND"}')).toBe(1);
    expect(sample(text, 'inkwell_rpc_errors_total{method="version.list",code="INTERNAL"}')).toBe(1);
    expect(sample(text, 'inkwell_rpc_duration_seconds_count{method="doc.rename"}')).toBe(2);
    expect(text).not.toContain('no.such.method');
  });

  it('reads the SSE stream count from the source the SSE module sets', async () => {
    const { url, server } = await startServer();
    let open = 3;
    server.metrics.setSseStreamsSource(() => open);
    expect(sample((await scrape(url)).text, 'inkwell_sse_streams')).toBe(3);
    open = 1;
    expect(sample((await scrape(url)).text, 'inkwell_sse_streams')).toBe(1);
  });
});

function edit(text: string): Uint8Array {
  const ydoc = new Y.Doc();
  ydoc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(ydoc);
}

describe('write-path series', () => {
  it('holds unpersisted bytes until the commit lands, then times persist and relay', async () => {
    const metrics = createMetrics();
    defer(() => metrics.stop());
    const storage = new GatedStorage();
    await storage.createDoc({ id: 'doc', title: 'T', createdAt: 1, updatedAt: 1 });
    const room = (await Room.load('doc', {
      storage,
      commits: new GroupCommit(storage, silentLogger, metrics.commits),
      logger: silentLogger,
      compactAfterUpdates: 1000,
      onStorageFailure: () => {},
      onPoisoned: () => {},
    }))!;
    defer(() => room.close(1001, 'test over'));
    const [a, b] = [new TestSocket(), new TestSocket()];
    room.join(a, identity());
    room.join(b, identity());
    const update = edit('unstored');
    room.handleMessage(a, syncUpdate(update));

    await vi.waitFor(() => expect(storage.gates.length).toBe(1));
    let text = await metrics.render();
    expect(sample(text, 'inkwell_unpersisted_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'inkwell_updates_total')).toBe(1);
    expect(sample(text, 'inkwell_relay_latency_seconds_count')).toBe(0);

    storage.openAll();
    await room.flushed();
    text = await metrics.render();
    expect(sample(text, 'inkwell_unpersisted_bytes')).toBe(0);
    expect(sample(text, 'inkwell_persist_duration_seconds_count')).toBe(1);
    expect(sample(text, 'inkwell_persisted_updates_total')).toBe(1);
    expect(sample(text, 'inkwell_relay_latency_seconds_count')).toBe(1);
  });

  it('drops the pending bytes of a room that stops', async () => {
    const metrics = createMetrics();
    defer(() => metrics.stop());
    const storage = new GatedStorage();
    await storage.createDoc({ id: 'doc', title: 'T', createdAt: 1, updatedAt: 1 });
    const room = (await Room.load('doc', {
      storage,
      commits: new GroupCommit(storage, silentLogger, metrics.commits),
      logger: silentLogger,
      compactAfterUpdates: 1000,
      onStorageFailure: () => {},
      onPoisoned: () => {},
    }))!;
    const a = new TestSocket();
    room.join(a, identity());
    room.handleMessage(a, syncUpdate(edit('one')));
    await vi.waitFor(() => expect(storage.gates.length).toBe(1));
    room.handleMessage(a, syncUpdate(edit('two'))); // pending behind the gated commit
    room.close(1001, 'gone');
    storage.openAll();
    await vi.waitFor(async () => expect(sample(await metrics.render(), 'inkwell_unpersisted_bytes')).toBe(0));
  });
});

describe('logs', () => {
  it('gives every request an id, echoes it, and logs with it', async () => {
    const lines: string[] = [];
    const { url } = await startServer({ logger: createLogger('info', (line) => lines.push(line)) });
    const fresh = await fetch(`${url}/api/docs`);
    const id = fresh.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const given = await fetch(`${url}/api/docs`, { headers: { 'x-request-id': 'edge-42' } });
    expect(given.headers.get('x-request-id')).toBe('edge-42');
    const odd = await fetch(`${url}/api/docs`, { headers: { 'x-request-id': 'not ok\u00e9' } });
    expect(odd.headers.get('x-request-id')).not.toBe('not ok\u00e9');

    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const access = entries.find((e) => e.msg === 'request' && e.reqId === 'edge-42');
    expect(access).toMatchObject({ level: 'info', component: 'http', method: 'GET', path: '/api/docs', status: 401 });
    expect(entries.some((e) => e.reqId === id)).toBe(true);
  });

  it('logs socket lines with a connection id', async () => {
    const lines: string[] = [];
    const { url, wsBase } = await startServer({ logger: createLogger('debug', (line) => lines.push(line)) });
    const doc = await createDoc(url);
    const client = connect(wsBase, doc.id);
    await client.synced;
    const opened = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.msg === 'socket opened');
    await vi.waitFor(() => expect(opened()).toBeDefined());
    expect(opened()).toMatchObject({ level: 'debug', component: 'ws', docId: doc.id, connId: expect.stringMatching(/^[\w-]{8}$/) });
  });
});

describe('series wired to the running server', () => {
  it('counts RPC calls from real sockets and the open SSE streams', async () => {
    const { url, wsBase } = await startServer();
    const owner = await signUp(url);
    const doc = await createDoc(url, 'Plan', owner.cookie);
    const a = await AppClient.open(wsBase, doc.id, owner.cookie);
    await a.call('doc.info', {});
    await a.answer(a.request('doc.nope', {}));
    const stream = await openSse(url, { cookie: owner.cookie });
    defer(() => stream.close());

    const { text } = await scrape(url);
    expect(sample(text, 'inkwell_rpc_calls_total{method="doc.info",outcome="ok"}')).toBe(1);
    expect(sample(text, 'inkwell_rpc_errors_total{method="unknown",code="METHOD_NOT_FOUND"}')).toBe(1);
    expect(sample(text, 'inkwell_sse_streams')).toBe(1);
    stream.close();
    await stream.ended;
    await vi.waitFor(async () => expect(sample((await scrape(url)).text, 'inkwell_sse_streams')).toBe(0));
  });
});
