import { awarenessMessage, decodeMessage, MalformedMessageError, syncStep1, syncUpdate } from '@inkwell/protocol/wire';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { GatedStorage } from '../../test/support/gated-storage.ts';
import { memoryStorage } from '../../test/support/memory-storage.ts';
import { identity, TestSocket } from '../../test/support/test-socket.ts';
import { silentLogger } from '../logger.ts';
import type { SqliteStorage } from '../storage/sqlite-storage.ts';
import { Room } from './room.ts';

function edit(text: string): Uint8Array {
  const ydoc = new Y.Doc();
  ydoc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(ydoc);
}

const rooms: Room[] = [];
afterEach(() => {
  for (const room of rooms.splice(0)) room.close(1001, 'test over');
});

async function openRoom(storage = memoryStorage(), compactAfterUpdates = 1000) {
  if (!(await storage.getDoc('doc'))) await storage.createDoc({ id: 'doc', title: 'T', createdAt: 1, updatedAt: 1 });
  const onStorageFailure = vi.fn();
  const onPoisoned = vi.fn();
  const room = (await Room.load('doc', { storage, logger: silentLogger, compactAfterUpdates, onStorageFailure, onPoisoned }))!;
  rooms.push(room);
  return { room, storage, onStorageFailure, onPoisoned };
}

/** A document 'cold' stored as one snapshot holding `text`, with the checksum compact() writes. */
async function compactedDoc(text: string) {
  const storage = memoryStorage();
  await storage.createDoc({ id: 'cold', title: 'T', createdAt: 1, updatedAt: 1 });
  const writer = new Y.Doc();
  writer.getText('t').insert(0, text);
  const snapshot = Y.encodeStateAsUpdate(writer);
  await storage.appendUpdates('cold', [snapshot], 2);
  await storage.compact('cold', snapshot, 1);
  return { storage, snapshot };
}

async function loadCold(storage: SqliteStorage, onStorageFailure: () => void = () => {}) {
  const room = (await Room.load('cold', {
    storage,
    logger: silentLogger,
    compactAfterUpdates: 1000,
    onStorageFailure,
    onPoisoned: () => {},
  }))!;
  rooms.push(room);
  return room;
}

describe('Room', () => {
  it('relays an update to the other connections only after it is stored', async () => {
    const storage = new GatedStorage();
    const { room } = await openRoom(storage);
    const [a, b] = [new TestSocket(), new TestSocket()];
    room.join(a, identity());
    room.join(b, identity());

    room.handleMessage(a, syncUpdate(edit('hi')));
    expect(b.updates()).toHaveLength(0);
    await vi.waitFor(() => expect(storage.gates).toHaveLength(1));
    expect(b.updates()).toHaveLength(0);

    storage.openAll();
    await vi.waitFor(() => expect(b.updates()).toHaveLength(1));
    expect(a.updates()).toHaveLength(0); // never echoed to the sender
    expect((await storage.loadDocState('doc'))!.updates).toHaveLength(1);
  });

  it('answers sync step 1 only once the state it reveals is stored', async () => {
    const storage = new GatedStorage();
    const { room } = await openRoom(storage);
    const a = new TestSocket();
    room.join(a, identity());
    room.handleMessage(a, syncUpdate(edit('secret')));

    const late = new TestSocket();
    room.join(late, identity());
    room.handleMessage(late, syncStep1(new Y.Doc()));
    expect(late.updates()).toHaveLength(0);
    await vi.waitFor(() => expect(storage.gates).toHaveLength(1));
    storage.openAll();
    // It gets the sync step 2 answer and, having joined before the write, the relay too.
    await vi.waitFor(() => expect(late.updates()).toHaveLength(2));
    const replica = new Y.Doc();
    Y.applyUpdate(replica, late.updates()[0]!);
    expect(replica.getText('t').toString()).toBe('secret');
  });

  it('writes the updates of one event-loop turn in one transaction, in order', async () => {
    const storage = memoryStorage();
    const append = vi.spyOn(storage, 'appendBatch');
    const { room } = await openRoom(storage);
    const [a, b] = [new TestSocket(), new TestSocket()];
    room.join(a, identity());
    room.join(b, identity());
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => updates.push(u));
    for (const ch of 'abc') writer.getText('t').insert(writer.getText('t').length, ch);
    for (const u of updates) room.handleMessage(a, syncUpdate(u));

    await vi.waitFor(() => expect(b.updates()).toHaveLength(3));
    expect(append).toHaveBeenCalledTimes(1);
    expect(append.mock.calls[0]![0]).toEqual([{ docId: 'doc', updates: expect.any(Array) }]);
    expect(append.mock.calls[0]![0][0]!.updates).toHaveLength(3);
    const replica = new Y.Doc();
    for (const u of b.updates()) Y.applyUpdate(replica, u);
    expect(replica.getText('t').toString()).toBe('abc');
  });

  it('rejects a truncated update without applying any of it', async () => {
    const { room, storage } = await openRoom();
    const a = new TestSocket();
    room.join(a, identity());
    const update = edit('whole or nothing');
    expect(() => room.handleMessage(a, syncUpdate(update.slice(0, update.length - 3)))).toThrow(MalformedMessageError);
    expect(room.doc.getText('t').toString()).toBe('');
    await room.flushed();
    expect((await storage.loadDocState('doc'))!.updates).toHaveLength(0);
  });

  it('compacts the stored tail once it passes the threshold, and loads the same document', async () => {
    const { room, storage } = await openRoom(memoryStorage(), 3);
    const a = new TestSocket();
    room.join(a, identity());
    for (const word of ['one ', 'two ', 'three ', 'four']) {
      room.handleMessage(a, syncUpdate(edit(word)));
      await room.flushed();
    }
    const stored = (await storage.loadDocState('doc'))!;
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates.length).toBeLessThan(3);
    expect(stored.lastSeq).toBe(4);
    const reloaded = (await Room.load('doc', {
      storage,
      logger: silentLogger,
      compactAfterUpdates: 3,
      onStorageFailure: () => {},
      onPoisoned: () => {},
    }))!;
    rooms.push(reloaded);
    expect(reloaded.doc.getText('t').toString()).toBe(room.doc.getText('t').toString());
  });

  it('reports a failed write instead of relaying it', async () => {
    const storage = memoryStorage();
    vi.spyOn(storage, 'appendBatch').mockRejectedValue(new Error('disk full'));
    const { room, onStorageFailure } = await openRoom(storage);
    const [a, b] = [new TestSocket(), new TestSocket()];
    room.join(a, identity());
    room.join(b, identity());
    room.handleMessage(a, syncUpdate(edit('lost?')));
    await vi.waitFor(() => expect(onStorageFailure).toHaveBeenCalledTimes(1));
    expect(b.updates()).toHaveLength(0);
  });

  it('removes a leaving connection’s awareness states for the others', async () => {
    const { room } = await openRoom();
    const [a, b] = [new TestSocket(), new TestSocket()];
    room.join(a, identity());
    room.join(b, identity());
    const client = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(client);
    awareness.setLocalStateField('user', { name: 'Ana', color: '#d9480f' });
    // Who a connection joining now is shown as present.
    const presentToNewcomer = () => {
      const probe = new TestSocket();
      room.join(probe, identity());
      const shown = probe.sent.map(decodeMessage).find((m) => m.type === 'awareness');
      room.leave(probe);
      if (shown?.type !== 'awareness') return [];
      const states = new awarenessProtocol.Awareness(new Y.Doc());
      states.setLocalState(null);
      awarenessProtocol.applyAwarenessUpdate(states, shown.update, null);
      const ids = [...states.getStates().keys()];
      states.destroy();
      return ids;
    };
    room.handleMessage(a, awarenessMessage(awareness, [client.clientID]));
    expect(presentToNewcomer()).toEqual([client.clientID]);

    b.sent = [];
    room.leave(a);
    expect(presentToNewcomer()).toEqual([]);
    const seen = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(seen, awarenessMessage(awareness, [client.clientID]).subarray(2), null);
    const removal = b.sent.map(decodeMessage).find((m) => m.type === 'awareness');
    expect(removal).toBeDefined();
    awarenessProtocol.applyAwarenessUpdate(seen, removal!.type === 'awareness' ? removal!.update : new Uint8Array(), null);
    expect(seen.getStates().has(client.clientID)).toBe(false);
    awareness.destroy();
    seen.destroy();
  });
});

describe('cold load', () => {
  it('answers a fresh client with the stored bytes as they are until the doc changes', async () => {
    const storage = memoryStorage();
    await storage.createDoc({ id: 'cold', title: 'T', createdAt: 1, updatedAt: 1 });
    const writer = new Y.Doc();
    writer.getText('t').insert(0, 'snapshot ');
    const snapshot = Y.encodeStateAsUpdate(writer);
    await storage.appendUpdates('cold', [snapshot], 2);
    await storage.compact('cold', snapshot, 1);
    const sv = Y.encodeStateVector(writer);
    writer.getText('t').insert(9, 'and tail');
    const tail = Y.encodeStateAsUpdate(writer, sv);
    await storage.appendUpdates('cold', [tail], 3);

    const room = await loadCold(storage);
    // Built before anyone joins: our step 1 goes out at the join.
    expect(room.doc.getText('t').toString()).toBe('snapshot and tail');
    const fresh = new TestSocket();
    room.join(fresh, identity());
    expect(fresh.sent.map((f) => [f[0], f[1]])).toEqual([[0, 0]]);
    room.handleMessage(fresh, syncStep1(new Y.Doc()));
    // One step 2 with everything stored, the merged rows themselves (not encoded again).
    expect(fresh.updates()).toEqual([Y.mergeUpdates([snapshot, tail])]);

    // A client with state of its own is answered from the doc, with only what it lacks.
    const known = new TestSocket();
    room.join(known, identity());
    room.handleMessage(known, syncStep1(writer));
    await vi.waitFor(() => expect(known.updates()).toHaveLength(1));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(writer));
    Y.applyUpdate(copy, known.updates()[0]!);
    expect(copy.getText('t').toString()).toBe('snapshot and tail');

    // Once the doc changed, a fresh client is answered from the doc, with the change.
    const edit = new Y.Doc();
    Y.applyUpdate(edit, Y.encodeStateAsUpdate(copy));
    const before = Y.encodeStateVector(edit);
    edit.getText('t').insert(0, 'new ');
    room.handleMessage(known, syncUpdate(Y.encodeStateAsUpdate(edit, before)));
    await room.flushed();
    const late = new TestSocket();
    room.join(late, identity());
    room.handleMessage(late, syncStep1(new Y.Doc()));
    await vi.waitFor(() => expect(late.updates()).toHaveLength(1));
    const lateDoc = new Y.Doc();
    Y.applyUpdate(lateDoc, late.updates()[0]!);
    expect(lateDoc.getText('t').toString()).toBe('new snapshot and tail');
  });

  it('serves a snapshot whose checksum matches before building it, then builds it on the next turn', async () => {
    const { storage, snapshot } = await compactedDoc('compacted');
    const onStorageFailure = vi.fn();
    const room = await loadCold(storage, onStorageFailure);

    const fresh = new TestSocket();
    room.join(fresh, identity());
    // No step 1 of ours yet: there is no state vector before the build.
    expect(fresh.sent).toEqual([]);
    room.handleMessage(fresh, syncStep1(new Y.Doc()));
    expect(fresh.updates()).toEqual([snapshot]);
    expect(fresh.syncFrames()).toBe(1);

    // Built on the turn after that answer; then our step 1 follows, and edits flow as usual.
    await new Promise((resolve) => setImmediate(resolve));
    expect(fresh.syncFrames()).toBe(2);
    const other = new TestSocket();
    room.join(other, identity());
    const edit = new Y.Doc();
    Y.applyUpdate(edit, snapshot);
    const before = Y.encodeStateVector(edit);
    edit.getText('t').insert(9, ' and edited');
    room.handleMessage(other, syncUpdate(Y.encodeStateAsUpdate(edit, before)));
    await vi.waitFor(() => expect(fresh.updates()).toHaveLength(2));
    expect(room.doc.getText('t').toString()).toBe('compacted and edited');
    expect((await storage.loadDocState('cold'))!.updates).toHaveLength(1);
    expect(onStorageFailure).not.toHaveBeenCalled();
  });

  it('builds a served-unbuilt doc within a second even when no client asks', async () => {
    const { storage } = await compactedDoc('compacted');
    const room = await loadCold(storage);
    const quiet = new TestSocket();
    room.join(quiet, identity());
    // Not on the next turn: a client's step 1 is a round trip away and would wait for it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(quiet.syncFrames()).toBe(0);
    await vi.waitFor(() => expect(quiet.syncFrames()).toBe(1), { timeout: 3000 });
  });

  it('builds at once when something needs the doc before the next turn', async () => {
    const { storage } = await compactedDoc('compacted');
    const room = await loadCold(storage);
    const a = new TestSocket();
    room.join(a, identity());
    // A client that has part of the document: answered from the doc, so it is built now.
    const partial = new Y.Doc();
    partial.getText('t').insert(0, 'x');
    room.handleMessage(a, syncStep1(partial));
    // Our step 1 (sent by the build), then the answer: step 2 with what it lacks.
    expect(a.sent.map((f) => [f[0], f[1]])).toEqual([
      [0, 0],
      [0, 1],
    ]);
    expect(room.doc.getText('t').toString()).toBe('compacted');
  });

  it('builds before serving when the checksum does not match the stored bytes', async () => {
    const { storage } = await compactedDoc('compacted');
    const load = storage.loadDocState.bind(storage);
    vi.spyOn(storage, 'loadDocState').mockImplementation(async (id) => {
      const state = await load(id);
      return state && { ...state, snapshotChecksum: (state.snapshotChecksum ?? 0) ^ 1 };
    });
    const room = await loadCold(storage);
    const fresh = new TestSocket();
    room.join(fresh, identity());
    expect(fresh.syncFrames()).toBe(1); // built: our step 1 at the join
  });
});
