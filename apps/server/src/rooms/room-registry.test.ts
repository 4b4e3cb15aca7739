import { syncUpdate } from '@inkwell/protocol/wire';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { memoryStorage } from '../../test/support/memory-storage.ts';
import { identity, TestSocket } from '../../test/support/test-socket.ts';
import { silentLogger } from '../logger.ts';
import { RoomRegistry } from './room-registry.ts';

function edit(text: string): Uint8Array {
  const ydoc = new Y.Doc();
  ydoc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(ydoc);
}

async function setup() {
  const storage = memoryStorage();
  await storage.createDoc({ id: 'doc', title: 'T', createdAt: 1, updatedAt: 1 });
  const load = vi.spyOn(storage, 'loadDocState');
  return { storage, load, registry: new RoomRegistry({ storage, logger: silentLogger }) };
}

describe('RoomRegistry', () => {
  it('loads a document once for many simultaneous acquirers', async () => {
    const { registry, load } = await setup();
    const leases = Array.from({ length: 20 }, () => registry.acquire('doc'));
    const rooms = await Promise.all(leases.map((l) => l.room));
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(rooms).size).toBe(1);
    for (const lease of leases) lease.release();
  });

  it('unloads after the last release and loads afresh next time', async () => {
    const { registry, load } = await setup();
    const lease = registry.acquire('doc');
    const room = await lease.room;
    lease.release();
    lease.release(); // idempotent
    await vi.waitFor(() => expect(registry.openRooms).toBe(0));
    expect(room!.isClosed).toBe(true);
    await registry.acquire('doc').room;
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps the room when someone acquires it while it is unloading', async () => {
    const { registry, load } = await setup();
    const first = registry.acquire('doc');
    const room = await first.room;
    first.release(); // unload starts
    const second = registry.acquire('doc');
    expect(await second.room).toBe(room);
    await Promise.resolve();
    await vi.waitFor(() => expect(room!.isClosed).toBe(false));
    expect(registry.openRooms).toBe(1);
    expect(load).toHaveBeenCalledTimes(1);
    second.release();
    await vi.waitFor(() => expect(registry.openRooms).toBe(0));
  });

  it('resolves undefined for a document that does not exist, and forgets it', async () => {
    const { registry } = await setup();
    const lease = registry.acquire('missing');
    expect(await lease.room).toBeUndefined();
    lease.release();
    expect(registry.openRooms).toBe(0);
  });

  it('writes the updates that several rooms receive in one turn in one transaction', async () => {
    const { storage, registry } = await setup();
    await storage.createDoc({ id: 'other', title: 'O', createdAt: 2, updatedAt: 2 });
    const batch = vi.spyOn(storage, 'appendBatch');
    const [la, lb] = [registry.acquire('doc'), registry.acquire('other')];
    const [a, b] = [(await la.room)!, (await lb.room)!];
    const [sa, sb] = [new TestSocket(), new TestSocket()];
    a.join(sa, identity());
    b.join(sb, identity());
    a.handleMessage(sa, syncUpdate(edit('to a')));
    b.handleMessage(sb, syncUpdate(edit('to b')));
    await Promise.all([a.flushed(), b.flushed()]);
    expect(batch).toHaveBeenCalledTimes(1);
    expect(batch.mock.calls[0]![0].map((e) => e.docId).sort()).toEqual(['doc', 'other']);
    la.release();
    lb.release();
  });
});
