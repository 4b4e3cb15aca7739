// Nothing strands a client: a failed commit closes with a code clients retry and nothing
// unstored is relayed; stalled handshakes and dead peers are dropped on time.
import { type Socket, connect as tcpConnect } from 'node:net';
import { CloseCode } from '@inkwell/protocol';
import { awarenessMessage } from '@inkwell/protocol/wire';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { resolveTuning } from '../src/config.ts';
import { DB_FILE_NAME } from '../src/server.ts';
import { AppClient } from './support/app-client.ts';
import { FailingStorage } from './support/failing-storage.ts';
import { cleanup, closeCode, connect, createDoc, defer, signUp, startServer, tempDir } from './support/helpers.ts';

afterEach(cleanup);

describe('a failing store', () => {
  it('closes with 1011, relays and stores nothing unstored, and the edit lands once writes work again', async () => {
    const dataDir = tempDir();
    const storage = new FailingStorage(`${dataDir}/${DB_FILE_NAME}`);
    const { url, wsBase } = await startServer({ dataDir, storage });
    const doc = await createDoc(url);
    const [writer, reader] = [connect(wsBase, doc.id), connect(wsBase, doc.id)];
    await Promise.all([writer.synced, reader.synced]);

    storage.failing = true;
    const closed = writer.nextClose();
    writer.text.insert(0, 'typed on a full disk');
    expect(await closed).toBe(CloseCode.INTERNAL_ERROR);
    // The stock client retries; every retry's sync step brings the edit back and fails again.
    await vi.waitFor(() => expect(storage.refused).toBeGreaterThanOrEqual(3));
    expect(reader.text.toString()).toBe('');
    expect((await storage.loadDocState(doc.id))!.updates).toEqual([]);

    storage.failing = false;
    await vi.waitFor(() => expect(reader.text.toString()).toBe('typed on a full disk'));
    await vi.waitFor(async () => expect((await storage.loadDocState(doc.id))!.updates.length).toBeGreaterThan(0));
  });
});

describe('a failing store, seen by a client that said hello', () => {
  it('acknowledges nothing it could not store', async () => {
    const dataDir = tempDir();
    const storage = new FailingStorage(`${dataDir}/${DB_FILE_NAME}`);
    const { url, wsBase } = await startServer({ dataDir, storage });
    const doc = await createDoc(url);
    const client = await AppClient.open(wsBase, doc.id);
    client.ydoc.getText('text').insert(0, 'stored');
    await client.next('saved');
    const savedBefore = client.messages.filter((m) => m.type === 'saved').length;

    storage.failing = true;
    const closed = closeCode(client.ws);
    client.ydoc.getText('text').insert(0, 'not stored ');
    expect(await closed).toBe(CloseCode.INTERNAL_ERROR);
    expect(client.messages.filter((m) => m.type === 'saved')).toHaveLength(savedBefore);
  });
});

/** Opens a TCP connection to `url`'s host and port; what the server answers is read and ignored. */
function tcp(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(Number(port), hostname, () => resolve(socket));
    socket.resume(); // a socket nobody reads never sees the server's end, and never closes
    socket.once('error', reject);
    defer(() => socket.destroy());
  });
}

const closedSocket = (socket: Socket) =>
  new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve())));

describe('timeouts', () => {
  it('drop connections that send half an upgrade request or trickle headers, and keep serving', async () => {
    const { url, wsBase } = await startServer({
      tuning: { httpHeadersTimeoutMs: 400, httpRequestTimeoutMs: 1000, httpCheckIntervalMs: 100 },
    });
    const doc = await createDoc(url);
    const stalled = await Promise.all(Array.from({ length: 200 }, () => tcp(url)));
    for (const socket of stalled) {
      socket.write(`GET /ws/doc/${doc.id} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`);
    }
    const trickling = await tcp(url);
    trickling.write('GET / HTTP/1.1\r\n');
    const trickle = setInterval(() => trickling.writable && trickling.write('X-Slow: 1\r\n'), 50);
    defer(() => clearInterval(trickle));
    const startedAt = Date.now();
    await Promise.all([...stalled, trickling].map(closedSocket));
    // Dropped by the headers timeout plus one check interval, with room for a busy machine.
    expect(Date.now() - startedAt).toBeLessThan(3000);
    const client = connect(wsBase, doc.id);
    await client.synced;
  });

  it('default to dropping a stalled handshake within 15 s and a dead peer within 60 s', () => {
    const tuning = resolveTuning({ maxPayloadBytes: 1024 * 1024 });
    expect(tuning.httpHeadersTimeoutMs + tuning.httpCheckIntervalMs).toBeLessThanOrEqual(15_000);
    expect(2 * tuning.heartbeatMs).toBeLessThanOrEqual(60_000);
  });

  it('drop a socket that stops answering pings, and its caret goes at once', async () => {
    const { url, wsBase } = await startServer({ tuning: { heartbeatMs: 100 } });
    const { cookie } = await signUp(url, 'Dora'); // the test's default user
    const doc = await createDoc(url);
    const watcher = connect(wsBase, doc.id);
    await watcher.synced;

    // A peer that answers pings by hand, so that it can stop.
    const peer = new WebSocket(`${wsBase}/${doc.id}`, { headers: { cookie }, autoPong: false });
    defer(() => peer.terminate());
    let answering = true;
    peer.on('ping', (data) => answering && peer.pong(data));
    await new Promise((resolve) => peer.once('open', resolve));
    const presence = new Awareness(new Y.Doc());
    presence.setLocalState({ cursor: null });
    peer.send(awarenessMessage(presence, [presence.clientID]));
    await vi.waitFor(() => expect(watcher.provider.awareness.getStates().has(presence.clientID)).toBe(true));

    const closed = new Promise<number>((resolve) => peer.once('close', (code) => resolve(code)));
    answering = false;
    expect(await closed).toBe(1006); // terminated, no close frame
    await vi.waitFor(() => expect(watcher.provider.awareness.getStates().has(presence.clientID)).toBe(false), { timeout: 500 });
  });
});
