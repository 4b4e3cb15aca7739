import { join } from 'node:path';
import { CloseCode } from '@inkwell/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DB_FILE_NAME } from '../src/server.ts';
import { SqliteStorage } from '../src/storage/sqlite-storage.ts';
import { api, cleanup, closeCode, connect, createDoc, rawSocket, signUp, startServer, upgradeStatus } from './support/helpers.ts';

afterEach(cleanup);

/** What the database holds for a document, read with a fresh storage on the same file. */
async function storedText(dataDir: string, docId: string): Promise<string> {
  const storage = new SqliteStorage(join(dataDir, DB_FILE_NAME));
  try {
    const state = await storage.loadDocState(docId);
    const ydoc = new Y.Doc();
    if (state?.snapshot) Y.applyUpdate(ydoc, state.snapshot);
    for (const u of state?.updates ?? []) Y.applyUpdate(ydoc, u);
    return ydoc.getText('text').toString();
  } finally {
    await storage.close();
  }
}

describe('document socket', () => {
  it('converges two stock y-websocket clients both ways', async () => {
    const { url, wsBase } = await startServer();
    const doc = await createDoc(url);
    const a = connect(wsBase, doc.id);
    const b = connect(wsBase, doc.id);
    await Promise.all([a.synced, b.synced]);

    a.text.insert(0, 'from A');
    await vi.waitFor(() => expect(b.text.toString()).toBe('from A'));
    b.text.insert(b.text.length, ', from B');
    await vi.waitFor(() => expect(a.text.toString()).toBe('from A, from B'));
  });

  it('syncs the Tiptap XmlFragment `default` as well as any other root type', async () => {
    const { url, wsBase } = await startServer();
    const doc = await createDoc(url);
    const a = connect(wsBase, doc.id);
    const b = connect(wsBase, doc.id);
    await Promise.all([a.synced, b.synced]);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Hello')]);
    a.ydoc.getXmlFragment('default').insert(0, [paragraph]);
    await vi.waitFor(() => expect(b.ydoc.getXmlFragment('default').toString()).toBe('<paragraph>Hello</paragraph>'));
  });

  it('keeps content across a restart with the same data directory', async () => {
    const first = await startServer();
    const doc = await createDoc(first.url);
    const a = connect(first.wsBase, doc.id);
    await a.synced;
    a.text.insert(0, 'survives restarts');
    const b = connect(first.wsBase, doc.id);
    await vi.waitFor(() => expect(b.text.toString()).toBe('survives restarts'));
    a.destroy();
    b.destroy();
    await first.server.close();

    const second = await startServer({ dataDir: first.dataDir });
    const c = connect(second.wsBase, doc.id);
    await c.synced;
    expect(c.text.toString()).toBe('survives restarts');
  });

  it('stores an edit sent just before the client closed its socket', async () => {
    const { url, wsBase, server, dataDir } = await startServer();
    const doc = await createDoc(url);
    const a = connect(wsBase, doc.id);
    await a.synced;
    a.text.insert(0, 'last words');
    a.destroy(); // the update frame and the close frame leave together
    await vi.waitFor(() => expect(server.registry.openRooms).toBe(0));
    expect(await storedText(dataDir, doc.id)).toBe('last words');
  });

  it('stores an edit still on the wire when the server shuts down', async () => {
    const { url, wsBase, server, dataDir } = await startServer();
    const doc = await createDoc(url);
    const a = connect(wsBase, doc.id);
    await a.synced;
    a.text.insert(0, 'in flight');
    // Same tick: the server has not read the frame yet when it starts closing.
    await server.close();
    expect(await storedText(dataDir, doc.id)).toBe('in flight');
  });

  it('does not duplicate content for a client connected across a restart', async () => {
    const first = await startServer();
    const doc = await createDoc(first.url);
    const a = connect(first.wsBase, doc.id);
    await a.synced;
    a.text.insert(0, 'exactly once');
    const b = connect(first.wsBase, doc.id);
    await vi.waitFor(() => expect(b.text.toString()).toBe('exactly once'));
    b.destroy();

    const closed = a.nextClose();
    await first.server.close();
    expect(await closed).toBe(CloseCode.GOING_AWAY);
    // Same port, so the client's own reconnect loop finds the new server.
    const second = await startServer({ dataDir: first.dataDir, port: first.port });
    await vi.waitFor(() => expect(a.provider.synced).toBe(true), { timeout: 5000 });
    a.text.insert(a.text.length, '!');

    const c = connect(second.wsBase, doc.id);
    await c.synced;
    await vi.waitFor(() => expect(c.text.toString()).toBe('exactly once!'));
    expect(a.text.toString()).toBe('exactly once!');
    await vi.waitFor(async () => expect(await storedText(second.dataDir, doc.id)).toBe('exactly once!'));
  });

  it('merges edits made offline exactly once when the client reconnects', async () => {
    const { url, wsBase } = await startServer();
    const doc = await createDoc(url);
    const a = connect(wsBase, doc.id);
    const b = connect(wsBase, doc.id);
    await Promise.all([a.synced, b.synced]);
    a.text.insert(0, 'shared. ');
    await vi.waitFor(() => expect(b.text.toString()).toBe('shared. '));

    a.provider.disconnect();
    a.text.insert(a.text.length, 'offline A. ');
    b.text.insert(b.text.length, 'online B. ');
    a.provider.connect();
    await vi.waitFor(() => expect(a.text.toString()).toBe(b.text.toString()));
    const text = a.text.toString();
    for (const piece of ['shared. ', 'offline A. ', 'online B. ']) expect(text.split(piece)).toHaveLength(2);
    expect(text).toHaveLength('shared. offline A. online B. '.length);
  });

  it('loads a document identically after any number of restarts', async () => {
    let running = await startServer();
    const doc = await createDoc(running.url);
    let expected = '';
    let state: Uint8Array | undefined;
    for (let round = 0; round < 5; round++) {
      const c = connect(running.wsBase, doc.id);
      await c.synced;
      expect(c.text.toString()).toBe(expected);
      if (state) expect(Y.encodeStateVector(c.ydoc)).toEqual(state);
      c.text.insert(c.text.length, `round ${round}. `);
      expected += `round ${round}. `;
      state = Y.encodeStateVector(c.ydoc);
      const probe = connect(running.wsBase, doc.id);
      await vi.waitFor(() => expect(probe.text.toString()).toBe(expected));
      c.destroy();
      probe.destroy();
      await running.server.close();
      running = await startServer({ dataDir: running.dataDir });
    }
  });

  it('loads a document once when 20 clients connect at the same instant', async () => {
    const { url, wsBase, server, dataDir } = await startServer();
    const doc = await createDoc(url);
    const seed = connect(wsBase, doc.id);
    await seed.synced;
    seed.text.insert(0, 'seeded');
    await vi.waitFor(async () => expect(await storedText(dataDir, doc.id)).toBe('seeded'));
    seed.destroy();
    await vi.waitFor(() => expect(server.registry.openRooms).toBe(0));

    const loadsBefore = server.registry.loads;
    const clients = Array.from({ length: 20 }, () => connect(wsBase, doc.id));
    await Promise.all(clients.map((c) => c.synced));
    expect(server.registry.loads - loadsBefore).toBe(1);
    expect(server.registry.openRooms).toBe(1);
    for (const c of clients) expect(c.text.toString()).toBe('seeded');
  });

  it('unloads a room after its last client leaves, with its state stored', async () => {
    const { url, wsBase, server, dataDir } = await startServer();
    const doc = await createDoc(url);
    const a = connect(wsBase, doc.id);
    await a.synced;
    a.text.insert(0, 'stored on unload');
    await vi.waitFor(() => expect(server.registry.openRooms).toBe(1));
    a.destroy();
    await vi.waitFor(() => expect(server.registry.openRooms).toBe(0));
    expect(await storedText(dataDir, doc.id)).toBe('stored on unload');
  });

  it('removes a closed connection’s presence for the others at once', async () => {
    const { url, wsBase } = await startServer();
    await signUp(url, 'Ana');
    const doc = await createDoc(url);
    const a = connect(wsBase, doc.id);
    const b = connect(wsBase, doc.id);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('user', { name: 'Whoever', color: '#d9480f' });
    const aId = a.ydoc.clientID;
    await vi.waitFor(() => expect(b.provider.awareness.getStates().get(aId)?.user?.name).toBe('Ana'));
    a.destroy();
    await vi.waitFor(() => expect(b.provider.awareness.getStates().has(aId)).toBe(false), { timeout: 2000 });
  });

  it('refuses a malformed id with 400 and an unknown document or path with 404 at the upgrade', async () => {
    const { wsBase, url } = await startServer();
    await signUp(url);
    const bad = await upgradeStatus(`${wsBase}/bad%20id!`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ error: { code: 'INVALID_DOC_ID', message: expect.any(String) } });
    expect((await upgradeStatus(`${wsBase}/${'x'.repeat(65)}`)).status).toBe(400);
    const unknown = await upgradeStatus(`${wsBase}/NoSuchDocument`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('DOC_NOT_FOUND');
    expect((await upgradeStatus(`${url.replace('http', 'ws')}/elsewhere`)).status).toBe(404);
  });

  it('closes a connection that sends garbage with 4400 and leaves everyone else editing', async () => {
    const { url, wsBase, dataDir } = await startServer();
    const doc = await createDoc(url);
    const a = connect(wsBase, doc.id);
    const b = connect(wsBase, doc.id);
    await Promise.all([a.synced, b.synced]);
    a.text.insert(0, 'intact');
    await vi.waitFor(() => expect(b.text.toString()).toBe('intact'));

    const frames: [string, Uint8Array | string][] = [
      ['unknown type', new Uint8Array([42, 1, 2])],
      ['truncated update', new Uint8Array([0, 2, 50, 1, 2])],
      ['garbage update', new Uint8Array([0, 2, 4, 255, 255, 255, 255])],
      ['empty frame', new Uint8Array([])],
      ['text frame', 'hello'],
    ];
    for (const [, frame] of frames) {
      const evil = await rawSocket(wsBase, doc.id);
      const closed = closeCode(evil);
      evil.send(frame);
      expect(await closed).toBe(CloseCode.PROTOCOL_VIOLATION);
    }

    b.text.insert(b.text.length, ' and alive');
    await vi.waitFor(() => expect(a.text.toString()).toBe('intact and alive'));
    await vi.waitFor(async () => expect(await storedText(dataDir, doc.id)).toBe('intact and alive'));
  });

  it('closes every socket of a deleted document with 4404', async () => {
    const { url, wsBase } = await startServer();
    const doc = await createDoc(url);
    const a = connect(wsBase, doc.id);
    await a.synced;
    const closed = a.nextClose();
    const res = await api(url, `/api/docs/${doc.id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await closed).toBe(CloseCode.DOC_DELETED);
    expect((await upgradeStatus(`${wsBase}/${doc.id}`)).status).toBe(404);
  });
});
