// The app channel over real sockets: RPC answers and errors, pushes, typing, versions and the
// activity stream, and that stock clients never see any of it.
import { CloseCode, MAX_APP_MESSAGE_BYTES, PROTOCOL_VERSION } from '@inkwell/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppClient } from './support/app-client.ts';
import { api, cleanup, closeCode, createDoc, signUp, startServer } from './support/helpers.ts';

afterEach(cleanup);

async function setup() {
  const { url, wsBase } = await startServer();
  const owner = await signUp(url, 'Ana');
  const doc = await createDoc(url, 'Plan', owner.cookie);
  const open = (cookie = owner.cookie, opts?: { hello?: boolean }) => AppClient.open(wsBase, doc.id, cookie, opts);
  return { url, wsBase, owner, doc, open };
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (err: { code?: string }) => err.code,
  );

describe('app channel', () => {
  it('pushes the document after welcome, and answers doc.info with it', async () => {
    const { doc, open } = await setup();
    const a = await open();
    expect((await a.next('doc')).payload).toMatchObject({ id: doc.id, title: 'Plan', role: 'owner' });
    expect(await a.call('doc.info', {})).toMatchObject({ id: doc.id, title: 'Plan', role: 'owner' });
  });

  it('answers every error code with the call id and keeps the socket open', async () => {
    const { url, doc, open } = await setup();
    const a = await open();
    expect((await a.answer(a.request('doc.delete', {}))).error?.code).toBe('METHOD_NOT_FOUND');
    expect((await a.answer(a.request('toString', {}))).error?.code).toBe('METHOD_NOT_FOUND');
    expect((await a.answer(a.request('doc.rename', { title: '' }))).error?.code).toBe('BAD_REQUEST');
    expect((await a.answer(a.request('doc.rename', { name: 'x' }))).error).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('title'),
    });
    expect((await a.answer(a.request('version.get', { versionId: 'nope' }))).error?.code).toBe('NOT_FOUND');
    // An envelope without a method is still answered when its id can be read.
    a.send({ type: 'rpc', id: 77 });
    expect((await a.answer(77)).error?.code).toBe('BAD_REQUEST');

    const viewer = await signUp(url, 'Vic');
    expect((await api(url, `/api/docs/${doc.id}/members`, { method: 'PUT', body: { email: viewer.email, role: 'viewer' } })).status).toBe(
      200,
    );
    const v = await open(viewer.cookie);
    expect(await codeOf(v.call('doc.rename', { title: 'Mine' }))).toBe('FORBIDDEN');
    expect(await codeOf(v.call('version.create', {}))).toBe('FORBIDDEN');
    expect(await codeOf(v.call('version.list', {}))).toBe('ok');

    // Non-RPC errors: invalid JSON, unknown type, an oversized message.
    a.send('{not json');
    a.send({ type: 'dance' });
    a.send({ type: 'typing', active: 'yes' });
    a.send({ type: 'typing', active: true, pad: 'x'.repeat(MAX_APP_MESSAGE_BYTES) });
    await vi.waitFor(() => expect(a.of('error')).toHaveLength(4));
    expect(a.of('error').map((e) => e.message)).toEqual([
      'app message is not valid JSON',
      'unknown app message type "dance"',
      'invalid "typing" message',
      `app message larger than ${MAX_APP_MESSAGE_BYTES} bytes`,
    ]);
    expect(a.of('error').every((e) => e.code === 'BAD_REQUEST')).toBe(true);
    // Still open and working.
    expect(await a.call('doc.info', {})).toMatchObject({ title: 'Plan' });
    expect(a.ws.readyState).toBe(a.ws.OPEN);
  });

  it('refuses a protocol it does not speak with UNSUPPORTED_PROTOCOL and 4400', async () => {
    const { open } = await setup();
    const a = await open(undefined, { hello: false });
    const closed = closeCode(a.ws);
    a.send({ type: 'hello', protocol: PROTOCOL_VERSION + 1 });
    expect((await a.next('error')).code).toBe('UNSUPPORTED_PROTOCOL');
    expect(await closed).toBe(CloseCode.PROTOCOL_VIOLATION);
  });

  it('closes a connection that keeps sending garbage with 4400, and nobody else notices', async () => {
    const { open } = await setup();
    const [a, b] = [await open(), await open()];
    const closed = closeCode(a.ws);
    for (let i = 0; i < 30; i++) a.send(`garbage ${i}`);
    expect(await closed).toBe(CloseCode.PROTOCOL_VIOLATION);
    expect(await b.call('doc.info', {})).toMatchObject({ title: 'Plan' });
    expect(b.of('error')).toEqual([]);
  });

  it('answers in request order', async () => {
    const { open } = await setup();
    const a = await open();
    const text = a.ydoc.getText('text');
    const ids: (string | number)[] = [];
    const methods = ['version.create', 'doc.rename', 'version.list', 'doc.info', 'nope', 'version.create'];
    for (const [i, method] of methods.entries()) {
      text.insert(text.length, `${i}`); // pending writes make version.create wait for a commit
      ids.push(a.request(method, method === 'doc.rename' ? { title: 'In order' } : {}));
    }
    await vi.waitFor(() => expect(a.of('rpc')).toHaveLength(ids.length));
    expect(a.of('rpc').map((m) => m.id)).toEqual(ids);
    // Each call saw the ones before it: doc.info after the rename has the new title.
    expect(a.of('rpc')[3]).toMatchObject({ result: { title: 'In order' } });
  });

  it('ignores app messages before hello, and a stock client never receives type 100', async () => {
    const { open } = await setup();
    const stock = await open(undefined, { hello: false });
    stock.request('doc.info', {});
    stock.send({ type: 'typing', active: true });
    const a = await open();
    await a.call('doc.rename', { title: 'Renamed' });
    a.send({ type: 'typing', active: true });
    const v = await a.call('version.create', { label: 'one' });
    await a.call('version.restore', { versionId: v.id });
    await a.call('activity.subscribe', {});
    a.ydoc.getText('text').insert(0, 'hi');
    await a.next('activity', (m) => m.editors.length > 0);
    // The stock client is synced and saw the edit, but no app frame.
    await vi.waitFor(() => expect(stock.text()).toBe('hi'));
    expect(stock.frameTypes).not.toContain(100);
    expect(stock.messages).toEqual([]);
  });
});

describe('rename', () => {
  it('pushes docPatch to every client of the document, for the socket and the HTTP path', async () => {
    const { url, doc, open } = await setup();
    const [a, b] = [await open(), await open()];
    const renamed = await a.call('doc.rename', { title: '  Launch plan ' });
    expect(renamed.title).toBe('Launch plan');
    const patch = await b.next('docPatch', (m) => m.delta.title === 'Launch plan');
    expect(patch).toEqual({ type: 'docPatch', id: doc.id, delta: { title: 'Launch plan', updatedAt: renamed.updatedAt } });
    expect((await api<{ title: string }>(url, `/api/docs/${doc.id}`)).body.title).toBe('Launch plan');

    expect((await api(url, `/api/docs/${doc.id}`, { method: 'PATCH', body: { title: 'Via HTTP' } })).status).toBe(200);
    await a.next('docPatch', (m) => m.delta.title === 'Via HTTP');
    await b.next('docPatch', (m) => m.delta.title === 'Via HTTP');
  });
});

describe('typing', () => {
  it('relays typing to the others with the user and expiry, throttled, and clears it on disconnect', async () => {
    const { url, doc, open, owner } = await setup();
    const ben = await signUp(url, 'Ben');
    await api(url, `/api/docs/${doc.id}/members`, { method: 'PUT', body: { email: ben.email, role: 'editor' } });
    const [a, b] = [await open(), await open(ben.cookie)];
    a.send({ type: 'typing', active: true });
    a.send({ type: 'typing', active: true }); // within a second: dropped
    const notice = await b.next('typing');
    expect(notice).toEqual({
      type: 'typing',
      user: { id: owner.user.id, name: 'Ana', color: owner.user.color },
      active: true,
      expiresInMs: 5000,
    });
    // Never echoed to the sender.
    expect(a.of('typing')).toEqual([]);
    const closed = closeCode(a.ws);
    a.ws.close();
    await closed;
    expect((await b.next('typing', (m) => !m.active)).user.name).toBe('Ana');
    expect(b.of('typing').filter((m) => m.active)).toHaveLength(1);
  });
});

describe('versions', () => {
  it('restores a version as a new edit both clients converge on, and the backup undoes it', async () => {
    const { url, doc, open } = await setup();
    const [a, b] = [await open(), await open()];
    a.ydoc.getText('text').insert(0, 'hello');
    await vi.waitFor(() => expect(b.text()).toBe('hello'));
    const v1 = await a.call('version.create', { label: 'First draft' });
    expect(v1).toMatchObject({ label: 'First draft', kind: 'named', author: { name: 'Ana' } });
    await b.next('invalidate', (m) => m.entity === 'versions' && m.action === 'created');
    b.ydoc.getText('text').insert(5, ' world');
    await vi.waitFor(() => expect(a.text()).toBe('hello world'));

    const { restored, backup } = await b.call('version.restore', { versionId: v1.id });
    expect(restored.id).toBe(v1.id);
    expect(backup).toMatchObject({ kind: 'restore', label: 'Before restoring “First draft”' });
    await vi.waitFor(() => expect([a.text(), b.text()]).toEqual(['hello', 'hello']));
    await a.next('invalidate', (m) => m.action === 'restored');

    await a.call('version.restore', { versionId: backup.id });
    await vi.waitFor(() => expect([a.text(), b.text()]).toEqual(['hello world', 'hello world']));

    const list = await a.call('version.list', {});
    expect(list.versions.map((v) => v.kind)).toEqual(['restore', 'restore', 'named']);
    // The same list over HTTP, and a version made over HTTP.
    expect((await api<{ versions: unknown[] }>(url, `/api/docs/${doc.id}/versions`)).body.versions).toEqual(list.versions);
    const made = await api<{ label: string }>(url, `/api/docs/${doc.id}/versions`, { method: 'POST', body: {} });
    expect(made.status).toBe(201);
    expect(made.body.label).toMatch(/\d{4}/);
    const content = await a.call('version.get', { versionId: v1.id });
    expect(content.version.id).toBe(v1.id);
    expect(Buffer.from(content.update, 'base64').length).toBeGreaterThan(0);
  });

  it('keeps the restored content after a restart', async () => {
    const { wsBase, dataDir, server } = await startServer();
    const { url } = { url: server.url };
    const owner = await signUp(url);
    const doc = await createDoc(url, 'Plan', owner.cookie);
    const a = await AppClient.open(wsBase, doc.id, owner.cookie);
    a.ydoc.getText('text').insert(0, 'one');
    await vi.waitFor(() => expect(a.of('saved').length).toBeGreaterThan(0));
    const v = await a.call('version.create', {});
    a.ydoc.getText('text').insert(3, ' two');
    await a.call('version.restore', { versionId: v.id });
    await vi.waitFor(() => expect(a.text()).toBe('one'));
    await server.close();
    const again = await startServer({ dataDir });
    const b = await AppClient.open(again.wsBase, doc.id, owner.cookie);
    await vi.waitFor(() => expect(b.text()).toBe('one'));
  });
});

describe('activity', () => {
  it('streams who edits, characters, words and connections, at most 4 a second', async () => {
    const { open } = await setup();
    const [a, b] = [await open(), await open()];
    expect(await b.call('activity.subscribe', {})).toEqual({ ok: true });
    const first = await b.next('activity');
    expect(first).toMatchObject({ editors: [], words: 0, connections: 2 });
    const text = a.ydoc.getText('text');
    for (let i = 0; i < 20; i++) text.insert(text.length, 'word ');
    text.delete(0, 5);
    const busy = await b.next('activity', (m) => m.editors[0]?.added === 100 && m.editors[0]?.removed === 5);
    expect(busy.editors[0]!.user.name).toBe('Ana');
    expect(busy.words).toBe(19);
    const times = b.of('activity').map((m) => Date.parse(m.at));
    for (let i = 2; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(240);

    await b.call('activity.unsubscribe', {});
    const count = b.of('activity').length;
    text.insert(0, 'more ');
    await a.call('doc.info', {}); // a round trip later, nothing more came
    await b.call('doc.info', {});
    expect(b.of('activity')).toHaveLength(count);
  });
});
