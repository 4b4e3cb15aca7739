// Automatic history and version diffs (API.md §6): `auto` versions while a document is edited
// and when its last client leaves (also at shutdown), with the people who edited since the
// version before; GET …/versions/:vid/diff against the previous version or the document now.
import { join } from 'node:path';
import type { ShareRole, Version, VersionDiff } from '@inkwell/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { textBlocks } from '../src/documents/doc-text.ts';
import { DB_FILE_NAME } from '../src/server.ts';
import { SqliteStorage } from '../src/storage/sqlite-storage.ts';
import { api, cleanup, connect, createDoc, type Running, signUp, startServer, type TestUser } from './support/helpers.ts';

afterEach(cleanup);

const errorOf = (code: string) => ({ error: { code, message: expect.any(String) } });

async function share(url: string, owner: TestUser, docId: string, user: TestUser, role: ShareRole) {
  expect(
    (await api(url, `/api/docs/${docId}/members`, { method: 'PUT', body: { email: user.email, role }, cookie: owner.cookie })).status,
  ).toBe(200);
}

const versionsOf = async (url: string, docId: string, user: TestUser) =>
  (await api<{ versions: Version[] }>(url, `/api/docs/${docId}/versions`, { cookie: user.cookie })).body.versions;

/** A paragraph in the editor's fragment, as Tiptap writes it; returns its text for edits. */
function paragraph(doc: Y.Doc, text: string, at = doc.getXmlFragment('default').length): Y.XmlText {
  const content = new Y.XmlText(text);
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [content]);
  doc.getXmlFragment('default').insert(at, [element]);
  return content;
}

/** Waits until the server's room holds these blocks. */
async function serverHas({ server }: Running, docId: string, blocks: string[]) {
  await vi.waitFor(() => {
    const room = server.registry.loaded(docId);
    expect(room && textBlocks(room.doc)).toEqual(blocks);
  });
}

describe('automatic versions', () => {
  it('takes one after the interval while a document is edited, naming who edited', async () => {
    const running = await startServer({ tuning: { autoVersionMs: 300 } });
    const { url, wsBase } = running;
    const [ana, ben] = [await signUp(url, 'Ana'), await signUp(url, 'Ben')];
    const doc = await createDoc(url, 'Plan', ana.cookie);
    await share(url, ana, doc.id, ben, 'editor');
    const [a, b] = [connect(wsBase, doc.id, new Y.Doc(), ana.cookie), connect(wsBase, doc.id, new Y.Doc(), ben.cookie)];
    await Promise.all([a.synced, b.synced]);
    paragraph(b.ydoc, 'Ben was here');
    await serverHas(running, doc.id, ['Ben was here']);

    await expect.poll(async () => (await versionsOf(url, doc.id, ana)).map((v) => v.kind)).toEqual(['auto']);
    const [auto] = await versionsOf(url, doc.id, ana);
    expect(auto).toMatchObject({ kind: 'auto', author: null, authors: [{ id: ben.user.id, name: 'Ben', color: ben.user.color }] });

    // Nothing changed since: no more versions however long it stays open.
    const named = await api<Version>(url, `/api/docs/${doc.id}/versions`, { method: 'POST', body: { label: 'Named' }, cookie: ana.cookie });
    expect(named.body).toMatchObject({ kind: 'named', author: { id: ana.user.id }, authors: [] });
    paragraph(a.ydoc, 'Ana too');
    paragraph(b.ydoc, 'and Ben');
    // The two edits may land on either side of an interval: whoever edited is named once.
    const editorsSinceNamed = async () => {
      const versions = await versionsOf(url, doc.id, ana);
      const since = versions.slice(
        0,
        versions.findIndex((v) => v.id === named.body.id),
      );
      expect(since.every((v) => v.kind === 'auto')).toBe(true);
      return since.flatMap((v) => v.authors.map((p) => p.name)).sort();
    };
    await expect.poll(editorsSinceNamed).toEqual(['Ana', 'Ben']);
  });

  it('takes one when the last client leaves, only if the document changed', async () => {
    const running = await startServer();
    const { url, wsBase, server } = running;
    const ana = await signUp(url, 'Ana');
    const doc = await createDoc(url, 'Plan', ana.cookie);
    const idle = connect(wsBase, doc.id, new Y.Doc(), ana.cookie);
    await idle.synced;
    idle.destroy();
    await vi.waitFor(() => expect(server.registry.openRooms).toBe(0));
    expect(await versionsOf(url, doc.id, ana)).toEqual([]);

    const client = connect(wsBase, doc.id, new Y.Doc(), ana.cookie);
    await client.synced;
    paragraph(client.ydoc, 'written, then left');
    await serverHas(running, doc.id, ['written, then left']);
    client.destroy();
    await expect
      .poll(async () => (await versionsOf(url, doc.id, ana)).map((v) => [v.kind, v.authors.map((p) => p.id)]))
      .toEqual([['auto', [ana.user.id]]]);
    const [auto] = await versionsOf(url, doc.id, ana);
    const diff = await api<VersionDiff>(url, `/api/docs/${doc.id}/versions/${auto!.id}/diff?against=previous`, { cookie: ana.cookie });
    expect(diff.body).toEqual({ changes: [{ type: 'added', text: 'written, then left\n' }] });
  });

  it('takes the last one at shutdown, before storage closes', async () => {
    const running = await startServer();
    const { url, wsBase, server, dataDir } = running;
    const ana = await signUp(url, 'Ana');
    const doc = await createDoc(url, 'Plan', ana.cookie);
    const client = connect(wsBase, doc.id, new Y.Doc(), ana.cookie);
    await client.synced;
    paragraph(client.ydoc, 'typed before the shutdown');
    await serverHas(running, doc.id, ['typed before the shutdown']);
    await server.close();

    const storage = new SqliteStorage(join(dataDir, DB_FILE_NAME));
    try {
      const versions = await storage.listVersions(doc.id);
      expect(versions.map((v) => [v.reason, v.authors.map((p) => p.id)])).toEqual([['auto', [ana.user.id]]]);
    } finally {
      await storage.close();
    }
  });
});

describe('version diffs', () => {
  it('compares a version with the one before it and with the document now, block by block and word by word', async () => {
    const running = await startServer();
    const { url, wsBase } = running;
    const [ana, cat] = [await signUp(url, 'Ana'), await signUp(url, 'Cat')];
    const doc = await createDoc(url, 'Plan', ana.cookie);
    const client = connect(wsBase, doc.id, new Y.Doc(), ana.cookie);
    await client.synced;
    const save = async (label: string) =>
      (await api<Version>(url, `/api/docs/${doc.id}/versions`, { method: 'POST', body: { label }, cookie: ana.cookie })).body;
    const diff = (versionId: string, against: string) =>
      api<VersionDiff>(url, `/api/docs/${doc.id}/versions/${versionId}/diff?against=${against}`, { cookie: ana.cookie });

    paragraph(client.ydoc, 'Agenda');
    const line = paragraph(client.ydoc, 'the quick brown fox');
    await serverHas(running, doc.id, ['Agenda', 'the quick brown fox']);
    const first = await save('First');

    line.delete(4, 'quick'.length);
    line.insert(4, 'slow');
    paragraph(client.ydoc, 'Next steps');
    await serverHas(running, doc.id, ['Agenda', 'the slow brown fox', 'Next steps']);
    const second = await save('Second');

    // The first version against nothing before it: all added.
    expect(await diff(first.id, 'previous')).toMatchObject({
      status: 200,
      body: { changes: [{ type: 'added', text: 'Agenda\nthe quick brown fox\n' }] },
    });
    const expected = {
      changes: [
        { type: 'unchanged', text: 'Agenda\nthe ' },
        { type: 'removed', text: 'quick' },
        { type: 'added', text: 'slow' },
        { type: 'unchanged', text: ' brown fox\n' },
        { type: 'added', text: 'Next steps\n' },
      ],
    };
    expect((await diff(second.id, 'previous')).body).toEqual(expected);
    expect((await diff(first.id, 'current')).body).toEqual(expected);

    // Against the document now, live in the room (not yet stored as a version).
    client.ydoc.getXmlFragment('default').delete(0, 1);
    await serverHas(running, doc.id, ['the slow brown fox', 'Next steps']);
    expect((await diff(second.id, 'current')).body).toEqual({
      changes: [
        { type: 'removed', text: 'Agenda\n' },
        { type: 'unchanged', text: 'the slow brown fox\nNext steps\n' },
      ],
    });

    // …and from storage once the room is gone.
    client.destroy();
    await vi.waitFor(() => expect(running.server.registry.openRooms).toBe(0));
    expect((await diff(second.id, 'current')).body.changes[0]).toEqual({ type: 'removed', text: 'Agenda\n' });

    expect(await diff(second.id, 'everything')).toEqual({ status: 400, body: errorOf('BAD_REQUEST') });
    expect(await api(url, `/api/docs/${doc.id}/versions/${second.id}/diff`, { cookie: ana.cookie })).toEqual({
      status: 400,
      body: errorOf('BAD_REQUEST'),
    });
    expect(await diff('noSuchVersion', 'previous')).toEqual({ status: 404, body: errorOf('VERSION_NOT_FOUND') });
    expect(await api(url, `/api/docs/${doc.id}/versions/${second.id}/diff?against=previous`, { cookie: cat.cookie })).toEqual({
      status: 404,
      body: errorOf('DOC_NOT_FOUND'),
    });
  });
});
