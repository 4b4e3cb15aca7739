// Notifications (API.md §2, §4): "shared with you" and "mentioned you", the list, read state
// following every stream of the user, and the mention detector's defences.
import type { Notification, NotificationList } from '@inkwell/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { api, cleanup, connect, createDoc, type Running, signUp, startServer, type TestUser } from './support/helpers.ts';
import { invalidation, openSse } from './support/sse-helpers.ts';

afterEach(cleanup);

async function share(url: string, owner: TestUser, docId: string, email: string, role: 'editor' | 'viewer') {
  const res = await api(url, `/api/docs/${docId}/members`, { method: 'PUT', body: { email, role }, cookie: owner.cookie });
  expect(res.status).toBe(200);
}

const list = async (url: string, user: TestUser) => (await api<NotificationList>(url, '/api/notifications', { cookie: user.cookie })).body;

function mention(userId: unknown, label = 'Someone'): Y.XmlElement {
  const m = new Y.XmlElement('mention');
  m.setAttribute('id', userId as string);
  m.setAttribute('label', label);
  return m;
}

function paragraph(...children: (Y.XmlElement | Y.XmlText)[]): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, children);
  return p;
}

/** Ana owns "Plan", Ben edits it, Cat views it, Dan has no access. */
async function planWithMembers(running: Running) {
  const { url } = running;
  const [ana, ben, cat, dan] = [await signUp(url, 'Ana'), await signUp(url, 'Ben'), await signUp(url, 'Cat'), await signUp(url, 'Dan')];
  const doc = await createDoc(url, 'Plan', ana.cookie);
  await share(url, ana, doc.id, ben.email, 'editor');
  await share(url, ana, doc.id, cat.email, 'viewer');
  // Drop the "shared" notifications so each test sees only its own.
  for (const u of [ben, cat]) await api(url, '/api/notifications/read-all', { method: 'POST', cookie: u.cookie });
  return { ana, ben, cat, dan, doc };
}

/**
 * Barrier for "nobody else was notified": close() waits for every mention notification in
 * flight; a fresh server on the same data then answers what was stored.
 */
async function afterShutdown(running: Running): Promise<string> {
  await running.server.close();
  return (await startServer({ dataDir: running.dataDir })).url;
}

describe('shared notifications', () => {
  it('pushes "shared with you" with the new unread count, and lists it', async () => {
    const { url } = await startServer();
    const [ana, ben] = [await signUp(url, 'Ana'), await signUp(url, 'Ben')];
    const sse = await openSse(url, { cookie: ben.cookie });
    const doc = await createDoc(url, 'Plan', ana.cookie);
    await share(url, ana, doc.id, ben.email, 'editor');

    await sse.waitFor((e) => e.event === 'unread');
    const [pushed] = sse.dataOf<{ notification: Notification }>('notification');
    expect(pushed!.notification).toEqual({
      id: expect.any(String),
      kind: 'shared',
      actor: { id: ana.user.id, name: 'Ana', color: ana.user.color },
      docId: doc.id,
      docTitle: 'Plan',
      role: 'editor',
      createdAt: expect.any(String),
      readAt: null,
    });
    // The notification comes before the count that includes it.
    const names = sse.events.map((e) => e.event);
    expect(names.indexOf('notification')).toBeLessThan(names.indexOf('unread'));
    expect(sse.dataOf('unread')).toEqual([{ count: 1 }]);
    expect(await list(url, ben)).toEqual({ notifications: [pushed!.notification], unread: 1 });
    expect(await list(url, ana)).toEqual({ notifications: [], unread: 0 });

    // A role change is not a new share.
    await share(url, ana, doc.id, ben.email, 'viewer');
    await sse.waitFor(invalidation('doc', doc.id, 'updated'));
    expect((await list(url, ben)).unread).toBe(1);
  });

  it('needs a session', async () => {
    const { url } = await startServer();
    expect(await api(url, '/api/notifications', { cookie: null })).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHORIZED' } },
    });
    expect((await api(url, '/api/notifications/read-all', { method: 'POST', cookie: null })).status).toBe(401);
    expect((await api(url, '/api/notifications/x/read', { method: 'POST', cookie: null })).status).toBe(401);
  });
});

describe('read state', () => {
  it('marks one read and tells every tab of the user; reading again changes nothing', async () => {
    const { url } = await startServer();
    const [ana, ben] = [await signUp(url, 'Ana'), await signUp(url, 'Ben')];
    for (const title of ['One', 'Two']) await share(url, ana, (await createDoc(url, title, ana.cookie)).id, ben.email, 'viewer');
    const tabs = [await openSse(url, { cookie: ben.cookie }), await openSse(url, { cookie: ben.cookie })];
    const { notifications } = await list(url, ben);
    const target = notifications[1]!;

    expect((await api(url, `/api/notifications/${target.id}/read`, { method: 'POST', cookie: ben.cookie })).status).toBe(204);
    for (const tab of tabs) {
      await tab.waitFor(invalidation('notifications', target.id, 'read'));
      expect(tab.dataOf('unread')).toEqual([{ count: 1 }]);
    }
    const after = await list(url, ben);
    expect(after.unread).toBe(1);
    expect(after.notifications.find((n) => n.id === target.id)!.readAt).toEqual(expect.any(String));
    expect(after.notifications.find((n) => n.id !== target.id)!.readAt).toBeNull();

    // Idempotent, and silent: the next event the tabs get is the one made afterwards.
    expect((await api(url, `/api/notifications/${target.id}/read`, { method: 'POST', cookie: ben.cookie })).status).toBe(204);
    const doc = await createDoc(url, 'Three', ana.cookie);
    await share(url, ana, doc.id, ben.email, 'viewer');
    await tabs[0]!.waitFor(invalidation('docs', doc.id, 'shared'));
    expect(tabs[0]!.events.filter((e) => e.event === 'invalidate' && JSON.parse(e.data).entity === 'notifications')).toHaveLength(1);
  });

  it('refuses someone else’s, unknown and malformed ids with 404, and cross-site requests with 403', async () => {
    const { url } = await startServer();
    const [ana, ben] = [await signUp(url, 'Ana'), await signUp(url, 'Ben')];
    await share(url, ana, (await createDoc(url, 'Plan', ana.cookie)).id, ben.email, 'viewer');
    const [mine] = (await list(url, ben)).notifications;
    const notFound = { status: 404, body: { error: { code: 'NOTIFICATION_NOT_FOUND', message: expect.any(String) } } };
    for (const id of [mine!.id, 'unknown', 'x'.repeat(65), '%00', '..%2F..']) {
      expect(await api(url, `/api/notifications/${id}/read`, { method: 'POST', cookie: ana.cookie })).toMatchObject(notFound);
    }
    const foreign = await api(url, `/api/notifications/${mine!.id}/read`, {
      method: 'POST',
      cookie: ben.cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect((await list(url, ben)).unread).toBe(1);
  });

  it('marks all read with one count and one invalidation; again is a silent 204', async () => {
    const { url } = await startServer();
    const [ana, ben] = [await signUp(url, 'Ana'), await signUp(url, 'Ben')];
    for (const title of ['One', 'Two', 'Three']) await share(url, ana, (await createDoc(url, title, ana.cookie)).id, ben.email, 'viewer');
    const tab = await openSse(url, { cookie: ben.cookie });
    expect((await api(url, '/api/notifications/read-all', { method: 'POST', cookie: ben.cookie })).status).toBe(204);
    await tab.waitFor(invalidation('notifications', '*', 'read'));
    expect(tab.dataOf('unread')).toEqual([{ count: 0 }]);
    const after = await list(url, ben);
    expect(after.unread).toBe(0);
    expect(after.notifications.every((n) => n.readAt !== null)).toBe(true);
    expect((await api(url, '/api/notifications/read-all', { method: 'POST', cookie: ben.cookie })).status).toBe(204);
    expect(tab.events).toHaveLength(2);
  });

  it('lists the newest 50, newest first, and counts every unread one', async () => {
    const { url, server } = await startServer();
    const [ana, ben] = [await signUp(url, 'Ana'), await signUp(url, 'Ben')];
    const doc = await createDoc(url, 'Plan', ana.cookie);
    const actor = { id: ana.user.id, name: 'Ana', color: ana.user.color };
    for (let i = 0; i < 55; i++) {
      await server.notifications.notify({ userId: ben.user.id, kind: 'mentioned', actor, docId: doc.id, docTitle: `Plan ${i}` });
    }
    const { notifications, unread } = await list(url, ben);
    expect(unread).toBe(55);
    expect(notifications.map((n) => n.docTitle)).toEqual(Array.from({ length: 50 }, (_, i) => `Plan ${54 - i}`));
  });
});

describe('mention notifications', () => {
  it('notifies each mentioned member once per mention, also inside pasted content', async () => {
    const running = await startServer();
    const { url, wsBase } = running;
    const { ana, ben, cat, dan, doc } = await planWithMembers(running);
    const benTab = await openSse(url, { cookie: ben.cookie });
    const catTab = await openSse(url, { cookie: cat.cookie });
    const writer = connect(wsBase, doc.id, new Y.Doc(), ana.cookie);
    await writer.synced;
    const content = writer.ydoc.getXmlFragment('default');

    content.insert(0, [paragraph(new Y.XmlText('Hi '), mention(ben.user.id, 'Ben'))]);
    const first = await benTab.waitFor((e) => e.event === 'notification');
    expect(JSON.parse(first.data).notification).toMatchObject({
      kind: 'mentioned',
      actor: { id: ana.user.id, name: 'Ana' },
      docId: doc.id,
      docTitle: 'Plan',
      readAt: null,
    });
    expect(JSON.parse(first.data).notification).not.toHaveProperty('role');

    // Typing around it does not notify again.
    (content.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Well, ')]);
    // A pasted quote holding a mention of Cat (a viewer), one of Dan (no access), one of Ana
    // herself, and two of Ben: one notification for Ben, one for Cat.
    const quote = new Y.XmlElement('blockquote');
    quote.insert(0, [
      paragraph(mention(cat.user.id, 'Cat'), mention(dan.user.id, 'Dan')),
      paragraph(mention(ana.user.id, 'Ana'), mention(ben.user.id, 'Ben'), mention(ben.user.id, 'Ben')),
    ]);
    content.insert(content.length, [quote]);
    await catTab.waitFor((e) => e.event === 'notification');
    await benTab.waitFor((e) => e.event === 'notification' && e.id !== first.id);

    const restarted = await afterShutdown(running);
    const counts = async (u: TestUser) => (await list(restarted, u)).notifications.filter((n) => n.kind === 'mentioned').length;
    expect(await counts(ben)).toBe(2);
    expect(await counts(cat)).toBe(1);
    expect(await counts(dan)).toBe(0);
    expect(await counts(ana)).toBe(0);
  });

  it('does not notify again when the author reconnects or the server restarts', async () => {
    const running = await startServer();
    const { ana, ben, doc } = await planWithMembers(running);
    const writer = connect(running.wsBase, doc.id, new Y.Doc(), ana.cookie);
    await writer.synced;
    const benTab = await openSse(running.url, { cookie: ben.cookie });
    writer.ydoc.getXmlFragment('default').insert(0, [paragraph(mention(ben.user.id, 'Ben'))]);
    await benTab.waitFor((e) => e.event === 'notification');

    const disconnected = writer.nextClose();
    await running.server.close();
    await disconnected;
    const again = await startServer({ dataDir: running.dataDir, port: running.port });
    // The author's client reconnects and syncs everything it has; the server lacks nothing.
    await new Promise<void>((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return;
        writer.provider.off('sync', onSync);
        resolve();
      };
      writer.provider.on('sync', onSync);
    });
    // A new mention after the restart is still noticed (and is the barrier for the check).
    const second = await openSse(again.url, { cookie: ben.cookie });
    writer.ydoc.getXmlFragment('default').insert(1, [paragraph(mention(ben.user.id, 'Ben'))]);
    await second.waitFor((e) => e.event === 'notification');
    const restarted = await afterShutdown(again);
    expect((await list(restarted, ben)).notifications.filter((n) => n.kind === 'mentioned')).toHaveLength(2);
  });

  it('ignores mentions outside the editor’s content, with bad ids, and from viewers', async () => {
    const running = await startServer();
    const { ana, ben, cat, doc } = await planWithMembers(running);
    const writer = connect(running.wsBase, doc.id, new Y.Doc(), ana.cookie);
    const viewer = connect(running.wsBase, doc.id, new Y.Doc(), cat.cookie);
    await Promise.all([writer.synced, viewer.synced]);
    writer.ydoc.getXmlFragment('elsewhere').insert(0, [paragraph(mention(ben.user.id))]);
    writer.ydoc.getXmlFragment('default').insert(0, [paragraph(mention(42), mention(''), mention('x'.repeat(200)))]);
    const removed = paragraph(mention(ben.user.id));
    writer.ydoc.transact(() => {
      writer.ydoc.getXmlFragment('default').insert(0, [removed]);
      writer.ydoc.getXmlFragment('default').delete(0, 1); // added and deleted in one edit
    });
    viewer.ydoc.getXmlFragment('default').insert(0, [paragraph(mention(ben.user.id))]);
    const restarted = await afterShutdown(running);
    expect((await list(restarted, ben)).notifications.filter((n) => n.kind === 'mentioned')).toEqual([]);
  });

  it('caps how many mention notifications one author can cause one person', async () => {
    const running = await startServer({ tuning: { mentionBudget: { burst: 3, perMinute: 0.001 } } });
    const { ana, ben, cat, doc } = await planWithMembers(running);
    const writer = connect(running.wsBase, doc.id, new Y.Doc(), ana.cookie);
    await writer.synced;
    const benTab = await openSse(running.url, { cookie: ben.cookie });
    const content = writer.ydoc.getXmlFragment('default');
    // Each insert is its own transaction, hence its own frame and its own edit on the server.
    for (let i = 0; i < 12; i++) content.insert(content.length, [paragraph(mention(ben.user.id, 'Ben'))]);
    content.insert(content.length, [paragraph(mention(cat.user.id, 'Cat'))]);
    await benTab.waitFor((e) => e.event === 'notification');
    const restarted = await afterShutdown(running);
    expect((await list(restarted, ben)).notifications.filter((n) => n.kind === 'mentioned')).toHaveLength(3);
    // Another recipient has a budget of their own.
    expect((await list(restarted, cat)).notifications.filter((n) => n.kind === 'mentioned')).toHaveLength(1);
  });
});
