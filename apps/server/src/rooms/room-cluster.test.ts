// Two rooms of one document on one storage, as two instances would hold it, joined by a bus
// the test controls (it can lose messages): what crosses, what is never stored twice, and how
// a room catches up from the log.
import { syncUpdate } from '@inkwell/protocol/wire';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { memoryStorage } from '../../test/support/memory-storage.ts';
import { identity, TestSocket } from '../../test/support/test-socket.ts';
import type { DocMessage } from '../cluster/bus.ts';
import { silentLogger } from '../logger.ts';
import type { SqliteStorage } from '../storage/sqlite-storage.ts';
import { Room } from './room.ts';

const rooms: Room[] = [];
afterEach(() => {
  for (const room of rooms.splice(0)) room.close(1001, 'test over');
});

/**
 * Rooms A and B of doc `doc`; `lose(n)` drops the next n messages A publishes. `seed` writes
 * to the new document before the rooms load it.
 */
async function pair(compactAfterUpdates = 1000, seed?: (storage: SqliteStorage) => Promise<void>) {
  const storage = memoryStorage();
  await storage.createDoc({ id: 'doc', title: 'T', createdAt: 1, updatedAt: 1 });
  await seed?.(storage);
  let losing = 0;
  const caughtUp: number[] = [];
  const peers: { a?: Room; b?: Room } = {};
  const open = (deliver: (m: DocMessage) => void) =>
    Room.load('doc', {
      storage,
      logger: silentLogger,
      compactAfterUpdates,
      onStorageFailure: vi.fn(),
      onPoisoned: vi.fn(),
      publish: deliver,
      onCatchUp: (missed) => caughtUp.push(missed),
    }) as Promise<Room>;
  const a = await open((m) => {
    if (m.kind === 'update' && losing > 0) losing -= 1;
    else peers.b?.receive(m);
  });
  const b = await open((m) => peers.a?.receive(m));
  Object.assign(peers, { a, b });
  rooms.push(a, b);
  return { storage, a, b, caughtUp, lose: (n: number) => (losing = n) };
}

const textOf = (room: Room) => room.doc.getText('t').toString();

function typing(socket: TestSocket, room: Room, doc: Y.Doc) {
  return (text: string) => {
    let update: Uint8Array | undefined;
    const take = (u: Uint8Array) => (update = u);
    doc.once('update', take);
    doc.getText('t').insert(doc.getText('t').length, text);
    room.handleMessage(socket, syncUpdate(update!));
  };
}

describe('rooms of one document on two instances', () => {
  it('relays what the other stored to its own sockets, and stores it only once', async () => {
    const { storage, a, b } = await pair();
    const [onA, onB] = [new TestSocket(), new TestSocket()];
    a.join(onA, identity());
    b.join(onB, identity());
    const type = typing(onA, a, new Y.Doc());
    type('hello');
    type(' world');
    await vi.waitFor(() => expect(textOf(b)).toBe('hello world'));
    expect(onB.updates().length).toBeGreaterThan(0);
    expect(onA.updates()).toHaveLength(0); // never echoed
    await Promise.all([a.flushed(), b.flushed()]);
    expect((await storage.loadDocState('doc'))!.updates).toHaveLength(2);
  });

  it('reads a lost message from the log once its seq has been missing a while', async () => {
    const { a, b, caughtUp, lose } = await pair();
    const onA = new TestSocket();
    a.join(onA, identity());
    const type = typing(onA, a, new Y.Doc());
    type('one ');
    await vi.waitFor(() => expect(textOf(b)).toBe('one '));
    lose(1);
    type('two ');
    await a.flushed();
    type('three');
    // B got "three" but not "two": Yjs holds "three" back until what it follows arrives.
    await vi.waitFor(() => expect(textOf(b)).toBe('one two three'), { timeout: 5000 });
    expect(caughtUp).toEqual([1]);
  });

  it('reads what another instance kept off the bus as soon as it names the last seq it stored', async () => {
    const { a, b, caughtUp, lose } = await pair();
    const onA = new TestSocket();
    a.join(onA, identity());
    const type = typing(onA, a, new Y.Doc());
    lose(2); // as if A had been alone on the document: nothing of these reaches B
    type('kept ');
    await a.flushed();
    type('back');
    await a.flushed();
    expect(textOf(b)).toBe('');
    // No later update shows B a gap (it would never read the log on its own); the notice does.
    b.receive({ kind: 'stored', through: 2 });
    await vi.waitFor(() => expect(textOf(b)).toBe('kept back'));
    expect(caughtUp).toEqual([2]);
    // A notice of what B already holds reads nothing.
    b.receive({ kind: 'stored', through: 2 });
    await b.catchUp();
    expect(caughtUp).toEqual([2]);
  });

  it('compacts only through what it holds, so an update it has not received is never folded away', async () => {
    const { storage, a, b, lose } = await pair();
    const onA = new TestSocket();
    a.join(onA, identity());
    const type = typing(onA, a, new Y.Doc());
    type('kept ');
    await vi.waitFor(() => expect(textOf(b)).toBe('kept '));
    lose(1);
    type('also kept');
    await a.flushed();
    // B stores an edit of its own (seq 3) while it still lacks seq 2, and compacts.
    const onB = new TestSocket();
    b.join(onB, identity());
    const fromB = new Y.Doc();
    Y.applyUpdate(fromB, Y.encodeStateAsUpdate(b.doc));
    typing(onB, b, fromB)('!');
    await b.flushed();
    await b.compact();
    const state = (await storage.loadDocState('doc'))!;
    const reloaded = new Y.Doc();
    if (state.snapshot) Y.applyUpdate(reloaded, state.snapshot);
    for (const u of state.updates) Y.applyUpdate(reloaded, u);
    // Both edits are there (their order is Yjs's, by client ids): nothing was folded away.
    const text = reloaded.getText('t').toString();
    expect(text).toContain('also kept');
    expect(text).toContain('!');
    expect(text).toHaveLength('kept also kept!'.length);
  });

  it('a room served from an unbuilt snapshot builds itself for what another instance stored, and relays it', async () => {
    const writer = new Y.Doc();
    writer.getText('t').insert(0, 'stored');
    const snapshot = Y.encodeStateAsUpdate(writer);
    const { storage, a, b } = await pair(1000, async (store) => {
      await store.appendUpdates('doc', [snapshot], 1);
      await store.compact('doc', snapshot, 1);
    });
    const [onA, onB] = [new TestSocket(), new TestSocket()];
    a.join(onA, identity());
    b.join(onB, identity());
    // B has answered nobody and built nothing yet: it sent no step 1.
    expect(onB.syncFrames()).toBe(0);

    const editor = new Y.Doc();
    Y.applyUpdate(editor, snapshot);
    typing(onA, a, editor)(' and more');
    await vi.waitFor(() => expect(onB.updates()).toHaveLength(1));
    expect(textOf(b)).toBe('stored and more');
    expect(onB.syncFrames()).toBe(2); // our step 1 (at the build), then the relayed update
    await Promise.all([a.flushed(), b.flushed()]);
    expect((await storage.loadDocState('doc'))!.updates).toHaveLength(1);
  });
});
