// Per-document access (API.md §2–3): roles over HTTP, the socket's refusals, read-only
// enforced by the server, presence bound to the account, live revocation.
import { CloseCode, type Doc, type ShareRole } from '@inkwell/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { api, cleanup, connect, createDoc, rawSocket, signUp, startServer, type TestUser, upgradeStatus } from './support/helpers.ts';

afterEach(cleanup);

const errorOf = (code: string) => ({ error: { code, message: expect.any(String) } });

async function share(url: string, owner: TestUser, docId: string, email: string, role: ShareRole) {
  return api(url, `/api/docs/${docId}/members`, { method: 'PUT', body: { email, role }, cookie: owner.cookie });
}

describe('document access over HTTP', () => {
  it('lists only what a user may open, with their role, and shares by e-mail', async () => {
    const { url } = await startServer();
    const [ana, ben] = [await signUp(url, 'Ana'), await signUp(url, 'Ben')];
    const anaDoc = await createDoc(url, 'Ana’s', ana.cookie);
    const benDoc = await createDoc(url, 'Ben’s', ben.cookie);
    const list = async (u: TestUser) => (await api<{ docs: Doc[] }>(url, '/api/docs', { cookie: u.cookie })).body.docs;
    expect((await list(ana)).map((d) => [d.id, d.role])).toEqual([[anaDoc.id, 'owner']]);
    expect(await api(url, `/api/docs/${benDoc.id}`, { cookie: ana.cookie })).toMatchObject({ status: 404, body: errorOf('DOC_NOT_FOUND') });

    const shared = await share(url, ben, benDoc.id, ana.email.toUpperCase(), 'viewer');
    expect(shared).toMatchObject({ status: 200, body: { member: { user: { id: ana.user.id }, role: 'viewer' } } });
    expect((await list(ana)).map((d) => [d.id, d.role])).toEqual([
      [benDoc.id, 'viewer'],
      [anaDoc.id, 'owner'],
    ]);
    const members = await api<{ members: { user: { id: string }; role: string }[] }>(url, `/api/docs/${benDoc.id}/members`, {
      cookie: ana.cookie,
    });
    expect(members.body.members.map((m) => [m.user.id, m.role])).toEqual([
      [ben.user.id, 'owner'],
      [ana.user.id, 'viewer'],
    ]);
  });

  it('lets editors rename, and only the owner delete or manage members', async () => {
    const { url } = await startServer();
    const [owner, editor, viewer] = [await signUp(url), await signUp(url), await signUp(url)];
    const doc = await createDoc(url, 'Plan', owner.cookie);
    await share(url, owner, doc.id, editor.email, 'editor');
    await share(url, owner, doc.id, viewer.email, 'viewer');
    const rename = (u: TestUser, title: string) => api(url, `/api/docs/${doc.id}`, { method: 'PATCH', body: { title }, cookie: u.cookie });

    expect((await rename(editor, 'By editor')).status).toBe(200);
    expect(await rename(viewer, 'By viewer')).toMatchObject({ status: 403, body: errorOf('FORBIDDEN') });
    expect((await share(url, editor, doc.id, viewer.email, 'editor')).status).toBe(403);
    expect((await api(url, `/api/docs/${doc.id}`, { method: 'DELETE', cookie: editor.cookie })).status).toBe(403);
    expect((await api(url, `/api/docs/${doc.id}/members/${viewer.user.id}`, { method: 'DELETE', cookie: editor.cookie })).status).toBe(403);
    expect((await api<Doc>(url, `/api/docs/${doc.id}`, { cookie: viewer.cookie })).body.title).toBe('By editor');
  });

  it('answers bad sharing requests with clear 4xx errors and changes nothing', async () => {
    const { url } = await startServer();
    const owner = await signUp(url);
    const doc = await createDoc(url, 'Plan', owner.cookie);
    const cases: [unknown, number, string][] = [
      [{ email: 'nobody@example.test', role: 'editor' }, 404, 'USER_NOT_FOUND'],
      [{ email: owner.email, role: 'viewer' }, 400, 'BAD_REQUEST'],
      [{ email: 'not-an-email', role: 'viewer' }, 400, 'BAD_REQUEST'],
      [{ email: owner.email, role: 'owner' }, 400, 'BAD_REQUEST'],
      [{ email: 'x'.repeat(300), role: 'viewer' }, 400, 'BAD_REQUEST'],
    ];
    for (const [body, status, code] of cases) {
      expect(await api(url, `/api/docs/${doc.id}/members`, { method: 'PUT', body, cookie: owner.cookie })).toMatchObject({
        status,
        body: errorOf(code),
      });
    }
    expect(await api(url, `/api/docs/${doc.id}/members/${owner.user.id}`, { method: 'DELETE', cookie: owner.cookie })).toMatchObject({
      status: 400,
      body: errorOf('BAD_REQUEST'),
    });
    const members = await api<{ members: unknown[] }>(url, `/api/docs/${doc.id}/members`, { cookie: owner.cookie });
    expect(members.body.members).toHaveLength(1);
  });

  it('needs a session for every document route', async () => {
    const { url } = await startServer();
    const doc = await createDoc(url);
    for (const [method, path] of [
      ['GET', '/api/docs'],
      ['POST', '/api/docs'],
      ['GET', `/api/docs/${doc.id}`],
      ['PATCH', `/api/docs/${doc.id}`],
      ['DELETE', `/api/docs/${doc.id}`],
      ['GET', `/api/docs/${doc.id}/members`],
    ] as const) {
      expect(await api(url, path, { method, cookie: null, body: method === 'PATCH' ? { title: 'x' } : undefined })).toMatchObject({
        status: 401,
        body: errorOf('UNAUTHORIZED'),
      });
    }
  });
});

describe('document socket access', () => {
  it('refuses at the upgrade: 400 bad id, 401 no session, 403 foreign origin, 404 unknown, 403 no access', async () => {
    const { url, wsBase } = await startServer();
    const owner = await signUp(url);
    const stranger = await signUp(url);
    const doc = await createDoc(url, 'Private', owner.cookie);
    expect((await upgradeStatus(`${wsBase}/bad%20id`, { cookie: owner.cookie })).status).toBe(400);
    expect(await upgradeStatus(`${wsBase}/${doc.id}`, { cookie: null })).toMatchObject({ status: 401 });
    expect((await upgradeStatus(`${wsBase}/${doc.id}`, { cookie: owner.cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await upgradeStatus(`${wsBase}/${doc.id}`, { cookie: owner.cookie, origin: url })).status).toBe(101);
    expect((await upgradeStatus(`${wsBase}/NoSuchDoc`, { cookie: owner.cookie })).status).toBe(404);
    const refused = await upgradeStatus(`${wsBase}/${doc.id}`, { cookie: stranger.cookie });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error.code).toBe('FORBIDDEN');
  });

  it.each(['viewer', 'commenter'] as const)('never applies, stores or relays a %s’s edits, even after a restart', async (role) => {
    const first = await startServer();
    const [owner, viewer] = [await signUp(first.url), await signUp(first.url)];
    const doc = await createDoc(first.url, 'Read me', owner.cookie);
    await share(first.url, owner, doc.id, viewer.email, role);
    const o = connect(first.wsBase, doc.id, new Y.Doc(), owner.cookie);
    const v = connect(first.wsBase, doc.id, new Y.Doc(), viewer.cookie);
    await Promise.all([o.synced, v.synced]);

    v.text.insert(0, 'VIEWER WAS HERE ');
    o.text.insert(0, 'owner text');
    // The viewer still receives everyone else's edits; the owner never sees the viewer's.
    await vi.waitFor(() => expect(v.text.toString()).toContain('owner text'));
    const probe = connect(first.wsBase, doc.id, new Y.Doc(), owner.cookie);
    await probe.synced;
    expect(probe.text.toString()).toBe('owner text');
    expect(o.text.toString()).toBe('owner text');
    for (const c of [o, v, probe]) c.destroy();
    await first.server.close();

    const second = await startServer({ dataDir: first.dataDir });
    const after = connect(second.wsBase, doc.id, new Y.Doc(), owner.cookie);
    await after.synced;
    expect(after.text.toString()).toBe('owner text');
  });

  it('writes the account over the awareness user field and drops states for others’ client ids', async () => {
    const { url, wsBase } = await startServer();
    const [ana, mallory] = [await signUp(url, 'Ana'), await signUp(url, 'Mallory')];
    const doc = await createDoc(url, 'Shared', ana.cookie);
    await share(url, ana, doc.id, mallory.email, 'editor');
    const a = connect(wsBase, doc.id, new Y.Doc(), ana.cookie);
    const m = connect(wsBase, doc.id, new Y.Doc(), mallory.cookie);
    await Promise.all([a.synced, m.synced]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ana', color: '#000000' });
    m.provider.awareness.setLocalStateField('user', { id: ana.user.id, name: 'Ana', color: '#d9480f' });
    await vi.waitFor(() =>
      expect(a.provider.awareness.getStates().get(m.ydoc.clientID)?.user).toEqual(
        mallory.user && {
          id: mallory.user.id,
          name: 'Mallory',
          color: mallory.user.color,
        },
      ),
    );

    // Mallory tries to speak for Ana's client id.
    const forged = new awarenessProtocol.Awareness(new Y.Doc());
    forged.clientID = a.ydoc.clientID;
    forged.setLocalState({ user: { name: 'Ana' }, cursor: 'forged' });
    const update = awarenessProtocol.encodeAwarenessUpdate(forged, [a.ydoc.clientID], new Map([[a.ydoc.clientID, { cursor: 'forged' }]]));
    const ws = await rawSocket(wsBase, doc.id, mallory.cookie);
    ws.send(new Uint8Array([1, ...encodeVarUint8Array(update)]));
    const probe = connect(wsBase, doc.id, new Y.Doc(), ana.cookie);
    await probe.synced;
    await vi.waitFor(() => expect(probe.provider.awareness.getStates().get(a.ydoc.clientID)?.user?.id).toBe(ana.user.id));
    expect(probe.provider.awareness.getStates().get(a.ydoc.clientID)?.cursor).toBeUndefined();
    forged.destroy();
  });

  it('closes a removed member’s sockets with 4403 within a second, and a logged-out session’s with 4401', async () => {
    const { url, wsBase } = await startServer();
    const [owner, member] = [await signUp(url), await signUp(url)];
    const doc = await createDoc(url, 'Team', owner.cookie);
    await share(url, owner, doc.id, member.email, 'editor');
    const c = connect(wsBase, doc.id, new Y.Doc(), member.cookie);
    await c.synced;
    const closed = c.nextClose();
    const started = Date.now();
    expect((await api(url, `/api/docs/${doc.id}/members/${member.user.id}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204);
    expect(await closed).toBe(CloseCode.ACCESS_REVOKED);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await upgradeStatus(`${wsBase}/${doc.id}`, { cookie: member.cookie })).status).toBe(403);

    const o = connect(wsBase, doc.id, new Y.Doc(), owner.cookie);
    await o.synced;
    const loggedOut = o.nextClose();
    expect((await api(url, '/api/auth/logout', { method: 'POST', cookie: owner.cookie })).status).toBe(204);
    expect(await loggedOut).toBe(CloseCode.SESSION_ENDED);
  });

  it('applies editor → viewer to an open socket without a reconnect', async () => {
    const { url, wsBase } = await startServer();
    const [owner, member] = [await signUp(url), await signUp(url)];
    const doc = await createDoc(url, 'Team', owner.cookie);
    await share(url, owner, doc.id, member.email, 'editor');
    const o = connect(wsBase, doc.id, new Y.Doc(), owner.cookie);
    const m = connect(wsBase, doc.id, new Y.Doc(), member.cookie);
    await Promise.all([o.synced, m.synced]);
    m.text.insert(0, 'as editor. ');
    await vi.waitFor(() => expect(o.text.toString()).toBe('as editor. '));

    expect((await share(url, owner, doc.id, member.email, 'viewer')).status).toBe(200);
    m.text.insert(m.text.length, 'as viewer. ');
    o.text.insert(o.text.length, 'owner. ');
    await vi.waitFor(() => expect(m.text.toString()).toContain('owner. '));
    expect(o.text.toString()).toBe('as editor. owner. ');
    expect(m.provider.wsconnected).toBe(true);
  });
});

function encodeVarUint8Array(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let n = bytes.length;
  while (n > 127) {
    out.push((n & 127) | 128);
    n >>>= 7;
  }
  out.push(n);
  return [...out, ...bytes];
}
