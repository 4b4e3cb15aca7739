// The app channel (hello, welcome, saved) and the update guard, on a room without network.
import { CloseCode, MAX_NESTING_DEPTH, MIN_PROTOCOL_VERSION, PROTOCOL_VERSION } from '@inkwell/protocol';
import { syncUpdate } from '@inkwell/protocol/wire';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { memoryStorage } from '../../test/support/memory-storage.ts';
import { clientAppFrame, identity, TestSocket } from '../../test/support/test-socket.ts';
import { silentLogger } from '../logger.ts';
import { Room } from './room.ts';
import { MissingDependencyError } from './update-guard.ts';

const appMessage = clientAppFrame;

const hello = appMessage({ type: 'hello', protocol: PROTOCOL_VERSION });

function edit(text: string, ydoc = new Y.Doc()): Uint8Array {
  const before = Y.encodeStateVector(ydoc);
  ydoc.getText('t').insert(ydoc.getText('t').length, text);
  return Y.encodeStateAsUpdate(ydoc, before);
}

const rooms: Room[] = [];
afterEach(() => {
  for (const room of rooms.splice(0)) room.close(1001, 'test over');
});

async function openRoom() {
  const storage = memoryStorage();
  await storage.createDoc({ id: 'doc', title: 'T', createdAt: 1, updatedAt: 1 });
  const onPoisoned = vi.fn();
  const room = (await Room.load('doc', {
    storage,
    logger: silentLogger,
    compactAfterUpdates: 1000,
    onStorageFailure: () => {},
    onPoisoned,
  }))!;
  rooms.push(room);
  return { room, storage, onPoisoned };
}

describe('app channel', () => {
  it('answers hello with welcome, and never sends app messages to a connection without hello', async () => {
    const { room } = await openRoom();
    const [stock, app] = [new TestSocket(), new TestSocket()];
    room.join(stock, identity());
    const ana = identity('editor', { id: 'ana', name: 'Ana', color: '#c2255c' });
    room.join(app, ana);
    room.handleMessage(app, hello);
    expect(app.app()).toEqual([{ type: 'welcome', protocol: PROTOCOL_VERSION, user: ana.user, connectionId: expect.any(String) }]);
    room.handleMessage(stock, syncUpdate(edit('x')));
    room.handleMessage(stock, appMessage('{not json'));
    room.handleMessage(stock, appMessage({ type: 'rpc', id: 1, method: 'doc.info', params: {} }));
    await room.flushed();
    await Promise.resolve();
    expect(stock.app()).toEqual([]);
    expect(stock.closedWith).toBeUndefined();
  });

  it('acknowledges stored frames with saved {seq, updates}, one per commit', async () => {
    const { room } = await openRoom();
    const a = new TestSocket();
    room.join(a, identity());
    room.handleMessage(a, hello);
    const writer = new Y.Doc();
    for (const text of ['a', 'b', 'c']) room.handleMessage(a, syncUpdate(edit(text, writer)));
    await vi.waitFor(() => expect(a.app().filter((m) => m.type === 'saved')).toHaveLength(1));
    expect(a.app().at(-1)).toEqual({ type: 'saved', seq: 3, updates: 3 });

    // A frame that changes nothing (already known) is acknowledged too.
    room.handleMessage(a, syncUpdate(Y.encodeStateAsUpdate(writer)));
    await vi.waitFor(() => expect(a.app().at(-1)).toEqual({ type: 'saved', seq: 3, updates: 4 }));
  });

  it('acknowledges frames stored before the hello once the hello arrives', async () => {
    const { room } = await openRoom();
    const a = new TestSocket();
    room.join(a, identity());
    room.handleMessage(a, syncUpdate(edit('early')));
    await room.flushed();
    await Promise.resolve();
    expect(a.app()).toEqual([]);
    room.handleMessage(a, hello);
    await vi.waitFor(() => expect(a.app().at(-1)).toEqual({ type: 'saved', seq: 1, updates: 1 }));
  });

  it('refuses an unsupported protocol with an error and close 4400', async () => {
    const { room } = await openRoom();
    const a = new TestSocket();
    room.join(a, identity());
    room.handleMessage(a, appMessage({ type: 'hello', protocol: PROTOCOL_VERSION + 1 }));
    expect(a.app()).toEqual([{ type: 'error', code: 'UNSUPPORTED_PROTOCOL', message: expect.any(String) }]);
    expect(a.closedWith).toBe(CloseCode.PROTOCOL_VIOLATION);
  });

  it('welcomes the oldest protocol it still speaks and refuses the one below, saying why', async () => {
    const { room } = await openRoom();
    const [oldest, older] = [new TestSocket(), new TestSocket()];
    room.join(oldest, identity());
    room.join(older, identity());
    room.handleMessage(oldest, appMessage({ type: 'hello', protocol: MIN_PROTOCOL_VERSION }));
    expect(oldest.app()[0]).toMatchObject({ type: 'welcome', protocol: PROTOCOL_VERSION });
    expect(oldest.closedWith).toBeUndefined();
    room.handleMessage(older, appMessage({ type: 'hello', protocol: MIN_PROTOCOL_VERSION - 1 }));
    expect(older.app()).toEqual([
      { type: 'error', code: 'UNSUPPORTED_PROTOCOL', message: expect.stringContaining(`protocol ${MIN_PROTOCOL_VERSION - 1} is too old`) },
    ]);
    expect(older.closedWith).toBe(CloseCode.PROTOCOL_VIOLATION);
  });

  it('answers a bad app message with an error and keeps the socket open', async () => {
    const { room } = await openRoom();
    const a = new TestSocket();
    room.join(a, identity());
    room.handleMessage(a, hello);
    for (const bad of ['{not json', { type: 'nope' }, { type: 'hello' }, 'x'.repeat(70_000)]) {
      room.handleMessage(a, appMessage(bad));
    }
    const errors = a.app().filter((m) => m.type === 'error');
    expect(errors).toHaveLength(4);
    for (const e of errors) expect(e).toMatchObject({ code: 'BAD_REQUEST' });
    expect(a.closedWith).toBeUndefined();
  });
});

describe('update guard', () => {
  function nested(depth: number): Uint8Array {
    const ydoc = new Y.Doc();
    ydoc.transact(() => {
      let parent: Y.XmlFragment | Y.XmlElement = ydoc.getXmlFragment('default');
      for (let i = 0; i < depth; i++) {
        const child: Y.XmlElement = new Y.XmlElement('blockquote');
        parent.insert(0, [child]);
        parent = child;
      }
    });
    return Y.encodeStateAsUpdate(ydoc);
  }

  it('accepts nesting up to the limit', async () => {
    const { room, onPoisoned } = await openRoom();
    const a = new TestSocket();
    room.join(a, identity());
    room.handleMessage(a, syncUpdate(nested(MAX_NESTING_DEPTH)));
    expect(onPoisoned).not.toHaveBeenCalled();
    expect(a.closedWith).toBeUndefined();
  });

  it('refuses an update nested too deep: not stored, not relayed, the room reloads', async () => {
    const { room, storage, onPoisoned } = await openRoom();
    const [a, b] = [new TestSocket(), new TestSocket()];
    room.join(a, identity());
    room.join(b, identity());
    room.handleMessage(a, syncUpdate(nested(5000)));
    expect(a.closedWith).toBe(CloseCode.PROTOCOL_VIOLATION);
    expect(onPoisoned).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setImmediate(resolve));
    // B got no update (only the server's own sync step 1).
    expect(b.updates()).toEqual([]);
    expect((await storage.loadDocState('doc'))!.updates).toEqual([]);
  });

  it('refuses an update that depends on changes it never received, with no effect at all', async () => {
    const { room, storage } = await openRoom();
    const [a, b] = [new TestSocket(), new TestSocket()];
    room.join(a, identity());
    room.join(b, identity());
    // The second half of a writer's history, without the first: it cannot be integrated.
    const writer = new Y.Doc();
    writer.getText('t').insert(0, 'first');
    const sv = Y.encodeStateVector(writer);
    writer.getText('t').insert(5, ' second');
    expect(() => room.handleMessage(a, syncUpdate(Y.encodeStateAsUpdate(writer, sv)))).toThrow(MissingDependencyError);
    expect(room.doc.store.pendingStructs).toBeNull();
    // Once the first half is there, the same update is taken.
    room.handleMessage(b, syncUpdate(Y.encodeStateAsUpdate(writer)));
    await room.flushed();
    expect(room.doc.getText('t').toString()).toBe('first second');
    expect((await storage.loadDocState('doc'))!.updates).toHaveLength(1);
  });
});

describe('role changes', () => {
  it('apply to the next frame and are pushed to the user’s app connections as docPatch', async () => {
    const { room, storage } = await openRoom();
    const user = { id: 'm', name: 'Member', color: '#1864ab' };
    const [tab, stockTab] = [new TestSocket(), new TestSocket()];
    room.join(tab, identity('editor', user));
    room.join(stockTab, identity('editor', user));
    room.handleMessage(tab, hello);
    room.setRole('m', 'viewer');
    expect(tab.app().filter((m) => m.type === 'docPatch')).toEqual([{ type: 'docPatch', id: 'doc', delta: { role: 'viewer' } }]);
    expect(stockTab.app()).toEqual([]);
    room.handleMessage(stockTab, syncUpdate(edit('dropped')));
    await room.flushed();
    expect(room.doc.getText('t').toString()).toBe('');
    expect((await storage.loadDocState('doc'))!.updates).toEqual([]);
  });
});
