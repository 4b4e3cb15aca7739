// The settings page's API (docs/protocol.md "Account settings"): renaming and changing the
// password, against the real server.
import { afterEach, describe, expect, it } from 'vitest';
import { api, cleanup, connect, createDoc, signUp, startServer } from './support/helpers.ts';
import { openSse } from './support/sse-helpers.ts';

afterEach(cleanup);

const errorOf = (code: string) => ({ error: { code, message: expect.any(String) } });
const NEW_PASSWORD = 'a brand new passphrase';

async function shareWith(url: string, docId: string, ownerCookie: string, email: string) {
  const res = await api(url, `/api/docs/${docId}/members`, { method: 'PUT', body: { email, role: 'editor' }, cookie: ownerCookie });
  expect(res.status).toBe(200);
}

describe('PATCH /api/me', () => {
  it('renames the account: /api/me, member lists and the rooms show the new name, and everyone who shares a document hears of it', async () => {
    const { url, wsBase } = await startServer();
    const ana = await signUp(url, 'Ana');
    const ben = await signUp(url, 'Ben');
    const doc = await createDoc(url, 'Plan', ana.cookie);
    await shareWith(url, doc.id, ana.cookie, ben.email);
    const bensStream = await openSse(url, { cookie: ben.cookie });
    const anasTab = connect(wsBase, doc.id, undefined, ana.cookie);
    const bensTab = connect(wsBase, doc.id, undefined, ben.cookie);
    await Promise.all([anasTab.synced, bensTab.synced]);

    const renamed = await api(url, '/api/me', { method: 'PATCH', body: { name: '  Ana María ' }, cookie: ana.cookie });
    expect(renamed).toMatchObject({ status: 200, body: { user: { ...ana.user, name: 'Ana María' } } });
    expect((await api(url, '/api/me', { cookie: ana.cookie })).body).toEqual({ user: { ...ana.user, name: 'Ana María' } });
    const members = await api<{ members: { user: { name: string } }[] }>(url, `/api/docs/${doc.id}/members`, { cookie: ben.cookie });
    expect(members.body.members.map((m) => m.user.name)).toContain('Ana María');

    const event = await bensStream.waitFor((e) => e.event === 'user');
    expect(JSON.parse(event.data)).toEqual({ user: { id: ana.user.id, name: 'Ana María', color: ana.user.color } });

    // Ana's tab re-publishes its awareness (as the web app does on that event); whatever it
    // claims, the server stamps the account's new name on it.
    anasTab.provider.awareness.setLocalStateField('user', { id: ana.user.id, name: 'Someone else', color: '#000' });
    const anaSeenByBen = () =>
      [...bensTab.provider.awareness.getStates().values()].map((s) => (s as { user?: { name: string } }).user?.name);
    await expect.poll(anaSeenByBen).toContain('Ana María');
    bensStream.close();
  });

  it('refuses a blank, too long or extra-field body with 400 and needs a session', async () => {
    const { url } = await startServer();
    const ana = await signUp(url, 'Ana');
    for (const body of [{ name: '   ' }, { name: 'x'.repeat(41) }, { name: 'Ana', email: 'x@example.test' }, {}]) {
      expect(await api(url, '/api/me', { method: 'PATCH', body, cookie: ana.cookie }), JSON.stringify(body)).toMatchObject({
        status: 400,
        body: errorOf('BAD_REQUEST'),
      });
    }
    expect((await api(url, '/api/me', { method: 'PATCH', body: { name: 'Eve' }, cookie: null })).status).toBe(401);
    expect((await api(url, '/api/me', { cookie: ana.cookie })).body).toMatchObject({ user: { name: 'Ana' } });
  });
});

describe('POST /api/me/password', () => {
  it('changes the password and ends every other session (cookie 401, socket 4401, stream ended) but this one', async () => {
    const { url, wsBase } = await startServer();
    const ana = await signUp(url, 'Ana');
    const doc = await createDoc(url, 'Diary', ana.cookie);
    const login = await api(url, '/api/auth/login', { method: 'POST', body: { email: ana.email, password: ana.password }, cookie: null });
    const other = login.headers.get('set-cookie')!.split(';')[0]!;
    const otherTab = connect(wsBase, doc.id, undefined, other);
    const thisTab = connect(wsBase, doc.id, undefined, ana.cookie);
    await Promise.all([otherTab.synced, thisTab.synced]);
    const otherStream = await openSse(url, { cookie: other });
    const thisStream = await openSse(url, { cookie: ana.cookie });
    const otherClosed = otherTab.nextClose();

    const changed = await api(url, '/api/me/password', {
      method: 'POST',
      body: { currentPassword: ana.password, newPassword: NEW_PASSWORD },
      cookie: ana.cookie,
    });
    expect(changed.status).toBe(204);

    expect(await otherClosed).toBe(4401);
    await otherStream.ended;
    expect(otherStream.isEnded).toBe(true);
    expect((await api(url, '/api/me', { cookie: other })).status).toBe(401);
    expect((await api(url, '/api/me', { cookie: ana.cookie })).status).toBe(200);
    expect(thisTab.provider.wsconnected).toBe(true);
    expect(thisStream.isEnded).toBe(false);

    const signIn = (password: string) =>
      api(url, '/api/auth/login', { method: 'POST', body: { email: ana.email, password }, cookie: null });
    expect((await signIn(ana.password)).status).toBe(401);
    expect((await signIn(NEW_PASSWORD)).status).toBe(200);
    thisStream.close();
  });

  it('answers a wrong current password with 403, a weak new one with 400, and limits guesses with 429', async () => {
    const { url } = await startServer();
    const ana = await signUp(url, 'Ana');
    const change = (currentPassword: string, newPassword: string) =>
      api(url, '/api/me/password', { method: 'POST', body: { currentPassword, newPassword }, cookie: ana.cookie });

    expect(await change('not my password', NEW_PASSWORD)).toMatchObject({ status: 403, body: errorOf('FORBIDDEN') });
    expect(await change(ana.password, 'short')).toMatchObject({ status: 400, body: errorOf('BAD_REQUEST') });
    expect(await change(ana.password, 'p'.repeat(201))).toMatchObject({ status: 400, body: errorOf('BAD_REQUEST') });
    expect(await change('', NEW_PASSWORD)).toMatchObject({ status: 400, body: errorOf('BAD_REQUEST') });
    // Nothing changed: the old password still signs in.
    const signIn = await api(url, '/api/auth/login', { method: 'POST', body: { email: ana.email, password: ana.password }, cookie: null });
    expect(signIn.status).toBe(200);

    // One wrong guess above, nine more reach the limit; the eleventh is refused unchecked.
    for (let i = 0; i < 9; i++) expect((await change(`guess ${i}`, NEW_PASSWORD)).status).toBe(403);
    const limited = await change(ana.password, NEW_PASSWORD);
    expect(limited).toMatchObject({ status: 429, body: errorOf('RATE_LIMITED') });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
