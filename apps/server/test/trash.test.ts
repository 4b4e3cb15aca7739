// The trash (API.md §6): DELETE /api/docs/:id puts a document in its owner's trash, where it
// 404s for everyone (routes and socket upgrade alike) and leaves every list; the owner
// restores it whole or purges it, and the server purges it after TRASH_RETENTION_DAYS.
import { CloseCode, type Doc, type ShareRole, type TrashList, type Version } from '@inkwell/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { api, cleanup, connect, createDoc, signUp, startServer, type TestUser, upgradeStatus } from './support/helpers.ts';
import { invalidation, openSse } from './support/sse-helpers.ts';

afterEach(cleanup);

const DAY_MS = 86_400_000;
const errorOf = (code: string) => ({ error: { code, message: expect.any(String) } });

async function share(url: string, owner: TestUser, docId: string, user: TestUser, role: ShareRole) {
  const res = await api(url, `/api/docs/${docId}/members`, { method: 'PUT', body: { email: user.email, role }, cookie: owner.cookie });
  expect(res.status).toBe(200);
}

const trashOf = async (url: string, user: TestUser) => (await api<TrashList>(url, '/api/trash', { cookie: user.cookie })).body.docs;
const listOf = async (url: string, user: TestUser) =>
  (await api<{ docs: Doc[] }>(url, '/api/docs', { cookie: user.cookie })).body.docs.map((d) => d.id);

/** Ana owns a document Ben edits, with text, a named version and an open socket. */
async function sharedDoc() {
  const running = await startServer();
  const { url, wsBase } = running;
  const [ana, ben, cat] = [await signUp(url, 'Ana'), await signUp(url, 'Ben'), await signUp(url, 'Cat')];
  const doc = await createDoc(url, 'Plan', ana.cookie);
  await share(url, ana, doc.id, ben, 'editor');
  const client = connect(wsBase, doc.id, new Y.Doc(), ben.cookie);
  await client.synced;
  client.text.insert(0, 'kept through the trash');
  const version = await api<Version>(url, `/api/docs/${doc.id}/versions`, {
    method: 'POST',
    body: { label: 'Before' },
    cookie: ben.cookie,
  });
  expect(version.status).toBe(201);
  return { ...running, ana, ben, cat, doc, client, version: version.body };
}

describe('the trash', () => {
  it('hides a deleted document from everyone: 404 on every route and on the socket, gone from every list', async () => {
    const { url, wsBase, ana, ben, cat, doc, client } = await sharedDoc();
    const [anaEvents, benEvents] = [await openSse(url, { cookie: ana.cookie }), await openSse(url, { cookie: ben.cookie })];
    const closed = client.nextClose();

    const before = Date.now();
    expect((await api(url, `/api/docs/${doc.id}`, { method: 'DELETE', cookie: ben.cookie })).status).toBe(403);
    expect((await api(url, `/api/docs/${doc.id}`, { method: 'DELETE', cookie: ana.cookie })).status).toBe(204);
    expect(await closed).toBe(CloseCode.DOC_DELETED);

    for (const user of [ana, ben, cat]) {
      for (const path of [`/api/docs/${doc.id}`, `/api/docs/${doc.id}/versions`, `/api/docs/${doc.id}/members`]) {
        expect(await api(url, path, { cookie: user.cookie })).toEqual({ status: 404, body: errorOf('DOC_NOT_FOUND') });
      }
      expect((await api(url, `/api/docs/${doc.id}`, { method: 'DELETE', cookie: user.cookie })).status).toBe(404);
      expect((await upgradeStatus(`${wsBase}/${doc.id}`, { cookie: user.cookie })).status).toBe(404);
      expect(await listOf(url, user)).toEqual([]);
    }

    // Members hear it was deleted, as before the trash; the owner also that their trash changed.
    for (const events of [anaEvents, benEvents]) {
      await events.waitFor(invalidation('docs', doc.id, 'deleted'));
      await events.waitFor(invalidation('doc', doc.id, 'deleted'));
    }
    await anaEvents.waitFor(invalidation('trash', doc.id, 'created'));
    expect(benEvents.events.some((e) => e.data.includes('"trash"'))).toBe(false);

    // Only the owner has it in the trash, purged RETENTION days after.
    const [trashed] = await trashOf(url, ana);
    expect(trashed).toEqual({ id: doc.id, title: 'Plan', deletedAt: expect.any(String), purgeAt: expect.any(String) });
    const deletedAt = Date.parse(trashed!.deletedAt);
    expect(deletedAt).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(trashed!.purgeAt) - deletedAt).toBe(30 * DAY_MS);
    expect(await trashOf(url, ben)).toEqual([]);
  });

  it('restores a document with its content, members and versions, for the owner only', async () => {
    const { url, wsBase, ana, ben, cat, doc, client, version } = await sharedDoc();
    const [anaEvents, benEvents] = [await openSse(url, { cookie: ana.cookie }), await openSse(url, { cookie: ben.cookie })];
    const closed = client.nextClose();
    expect((await api(url, `/api/docs/${doc.id}`, { method: 'DELETE', cookie: ana.cookie })).status).toBe(204);
    await closed;
    client.destroy();

    // A member who is not the owner cannot tell it is in the trash, nor can a stranger.
    for (const user of [ben, cat]) {
      expect(await api(url, `/api/trash/${doc.id}/restore`, { method: 'POST', cookie: user.cookie })).toEqual({
        status: 404,
        body: errorOf('DOC_NOT_FOUND'),
      });
      expect(await api(url, `/api/trash/${doc.id}`, { method: 'DELETE', cookie: user.cookie })).toEqual({
        status: 404,
        body: errorOf('DOC_NOT_FOUND'),
      });
    }

    const restored = await api<Doc>(url, `/api/trash/${doc.id}/restore`, { method: 'POST', cookie: ana.cookie });
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual((await api<Doc>(url, `/api/docs/${doc.id}`, { cookie: ana.cookie })).body);
    expect(restored.body).toMatchObject({ id: doc.id, title: 'Plan', role: 'owner', createdAt: doc.createdAt });
    expect(await trashOf(url, ana)).toEqual([]);
    expect(await api(url, `/api/trash/${doc.id}/restore`, { method: 'POST', cookie: ana.cookie })).toMatchObject({ status: 404 });

    // Members, their roles and the versions are back; so is the text, over a new socket.
    expect(await listOf(url, ben)).toEqual([doc.id]);
    const members = await api<{ members: { user: { id: string }; role: string }[] }>(url, `/api/docs/${doc.id}/members`, {
      cookie: ben.cookie,
    });
    expect(members.body.members.map((m) => [m.user.id, m.role])).toEqual([
      [ana.user.id, 'owner'],
      [ben.user.id, 'editor'],
    ]);
    const versions = await api<{ versions: Version[] }>(url, `/api/docs/${doc.id}/versions`, { cookie: ben.cookie });
    expect(versions.body.versions.map((v) => v.id)).toContain(version.id);
    const again = connect(wsBase, doc.id, new Y.Doc(), ben.cookie);
    await again.synced;
    expect(again.text.toString()).toBe('kept through the trash');

    for (const events of [anaEvents, benEvents]) await events.waitFor(invalidation('docs', doc.id, 'restored'));
    await anaEvents.waitFor(invalidation('trash', doc.id, 'restored'));
  });

  it('purges a document for good, for the owner only', async () => {
    const { url, server, ana, ben, doc } = await sharedDoc();
    const anaEvents = await openSse(url, { cookie: ana.cookie });
    expect((await api(url, `/api/docs/${doc.id}`, { method: 'DELETE', cookie: ana.cookie })).status).toBe(204);
    expect((await api(url, `/api/trash/${doc.id}`, { method: 'DELETE', cookie: ben.cookie })).status).toBe(404);
    expect(await server.storage.getTrashedDoc(doc.id)).toBeDefined();

    expect((await api(url, `/api/trash/${doc.id}`, { method: 'DELETE', cookie: ana.cookie })).status).toBe(204);
    await anaEvents.waitFor(invalidation('trash', doc.id, 'purged'));
    expect(await trashOf(url, ana)).toEqual([]);
    expect(await server.storage.getTrashedDoc(doc.id)).toBeUndefined();
    expect(await server.storage.listVersions(doc.id)).toEqual([]);
    expect(await server.storage.getRole(doc.id, ben.user.id)).toBeUndefined();
    expect((await api(url, `/api/trash/${doc.id}`, { method: 'DELETE', cookie: ana.cookie })).status).toBe(404);
    expect((await api(url, `/api/trash/${doc.id}/restore`, { method: 'POST', cookie: ana.cookie })).status).toBe(404);
  });

  it('refuses malformed ids and unknown documents, and a live document is not in the trash', async () => {
    const { url } = await startServer();
    const ana = await signUp(url);
    const live = await createDoc(url, 'Live', ana.cookie);
    expect(await api(url, '/api/trash/not%20an%20id/restore', { method: 'POST' })).toEqual({
      status: 400,
      body: errorOf('INVALID_DOC_ID'),
    });
    expect(await api(url, '/api/trash/doesNotExist', { method: 'DELETE' })).toEqual({ status: 404, body: errorOf('DOC_NOT_FOUND') });
    expect(await api(url, `/api/trash/${live.id}/restore`, { method: 'POST' })).toEqual({ status: 404, body: errorOf('DOC_NOT_FOUND') });
    expect(await api(url, `/api/trash/${live.id}`, { method: 'DELETE' })).toEqual({ status: 404, body: errorOf('DOC_NOT_FOUND') });
    expect((await api(url, `/api/docs/${live.id}`)).status).toBe(200);
    expect(await api(url, '/api/trash', { cookie: null })).toMatchObject({ status: 401 });
  });

  it('lists the trash most recently deleted first', async () => {
    const { url } = await startServer();
    const ana = await signUp(url);
    const [first, second] = [await createDoc(url, 'First', ana.cookie), await createDoc(url, 'Second', ana.cookie)];
    for (const d of [second, first]) expect((await api(url, `/api/docs/${d.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await trashOf(url, ana)).map((d) => d.title)).toEqual(['First', 'Second']);
  });

  it('purges what stayed in the trash past the retention period on its own', async () => {
    // A retention of one second, checked every 50 ms.
    const { url, server } = await startServer({ tuning: { trashRetentionDays: 1000 / DAY_MS, trashPurgeIntervalMs: 50 } });
    const ana = await signUp(url);
    const events = await openSse(url, { cookie: ana.cookie });
    const [old, fresh] = [await createDoc(url, 'Old', ana.cookie), await createDoc(url, 'Fresh', ana.cookie)];
    expect((await api(url, `/api/docs/${old.id}`, { method: 'DELETE' })).status).toBe(204);
    const [listed] = await trashOf(url, ana);
    expect(Date.parse(listed!.purgeAt) - Date.parse(listed!.deletedAt)).toBe(1000);

    await events.waitFor(invalidation('trash', old.id, 'purged'));
    expect(await server.storage.getTrashedDoc(old.id)).toBeUndefined();
    expect(await trashOf(url, ana)).toEqual([]);
    // Documents outside the trash are never purged.
    expect((await api(url, `/api/docs/${fresh.id}`)).status).toBe(200);
  });
});
