// GET /api/events (API.md §4): authentication, headers, live invalidations, replay after
// Last-Event-ID exactly once, reset, heartbeat, bounds, and clean release of everything.
import { request } from 'node:http';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';
import type { Doc } from '@inkwell/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/logger.ts';
import { DB_FILE_NAME } from '../src/server.ts';
import { api, cleanup, createDoc, signUp, startServer, type TestUser, tempDir } from './support/helpers.ts';
import { holdableStorage, invalidation, openSse, type SseClient } from './support/sse-helpers.ts';

afterEach(cleanup);

const ids = (client: SseClient) => client.events.map((e) => Number(e.id));

async function share(url: string, owner: TestUser, docId: string, email: string, role: 'editor' | 'viewer') {
  const res = await api(url, `/api/docs/${docId}/members`, { method: 'PUT', body: { email, role }, cookie: owner.cookie });
  expect(res.status).toBe(200);
}

async function rename(url: string, user: TestUser, docId: string, title: string) {
  expect((await api(url, `/api/docs/${docId}`, { method: 'PATCH', body: { title }, cookie: user.cookie })).status).toBe(200);
}

describe('the event stream', () => {
  it('answers 401 JSON without a session', async () => {
    const { url } = await startServer();
    const res = await api(url, '/api/events', { cookie: null });
    expect(res).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect((await openSse(url, { cookie: 'inkwell_session=not-a-real-session-token-at-all' })).status).toBe(401);
  });

  it('flushes event-stream headers at once, uncompressed, and starts with retry: 3000', async () => {
    const { url, server } = await startServer();
    const ana = await signUp(url);
    const sse = await openSse(url, { cookie: ana.cookie, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(sse.status).toBe(200);
    expect(sse.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(sse.headers['cache-control']).toBe('no-cache, no-transform');
    expect(sse.headers['x-accel-buffering']).toBe('no');
    expect(sse.headers.connection).toBe('keep-alive');
    expect(sse.headers['content-encoding']).toBeUndefined();
    await vi.waitFor(() => expect(sse.raw.startsWith('retry: 3000\n\n')).toBe(true));
    expect(sse.retry).toBe(3000);
    // HEAD answers the headers and holds nothing open.
    const head = await fetch(`${url}/api/events`, { method: 'HEAD', headers: { cookie: ana.cookie } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(server.sseStreams).toBe(1);
  });

  it('tells every member about created, renamed, shared, role changes, unshared and deleted', async () => {
    const { url } = await startServer();
    const [ana, ben] = [await signUp(url, 'Ana'), await signUp(url, 'Ben')];
    const [a, b] = [await openSse(url, { cookie: ana.cookie }), await openSse(url, { cookie: ben.cookie })];
    const doc = await createDoc(url, 'Plan', ana.cookie);
    await a.waitFor(invalidation('docs', doc.id, 'created'));

    await share(url, ana, doc.id, ben.email, 'viewer');
    await b.waitFor(invalidation('docs', doc.id, 'shared'));
    await a.waitFor(invalidation('members', doc.id, 'shared'));
    await b.waitFor((e) => e.event === 'notification');

    await share(url, ana, doc.id, ben.email, 'editor');
    await b.waitFor(invalidation('doc', doc.id, 'updated'));
    await a.waitFor(invalidation('members', doc.id, 'updated'));

    await rename(url, ben, doc.id, 'Plan B');
    for (const c of [a, b]) {
      await c.waitFor(invalidation('docs', doc.id, 'updated'));
      await c.waitFor(invalidation('doc', doc.id, 'updated'));
    }

    expect((await api(url, `/api/docs/${doc.id}/members/${ben.user.id}`, { method: 'DELETE', cookie: ana.cookie })).status).toBe(204);
    await b.waitFor(invalidation('docs', doc.id, 'unshared'));
    await a.waitFor(invalidation('members', doc.id, 'unshared'));

    await share(url, ana, doc.id, ben.email, 'viewer');
    expect((await api(url, `/api/docs/${doc.id}`, { method: 'DELETE', cookie: ana.cookie })).status).toBe(204);
    for (const c of [a, b]) await c.waitFor(invalidation('docs', doc.id, 'deleted'));

    // Ids increase by one per user, and nobody hears about documents that are not theirs.
    for (const c of [a, b]) expect(ids(c)).toEqual(ids(c).map((_, i) => ids(c)[0]! + i));
    const other = await signUp(url, 'Cat');
    const c = await openSse(url, { cookie: other.cookie });
    await createDoc(url, 'Another', ana.cookie);
    await a.waitFor((e) => e.event === 'invalidate' && JSON.parse(e.data).id !== doc.id);
    expect(c.events).toEqual([]);
  });

  it('replays after Last-Event-ID with nothing lost or doubled while events keep coming', async () => {
    const { url } = await startServer();
    const ana = await signUp(url);
    const created: string[] = [];
    const make = async (n: number) => {
      for (let i = 0; i < n; i++) created.push((await createDoc(url, `Doc ${created.length}`, ana.cookie)).id);
    };
    const first = await openSse(url, { cookie: ana.cookie });
    await make(5);
    await first.waitFor((e) => e.id === '5');
    first.close();
    await make(5); // while disconnected

    // Reconnect while another burst is being created: replay and live overlap.
    const burst = make(20);
    const second = await openSse(url, { cookie: ana.cookie, lastEventId: first.lastEventId });
    await burst;
    await second.waitFor((e) => e.id === '30');
    await make(1);
    await second.waitFor((e) => e.id === '31');

    const seen = [...first.events, ...second.events].map((e) => JSON.parse(e.data).id as string);
    expect(seen).toEqual(created);
    expect(second.events.map((e) => Number(e.id))).toEqual(Array.from({ length: 26 }, (_, i) => i + 6));
    expect(second.events.some((e) => e.event === 'reset')).toBe(false);
  });

  for (const mode of ['before', 'after'] as const) {
    it(`neither doubles nor loses events stored while the backlog is read (held ${mode} reading)`, async () => {
      const dataDir = tempDir();
      const held = holdableStorage(join(dataDir, DB_FILE_NAME));
      const { url } = await startServer({ dataDir, storage: held.storage });
      const ana = await signUp(url);
      const created: string[] = [];
      const make = async (n: number) => {
        for (let i = 0; i < n; i++) created.push((await createDoc(url, `Doc ${i}`, ana.cookie)).id);
      };
      await make(3);
      const gate = held.hold('readUserEvents', mode);
      const sse = await openSse(url, { cookie: ana.cookie, lastEventId: '1' });
      await gate.reading;
      await make(3); // stored and published while the stream waits for its backlog
      gate.release();
      await sse.waitFor((e) => e.id === '6');
      await make(1);
      await sse.waitFor((e) => e.id === '7');
      expect(ids(sse)).toEqual([2, 3, 4, 5, 6, 7]);
      expect(sse.events.map((e) => JSON.parse(e.data).id)).toEqual(created.slice(1));
    });
  }

  it('takes ?lastEventId= on the first connect, and the header over it on a reconnect', async () => {
    const { url } = await startServer();
    const ana = await signUp(url);
    for (let i = 0; i < 4; i++) await createDoc(url, `Doc ${i}`, ana.cookie);
    const byQuery = await openSse(url, { cookie: ana.cookie, query: '?lastEventId=2' });
    await byQuery.waitFor((e) => e.id === '4');
    expect(ids(byQuery)).toEqual([3, 4]);
    const both = await openSse(url, { cookie: ana.cookie, query: '?lastEventId=1', lastEventId: '3' });
    await both.waitFor((e) => e.id === '4');
    expect(ids(both)).toEqual([4]);
  });

  it('gives a fresh connection no backlog but the current id, so its reconnect resumes there', async () => {
    const { url } = await startServer();
    const ana = await signUp(url);
    for (let i = 0; i < 3; i++) await createDoc(url, `Doc ${i}`, ana.cookie);
    const fresh = await openSse(url, { cookie: ana.cookie });
    await vi.waitFor(() => expect(fresh.lastEventId).toBe('3'));
    expect(fresh.events).toEqual([]);
    fresh.close();
    const doc = await createDoc(url, 'While away', ana.cookie);
    const again = await openSse(url, { cookie: ana.cookie, lastEventId: fresh.lastEventId });
    await again.waitFor((e) => e.id === '4');
    expect(again.events).toEqual([
      { id: '4', event: 'invalidate', data: JSON.stringify({ entity: 'docs', id: doc.id, action: 'created' }) },
    ]);
    // A user who never had an event resumes from 0 and gets everything after it.
    const ben = await signUp(url);
    const zero = await openSse(url, { cookie: ben.cookie });
    await vi.waitFor(() => expect(zero.lastEventId).toBe('0'));
    await createDoc(url, 'First', ben.cookie);
    const fromZero = await openSse(url, { cookie: ben.cookie, lastEventId: '0' });
    await fromZero.waitFor((e) => e.id === '1');
    expect(fromZero.events.map((e) => e.event)).toEqual(['invalidate']);
  });

  it('sends reset (then live events) when the client’s id is older than the log keeps', async () => {
    const { url } = await startServer({ tuning: { sseRetention: { maxAgeMs: 7 * 24 * 3600 * 1000, maxEvents: 5 } } });
    const ana = await signUp(url);
    for (let i = 0; i < 8; i++) await createDoc(url, `Doc ${i}`, ana.cookie);
    // Ids 4..8 are kept: 3 still resumes, 2 does not.
    const ok = await openSse(url, { cookie: ana.cookie, lastEventId: '3' });
    await ok.waitFor((e) => e.id === '8');
    expect(ids(ok)).toEqual([4, 5, 6, 7, 8]);

    const old = await openSse(url, { cookie: ana.cookie, lastEventId: '2' });
    await old.waitFor((e) => e.event === 'reset');
    expect(old.events).toEqual([{ id: '8', event: 'reset', data: '{}' }]);
    const doc = await createDoc(url, 'Live', ana.cookie);
    await old.waitFor((e) => e.id === '9');
    expect(old.events.slice(1)).toEqual([
      { id: '9', event: 'invalidate', data: JSON.stringify({ entity: 'docs', id: doc.id, action: 'created' }) },
    ]);
  });

  it('answers garbage and future ids with a reset, never an error', async () => {
    const { url } = await startServer();
    const ana = await signUp(url);
    await createDoc(url, 'One', ana.cookie);
    const bad = ['abc', '-1', '1.5', '1e3', '0x1', '2', '999999999999999', '9'.repeat(40), '١', `${'7'.repeat(2000)}`];
    for (const lastEventId of bad) {
      // Node cannot send a non-ASCII header; a browser's query can carry one.
      const ways = /^[\x20-\x7e]*$/.test(lastEventId) ? (['header', 'query'] as const) : (['query'] as const);
      for (const how of ways) {
        const sse =
          how === 'header'
            ? await openSse(url, { cookie: ana.cookie, lastEventId })
            : await openSse(url, { cookie: ana.cookie, query: `?lastEventId=${encodeURIComponent(lastEventId)}` });
        expect(sse.status, `${how} ${lastEventId.slice(0, 20)}`).toBe(200);
        await sse.waitFor((e) => e.event === 'reset');
        expect(sse.events[0]).toEqual({ id: '1', event: 'reset', data: '{}' });
        sse.close();
      }
    }
    // An empty id, or a query given twice, counts as no id: no backlog, no reset.
    for (const opts of [{ lastEventId: '' }, { query: '?lastEventId=' }, { query: '?lastEventId=1&lastEventId=0' }]) {
      const none = await openSse(url, { cookie: ana.cookie, ...opts });
      await vi.waitFor(() => expect(none.lastEventId).toBe('1'));
      expect(none.events).toEqual([]);
    }
  });

  it('sends a ping comment every heartbeat interval, with a timer only while streams are open', async () => {
    const { url, server } = await startServer({ tuning: { sseHeartbeatMs: 40 } });
    const ana = await signUp(url);
    expect(server.streams.heartbeatRunning).toBe(false);
    const sse = await openSse(url, { cookie: ana.cookie });
    expect(server.streams.heartbeatRunning).toBe(true);
    const start = performance.now();
    await vi.waitFor(() => expect(sse.comments.filter((c) => c === ' ping').length).toBeGreaterThanOrEqual(3));
    // Three pings need at least two full intervals.
    expect(performance.now() - start).toBeGreaterThanOrEqual(80);
    expect(sse.raw).toContain('\n\n: ping\n\n');
    sse.close();
    await vi.waitFor(() => expect(server.streams.heartbeatRunning).toBe(false));
  });

  it('keeps at most N streams a user, ending the oldest', async () => {
    const { url, server } = await startServer({ tuning: { sseMaxStreamsPerUser: 3 } });
    const [ana, ben] = [await signUp(url), await signUp(url)];
    const benStream = await openSse(url, { cookie: ben.cookie });
    const streams: SseClient[] = [];
    for (let i = 0; i < 3; i++) streams.push(await openSse(url, { cookie: ana.cookie }));
    expect(server.sseStreams).toBe(4);
    streams.push(await openSse(url, { cookie: ana.cookie }));
    await streams[0]!.ended;
    expect(server.sseStreams).toBe(4);
    const doc = await createDoc(url, 'Plan', ana.cookie);
    for (const s of streams.slice(1)) await s.waitFor(invalidation('docs', doc.id, 'created'));
    expect(streams[0]!.events).toEqual([]);
    expect(benStream.isEnded).toBe(false);
  });

  it('ends the streams of a session at logout, and only those', async () => {
    const { url, server } = await startServer();
    const ana = await signUp(url);
    const login = await api(url, '/api/auth/login', { method: 'POST', body: { email: ana.email, password: ana.password }, cookie: null });
    const otherCookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const [here, there] = [await openSse(url, { cookie: ana.cookie }), await openSse(url, { cookie: otherCookie })];
    expect((await api(url, '/api/auth/logout', { method: 'POST', cookie: ana.cookie })).status).toBe(204);
    await here.ended;
    expect(server.sseStreams).toBe(1);
    const doc = await createDoc(url, 'Still here', otherCookie);
    await there.waitFor(invalidation('docs', doc.id, 'created'));
    expect((await openSse(url, { cookie: ana.cookie })).status).toBe(401);
  });

  it('leaves no stream, user entry or timer behind after 1,000 connect/disconnect cycles', async () => {
    const { url, server } = await startServer({ tuning: { sseHeartbeatMs: 1000 } });
    const ana = await signUp(url);
    const cookie = ana.cookie;
    const connections = () => new Promise<number>((resolve) => server.http.getConnections((_e, n) => resolve(n)));
    // fetch() keeps the sign-up's connection alive: count what was open before.
    const connectionsBefore = await connections();
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const started = performance.now();
    for (let i = 0; i < 1000; i++) {
      if (i % 4 === 3) {
        // Gone before the server has even answered.
        await new Promise<void>((resolve) => {
          const req = request(`${url}/api/events`, { headers: { cookie }, agent: false });
          req.on('error', () => resolve());
          req.on('socket', (socket) =>
            socket.on('connect', () =>
              setImmediate(() => {
                req.destroy();
                resolve();
              }),
            ),
          );
          req.end();
        });
      } else {
        const sse = await openSse(url, { cookie, lastEventId: i % 4 === 1 ? '0' : undefined });
        sse.close();
      }
    }
    const elapsed = performance.now() - started;
    await vi.waitFor(() => {
      expect(server.sseStreams).toBe(0);
      expect(server.streams.users).toBe(0);
      expect(server.streams.heartbeatRunning).toBe(false);
    });
    await vi.waitFor(async () => expect(await connections()).toBeLessThanOrEqual(connectionsBefore));
    expect(server.streams.opened).toBeGreaterThanOrEqual(750);
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeLessThanOrEqual(timersBefore);
    // Still serving: a new stream gets live events.
    const sse = await openSse(url, { cookie });
    const doc = await createDoc(url, 'After', cookie);
    await sse.waitFor(invalidation('docs', doc.id, 'created'));
    expect(elapsed).toBeLessThan(30_000);
  });

  it('registers nothing for a client that left while its request was being authenticated', async () => {
    const dataDir = tempDir();
    const held = holdableStorage(join(dataDir, DB_FILE_NAME));
    const { url, server } = await startServer({ dataDir, storage: held.storage });
    const ana = await signUp(url);
    const gate = held.hold('getSession', 'before');
    const req = request(`${url}/api/events`, { headers: { cookie: ana.cookie }, agent: false });
    req.on('error', () => {});
    req.end();
    await gate.reading;
    req.destroy();
    const connections = () => new Promise<number>((resolve) => server.http.getConnections((_e, n) => resolve(n)));
    await vi.waitFor(async () => expect(await connections()).toBeLessThanOrEqual(1)); // fetch's keep-alive
    gate.release();
    // The rest of the route is promise continuations over synchronous SQLite: it has run to
    // the end (and registered a stream, were it buggy) before the next turn of the loop.
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.sseStreams).toBe(0);
    expect(server.streams.opened).toBe(0);
    const sse = await openSse(url, { cookie: ana.cookie });
    expect(server.streams.opened).toBe(1);
    sse.close();
    await vi.waitFor(() => expect(server.sseStreams).toBe(0));
    expect(server.streams.users).toBe(0);
    expect(server.streams.heartbeatRunning).toBe(false);
  });

  it('drops a client that stops reading instead of buffering without bound', async () => {
    const logs: string[] = [];
    const logger = createLogger('warn', (line) => logs.push(line));
    const { url, server } = await startServer({ tuning: { sseMaxBufferedBytes: 64 * 1024 }, logger });
    const [ana, ben] = [await signUp(url), await signUp(url)];
    const benStream = await openSse(url, { cookie: ben.cookie });

    const { port } = new URL(url);
    const slow = netConnect(Number(port), '127.0.0.1');
    let head = '';
    await new Promise<void>((resolve) => {
      slow.on('data', (chunk: Buffer) => {
        head += chunk.toString();
        if (head.includes('retry: 3000')) resolve();
      });
      slow.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${ana.cookie}\r\n\r\n`);
    });
    slow.pause(); // never reads again: kernel buffers fill, then the server's
    const closed = new Promise<void>((resolve) => slow.once('close', () => resolve()));
    expect(server.sseStreams).toBe(2);

    const payload = 'x'.repeat(32 * 1024);
    let id = 1000;
    for (let i = 0; i < 4000 && server.sseStreams === 2; i++) {
      const data = JSON.stringify({ entity: 'docs', id: payload, action: 'updated' });
      server.streams.publish({ userId: ana.user.id, id: ++id, name: 'invalidate', data, createdAt: Date.now() });
      if (i % 16 === 0) await new Promise((r) => setImmediate(r));
    }
    expect(server.sseStreams).toBe(1);
    expect(logs.some((l) => l.includes('dropping a slow SSE client'))).toBe(true);
    slow.resume();
    await closed;
    // Dropped after at most the limit plus one event queued in the process, not megabytes.
    const line = JSON.parse(logs.find((l) => l.includes('dropping a slow SSE client'))!) as { bufferedBytes: number };
    expect(line.bufferedBytes).toBeLessThan(64 * 1024 + 40 * 1024);
    const doc = await createDoc(url, 'Ben goes on', ben.cookie);
    await benStream.waitFor(invalidation('docs', doc.id, 'created'));
  });

  it('ends open streams at shutdown without making close() wait', async () => {
    const { url, server } = await startServer();
    const ana = await signUp(url);
    const streams = [await openSse(url, { cookie: ana.cookie }), await openSse(url, { cookie: ana.cookie })];
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(2000);
    await Promise.all(streams.map((s) => s.ended));
    expect(server.sseStreams).toBe(0);
  });

  it('sends an invalidation only once the change is visible over HTTP', async () => {
    const { url } = await startServer();
    const ana = await signUp(url);
    const sse = await openSse(url, { cookie: ana.cookie });
    const doc = await createDoc(url, 'Plan', ana.cookie);
    await sse.waitFor(invalidation('docs', doc.id, 'created'));
    const list = await api<{ docs: Doc[] }>(url, '/api/docs', { cookie: ana.cookie });
    expect(list.body.docs.map((d) => d.id)).toContain(doc.id);
  });
});
