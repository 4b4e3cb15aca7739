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

  it('closes a connection past its message budget with 4429, and others keep editing', async () => {
    const rateLimits = { messagesPerSecond: 5, messageBurst: 20, bytesPerSecond: 1e9, byteBurst: 1e9 };
    const { url, wsBase } = await startServer({ tuning: { rateLimits } });
    const doc = await createDoc(url);
    const a = connect(wsBase, doc.id);
    await a.synced;
    const flood = await rawSocket(wsBase, doc.id);
    const closed = closeCode(flood);
    for (let i = 0; i < 100; i++) flood.send(new Uint8Array([3])); // query-awareness
    expect(await closed).toBe(CloseCode.RATE_LIMITED);
    a.text.insert(0, 'still fine');
    const b = connect(wsBase, doc.id);
    await vi.waitFor(() => expect(b.text.toString()).toBe('still fine'));
  });

  it('closes a connection past its byte budget with 4429', async () => {
    const rateLimits = { messagesPerSecond: 1000, messageBurst: 1000, bytesPerSecond: 1024, byteBurst: 64 * 1024 };
    const { url, wsBase } = await startServer({ tuning: { rateLimits } });
    const doc = await createDoc(url);
    const flood = await rawSocket(wsBase, doc.id);
    const closed = closeCode(flood);
    for (let i = 0; i < 10; i++) flood.send(bigUpdate(10 * 1024));
    expect(await closed).toBe(CloseCode.RATE_LIMITED);
  });

  it('drops a client that stops reading with 1013 instead of buffering without bound', async () => {
    const logs: string[] = [];
    const logger = createLogger('warn', (line) => logs.push(line));
    const dropping = () => logs.some((l) => l.includes('dropping a slow client'));
    const { url, wsBase } = await startServer({ tuning: { maxBufferedBytes: 256 * 1024 }, logger });
    const doc = await createDoc(url);
    const slow = await rawSocket(wsBase, doc.id);
    const closed = closeCode(slow);
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    (slow as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const writer = connect(wsBase, doc.id);
    await writer.synced;
    for (let i = 0; i < 200 && !dropping(); i++) {
      writer.text.insert(writer.text.length, 'y'.repeat(50 * 1024));
      await vi.waitFor(() => expect(writer.provider.ws?.bufferedAmount ?? 0).toBe(0));
    }
    await vi.waitFor(() => expect(dropping()).toBe(true));
    // Reading again within the grace period, it finds the close frame behind the backlog.
    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toBe(CloseCode.TRY_AGAIN_LATER);
    expect(writer.provider.wsconnected).toBe(true);
  });
});
