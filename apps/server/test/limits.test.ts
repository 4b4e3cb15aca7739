// Per-connection limits on the document socket: frame size, rate budget, back-pressure.
import { CloseCode } from '@inkwell/protocol';
import { syncUpdate } from '@inkwell/protocol/wire';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../src/logger.ts';
import { cleanup, closeCode, connect, createDoc, rawSocket, startServer } from './support/helpers.ts';

afterEach(cleanup);

function bigUpdate(bytes: number): Uint8Array {
  const w = new Y.Doc();
  w.getText('text').insert(0, 'x'.repeat(bytes));
  return syncUpdate(Y.encodeStateAsUpdate(w));
}

describe('socket limits', () => {
  it('closes a frame over MAX_PAYLOAD_BYTES with 1009 and stores none of it', async () => {
    const { url, wsBase } = await startServer({ maxPayloadBytes: 32 * 1024 });
    const doc = await createDoc(url);
    const evil = await rawSocket(wsBase, doc.id);
    const closed = closeCode(evil);
    evil.send(bigUpdate(40 * 1024));
    expect(await closed).toBe(CloseCode.MESSAGE_TOO_BIG);
    const c = connect(wsBase, doc.id);
    await c.synced;
    expect(c.text.length).toBe(0);
  });

  it('throttles a stock client that sends 5,000 updates at once: no close, and the other client gets them all', async () => {
    // The real budgets: throttling must let a fast stock client through within its 10 s.
    const { url, wsBase } = await startServer();
    const doc = await createDoc(url);
    const [fast, other] = [connect(wsBase, doc.id), connect(wsBase, doc.id)];
    await Promise.all([fast.synced, other.synced]);
    const closes: number[] = [];
    fast.provider.on('connection-close', (event: { code: number } | null) => closes.push(event?.code ?? -1));
    // One transaction, so one frame, per character, sent as fast as the client can.
    for (let i = 0; i < 5000; i++) fast.text.insert(fast.text.length, String(i % 10));
    await vi.waitFor(() => expect(other.text.length).toBe(5000), { timeout: 30_000, interval: 50 });
    expect(other.text.toString()).toBe(fast.text.toString());
    expect(closes).toEqual([]);
  }, 40_000);

  it('reads no more from a flooding connection than its budget, and closes it with 1013 only after it stays over for long', async () => {
    const rateLimits = { messagesPerSecond: 100, messageBurst: 100, bytesPerSecond: 1e9, byteBurst: 1e9 };
    const logs: string[] = [];
    const logger = createLogger('info', (line) => logs.push(line));
    const { url, wsBase } = await startServer({ tuning: { rateLimits, maxThrottledMs: 1500 }, logger });
    const doc = await createDoc(url);
    const a = connect(wsBase, doc.id);
    await a.synced;
    const flood = await rawSocket(wsBase, doc.id);
    const closed = closeCode(flood);
    const openedAt = Date.now();
    // Query-awareness frames, each answered: the answers count the frames the server read.
    let answers = 0;
    flood.on('message', () => answers++);
    const pump = setInterval(() => {
      for (let i = 0; i < 50; i++) if (flood.readyState === flood.OPEN) flood.send(new Uint8Array([3]));
    }, 10);
    const code = await closed;
    clearInterval(pump);
    const elapsed = Date.now() - openedAt;
    expect(code).toBe(CloseCode.TRY_AGAIN_LATER);
    expect(elapsed).toBeGreaterThanOrEqual(1500);
    // It was read at about its budget (100 at once, then 100/s), not at the 5,000/s it sent.
    expect(answers).toBeLessThanOrEqual(100 + (elapsed / 1000) * 100 + 20);
    expect(logs.some((l) => l.includes('throttling a client over its budget'))).toBe(true);
    a.text.insert(0, 'still fine');
    const b = connect(wsBase, doc.id);
    await vi.waitFor(() => expect(b.text.toString()).toBe('still fine'));
  });

  it('throttles on bytes too, and keeps every update of a client that stops in time', async () => {
    const rateLimits = { messagesPerSecond: 1000, messageBurst: 1000, bytesPerSecond: 64 * 1024, byteBurst: 64 * 1024 };
    const { url, wsBase } = await startServer({ tuning: { rateLimits } });
    const doc = await createDoc(url);
    const [writer, reader] = [connect(wsBase, doc.id), connect(wsBase, doc.id)];
    await Promise.all([writer.synced, reader.synced]);
    const closes: number[] = [];
    writer.provider.on('connection-close', (event: { code: number } | null) => closes.push(event?.code ?? -1));
    // 160 KiB in 16 frames: 2.5 s of budget at 64 KiB/s.
    for (let i = 0; i < 16; i++) writer.text.insert(writer.text.length, String.fromCharCode(97 + i).repeat(10 * 1024));
    await vi.waitFor(() => expect(reader.text.length).toBe(16 * 10 * 1024), { timeout: 10_000, interval: 50 });
    expect(reader.text.toString()).toBe(writer.text.toString());
    expect(closes).toEqual([]);
  }, 15_000);

  it('drops a client that stops reading with 1013 instead of buffering without bound', async () => {
    const logs: string[] = [];
    const logger = createLogger('warn', (line) => logs.push(line));
    const dropping = () => logs.some((l) => l.includes('dropping a slow client'));
    // A long grace period: on a busy machine the client needs time to read the backlog.
    const { url, wsBase } = await startServer({ tuning: { maxBufferedBytes: 256 * 1024, slowClientGraceMs: 15_000 }, logger });
    const doc = await createDoc(url);
    const slow = await rawSocket(wsBase, doc.id);
    const closed = closeCode(slow);
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    (slow as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const writer = connect(wsBase, doc.id);
    await writer.synced;
    for (let i = 0; i < 200 && !dropping(); i++) {
      writer.text.insert(writer.text.length, 'y'.repeat(50 * 1024));
      await vi.waitFor(() => expect(writer.provider.ws?.bufferedAmount ?? 0).toBe(0), { timeout: 10_000 });
    }
    await vi.waitFor(() => expect(dropping()).toBe(true));
    // Reading again within the grace period, it finds the close frame behind the backlog.
    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toBe(CloseCode.TRY_AGAIN_LATER);
    expect(writer.provider.wsconnected).toBe(true);
  });
});
