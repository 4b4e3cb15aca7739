// Comments (API.md §7) over real sockets and HTTP: every route and RPC method, each role's
// rights, the `thread` push to every connection, mention and reply notifications over SSE,
// bad input refused with nothing written, and anchors that follow the text.
import type { Comment, Notification, ShareRole, Thread, ThreadList } from '@inkwell/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { AppClient } from './support/app-client.ts';
import { api, cleanup, createDoc, signUp, startServer, type TestUser } from './support/helpers.ts';
import { openSse } from './support/sse-helpers.ts';

afterEach(cleanup);

const errorOf = (code: string) => ({ error: { code, message: expect.any(String) } });
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (err: { code?: string }) => err.code,
  );
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Writes one paragraph into the Tiptap fragment of `ydoc` and returns its text node. */
function writeParagraph(ydoc: Y.Doc, text: string): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph');
  const node = new Y.XmlText();
  node.insert(0, text);
  paragraph.insert(0, [node]);
  ydoc.getXmlFragment('default').insert(0, [paragraph]);
  return node;
}

/** An anchor over `quote` in `node` as a client makes it: the end sticks to the text before it. */
function anchorOver(node: Y.XmlText, quote: string) {
  const from = node.toString().indexOf(quote);
  expect(from).toBeGreaterThanOrEqual(0);
  return {
    start: b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(node, from))),
    end: b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(node, from + quote.length, -1))),
    quote,
  };
}

/** The text an anchor covers in `ydoc` now ('' once it is all gone). */
function anchoredText(ydoc: Y.Doc, anchor: Thread['anchor']): string {
  const resolve = (encoded: string) =>
    Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(new Uint8Array(Buffer.from(encoded, 'base64'))), ydoc);
  const [start, end] = [resolve(anchor.start), resolve(anchor.end)];
  if (!start || !end || start.type !== end.type || end.index <= start.index) return '';
  return (start.type as Y.XmlText).toString().slice(start.index, end.index);
}

/** Ana owns "Plan" holding one sentence; Ben comments, Cat views, Eve edits, Dan is a stranger. */
async function setup() {
  const running = await startServer();
  const { url, wsBase } = running;
  const [ana, ben, cat, dan, eve] = await Promise.all(['Ana', 'Ben', 'Cat', 'Dan', 'Eve'].map((n) => signUp(url, n)));
  const doc = await createDoc(url, 'Plan', ana!.cookie);
  const share = async (user: TestUser, role: ShareRole) =>
    expect(
      (await api(url, `/api/docs/${doc.id}/members`, { method: 'PUT', body: { email: user.email, role }, cookie: ana!.cookie })).status,
    ).toBe(200);
  await share(ben!, 'commenter');
  await share(cat!, 'viewer');
  await share(eve!, 'editor');
  const open = (user: TestUser) => AppClient.open(wsBase, doc.id, user.cookie);
  const a = await open(ana!);
  const node = writeParagraph(a.ydoc, 'The plan is ready for review.');
  // The sentence is stored before anyone comments on it.
  await a.next('saved');
  const http = <T>(user: TestUser, path: string, method = 'GET', body?: unknown) =>
    api<T>(url, `/api/docs/${doc.id}/comments${path}`, { method, body, cookie: user.cookie });
  return { ...running, ana: ana!, ben: ben!, cat: cat!, dan: dan!, eve: eve!, doc, open, a, node, http };
}

describe('comment threads', () => {
  it('serves every route and RPC method, and pushes each change to every connection', async () => {
    const { ana, ben, cat, a, node, http, open } = await setup();
    const c = await open(cat);
    const anchor = anchorOver(node, 'ready');

    // Ben (commenter) opens a thread over HTTP; both sockets get it.
    const created = await http<Thread>(ben, '', 'POST', { anchor, body: 'Is it, though?\nReally?' });
    expect(created.status).toBe(201);
    const thread = created.body;
    expect(thread).toEqual({
      id: expect.any(String),
      anchor,
      resolved: false,
      resolvedBy: null,
      resolvedAt: null,
      createdAt: expect.any(String),
      comments: [
        {
          id: expect.any(String),
          author: { id: ben.user.id, name: 'Ben', color: ben.user.color },
          body: 'Is it, though?\nReally?',
          mentions: [],
          createdAt: expect.any(String),
          editedAt: null,
        },
      ],
    });
    for (const client of [a, c]) expect((await client.next('thread', (m) => m.thread.id === thread.id)).thread).toEqual(thread);
    expect((await http<ThreadList>(cat, '')).body).toEqual({ threads: [thread] });
    expect(await a.call('comment.list', {})).toEqual({ threads: [thread] });

    // Ana replies over RPC.
    const reply = await a.call('comment.reply', { threadId: thread.id, body: 'Yes. <b>Really</b>.' });
    expect(reply).toMatchObject({ author: { id: ana.user.id }, body: 'Yes. <b>Really</b>.', editedAt: null });
    await vi.waitFor(() => expect(c.of('thread').at(-1)?.thread).toMatchObject({ comments: [{ id: thread.comments[0]!.id }, reply] }));

    // Ben resolves over HTTP, Ana reopens over RPC.
    const resolved = await http<Thread>(ben, `/${thread.id}`, 'PATCH', { resolved: true });
    expect(resolved).toMatchObject({ status: 200, body: { resolved: true, resolvedBy: { id: ben.user.id, name: 'Ben' } } });
    expect(Date.parse(resolved.body.resolvedAt!)).not.toBeNaN();
    await vi.waitFor(() => expect(c.of('thread').at(-1)?.thread).toMatchObject({ resolved: true }));
    expect(await a.call('comment.resolve', { threadId: thread.id, resolved: false })).toMatchObject({ resolved: false, resolvedBy: null });

    // Ben edits his comment over HTTP, Ana hers over RPC.
    const firstId = thread.comments[0]!.id;
    const edited = await http<Comment>(ben, `/${thread.id}/replies/${firstId}`, 'PATCH', { body: 'Is it?' });
    expect(edited).toMatchObject({ status: 200, body: { id: firstId, body: 'Is it?', editedAt: expect.any(String) } });
    expect(await a.call('comment.edit', { threadId: thread.id, commentId: reply.id, body: 'Yes.' })).toMatchObject({ body: 'Yes.' });

    // Deleting a reply keeps the thread; deleting the first comment deletes it.
    expect((await http(ana, `/${thread.id}/replies/${reply.id}`, 'DELETE')).status).toBe(204);
    await vi.waitFor(() => expect(c.of('thread').at(-1)?.thread).toMatchObject({ comments: [{ id: firstId, body: 'Is it?' }] }));
    expect(await a.call('comment.delete', { threadId: thread.id, commentId: firstId })).toEqual({ ok: true });
    await vi.waitFor(() => expect(c.of('thread').at(-1)?.thread).toEqual({ id: thread.id, deleted: true }));
    expect((await http<ThreadList>(ana, '')).body).toEqual({ threads: [] });
  });

  it('gives each role its rights, on both edges', async () => {
    const { ana, ben, cat, dan, eve, node, http, open, a } = await setup();
    const anchor = anchorOver(node, 'plan');
    const byBen = (await http<Thread>(ben, '', 'POST', { anchor, body: 'Ben here' })).body;
    const byEve = (await http<Thread>(eve, '', 'POST', { anchor, body: 'Eve here' })).body;
    const benComment = byBen.comments[0]!.id;

    // A viewer reads but cannot write, resolve, edit or delete.
    expect((await http(cat, '')).status).toBe(200);
    expect(await http(cat, '', 'POST', { anchor, body: 'Cat here' })).toMatchObject({ status: 403, body: errorOf('FORBIDDEN') });
    expect((await http(cat, `/${byBen.id}/replies`, 'POST', { body: 'Me too' })).status).toBe(403);
    expect((await http(cat, `/${byBen.id}`, 'PATCH', { resolved: true })).status).toBe(403);
    const c = await open(cat);
    expect(await codeOf(c.call('comment.create', { anchor, body: 'Cat here' }))).toBe('FORBIDDEN');
    expect(await codeOf(c.call('comment.list', {}))).toBe('ok');

    // Only the author edits; the author or the owner deletes.
    expect(await http(eve, `/${byBen.id}/replies/${benComment}`, 'PATCH', { body: 'Eve was here' })).toMatchObject({
      status: 403,
      body: errorOf('FORBIDDEN'),
    });
    expect(await codeOf(a.call('comment.edit', { threadId: byBen.id, commentId: benComment, body: 'Ana was here' }))).toBe('FORBIDDEN');
    expect((await http(ben, `/${byEve.id}/replies/${byEve.comments[0]!.id}`, 'DELETE')).status).toBe(403);
    expect((await http(eve, `/${byBen.id}/replies/${benComment}`, 'DELETE')).status).toBe(403);
    expect((await http(ana, `/${byEve.id}/replies/${byEve.comments[0]!.id}`, 'DELETE')).status).toBe(204);

    // A stranger learns nothing; no session is 401.
    expect(await http(dan, '')).toMatchObject({ status: 404, body: errorOf('DOC_NOT_FOUND') });
    expect((await http(dan, '', 'POST', { anchor, body: 'Dan here' })).status).toBe(404);
    expect((await http({ ...dan, cookie: '' }, '')).status).toBe(401);

    // Nothing the refusals touched changed.
    expect((await http<ThreadList>(ana, '')).body.threads).toEqual([byBen]);
  });

  it('refuses bad input with a clear 4xx and writes nothing', async () => {
    const { ana, ben, node, http, doc, url } = await setup();
    const anchor = anchorOver(node, 'review');
    const thread = (await http<Thread>(ben, '', 'POST', { anchor, body: 'x'.repeat(10_000) })).body;
    const commentId = thread.comments[0]!.id;
    const other = await createDoc(url, 'Other', ana.cookie);

    const cases: [string, string, unknown, number, string][] = [
      ['POST', '', { anchor, body: '' }, 400, 'BAD_REQUEST'],
      ['POST', '', { anchor, body: ' \n\t ' }, 400, 'BAD_REQUEST'],
      ['POST', '', { anchor, body: 'x'.repeat(10_001) }, 400, 'BAD_REQUEST'],
      ['POST', '', { anchor: { ...anchor, start: 'not base64!' }, body: 'Hi' }, 400, 'BAD_REQUEST'],
      // Three zero bytes: a position with its last field missing.
      ['POST', '', { anchor: { ...anchor, start: 'AAAA' }, body: 'Hi' }, 400, 'BAD_REQUEST'],
      // A kind Yjs does not know, and a position with trailing bytes.
      ['POST', '', { anchor: { ...anchor, end: b64(new Uint8Array([7, 1, 2, 0])) }, body: 'Hi' }, 400, 'BAD_REQUEST'],
      [
        'POST',
        '',
        { anchor: { ...anchor, end: b64(new Uint8Array([...Buffer.from(anchor.end, 'base64'), 9])) }, body: 'Hi' },
        400,
        'BAD_REQUEST',
      ],
      // A root type other than the document's text.
      [
        'POST',
        '',
        {
          anchor: {
            ...anchor,
            start: b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(new Y.Doc().getText('other'), 0))),
          },
          body: 'Hi',
        },
        400,
        'BAD_REQUEST',
      ],
      ['POST', '', { anchor: { ...anchor, quote: '' }, body: 'Hi' }, 400, 'BAD_REQUEST'],
      ['POST', '', { anchor, body: 'Hi', mentions: ['nobody'] }, 400, 'BAD_REQUEST'],
      ['POST', '', { anchor, body: 'Hi', html: '<b>' }, 400, 'BAD_REQUEST'],
      ['POST', '/nope/replies', { body: 'Hi' }, 404, 'THREAD_NOT_FOUND'],
      ['PATCH', '/nope', { resolved: true }, 404, 'THREAD_NOT_FOUND'],
      ['PATCH', `/${thread.id}`, { resolved: 'yes' }, 400, 'BAD_REQUEST'],
      ['PATCH', `/${thread.id}/replies/nope`, { body: 'Hi' }, 404, 'COMMENT_NOT_FOUND'],
      ['DELETE', `/${thread.id}/replies/nope`, undefined, 404, 'COMMENT_NOT_FOUND'],
      ['PATCH', `/${thread.id}/replies/${commentId}`, { body: '' }, 400, 'BAD_REQUEST'],
      ['POST', `/${thread.id}/replies`, { body: 'Hi', mentions: [ana.user.id, 'stranger'] }, 400, 'BAD_REQUEST'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const res = await http(ben, path, method, body);
      expect(res, `${method} ${path} ${String(JSON.stringify(body)).slice(0, 80)}`).toMatchObject({ status, body: errorOf(code) });
    }
    // A thread is reachable only under its own document.
    const foreign = await api(url, `/api/docs/${other.id}/comments/${thread.id}/replies`, {
      method: 'POST',
      body: { body: 'Hi' },
      cookie: ana.cookie,
    });
    expect(foreign).toMatchObject({ status: 404, body: errorOf('THREAD_NOT_FOUND') });
    // Not JSON.
    const raw = await fetch(`${url}/api/docs/${doc.id}/comments`, {
      method: 'POST',
      headers: { cookie: ben.cookie, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(raw.status).toBe(415);

    expect((await http<ThreadList>(ana, '')).body).toEqual({ threads: [thread] });
  });

  it('keeps threads out of versions and restores, and removes them with their document', async () => {
    const { ana, ben, node, http, a, doc, url } = await setup();
    const thread = (await http<Thread>(ben, '', 'POST', { anchor: anchorOver(node, 'plan'), body: 'Hmm' })).body;
    const version = await a.call('version.create', { label: 'Before' });
    node.insert(0, 'Draft: ');
    await a.call('version.restore', { versionId: version.id });
    expect((await http<ThreadList>(ana, '')).body.threads).toEqual([thread]);

    expect((await api(url, `/api/docs/${doc.id}`, { method: 'DELETE', cookie: ana.cookie })).status).toBe(204);
    expect(await http(ana, '')).toMatchObject({ status: 404, body: errorOf('DOC_NOT_FOUND') });
  });

  it('anchors follow the text through concurrent edits', async () => {
    const { ana, eve, node, http, open, a } = await setup();
    const e = await open(eve);
    await vi.waitFor(() => expect(e.ydoc.getXmlFragment('default').toString()).toContain('ready for review'));
    const thread = (await http<Thread>(ana, '', 'POST', { anchor: anchorOver(node, 'ready for review'), body: 'Check' })).body;

    // Eve inserts before the range and deletes its middle; Ana types at its edges.
    const eveNode = (e.ydoc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    eveNode.insert(0, 'Now ');
    const at = eveNode.toString().indexOf(' for');
    eveNode.delete(at, ' for'.length);
    node.insert(node.toString().indexOf('.'), '!');
    await vi.waitFor(() => expect(e.ydoc.getXmlFragment('default').toString()).toBe(a.ydoc.getXmlFragment('default').toString()));

    // A fresh client reads the stored anchor against the stored text.
    const reader = await open(ana);
    await vi.waitFor(() => expect(reader.ydoc.getXmlFragment('default').toString()).toContain('Now The plan'));
    const [stored] = (await http<ThreadList>(ana, '')).body.threads;
    expect(stored!.anchor).toEqual(thread.anchor);
    expect(anchoredText(reader.ydoc, stored!.anchor)).toBe('ready review');

    // All of it deleted: the anchor covers nothing (the client shows "original text deleted").
    const from = node.toString().indexOf('ready');
    node.delete(from, 'ready review'.length);
    await vi.waitFor(() => expect(reader.ydoc.getXmlFragment('default').toString()).not.toContain('ready'));
    expect(anchoredText(reader.ydoc, stored!.anchor)).toBe('');
  });
});

describe('comment notifications', () => {
  const inbox = async (url: string, user: TestUser) =>
    (await api<{ notifications: Notification[] }>(url, '/api/notifications', { cookie: user.cookie })).body.notifications;

  it('tells mentioned people and the thread’s other writers over SSE, once each, never the writer', async () => {
    const { url, ana, ben, cat, eve, dan, node, http, doc } = await setup();
    // Start from empty inboxes: sharing notified Ben, Cat and Eve.
    for (const u of [ben, cat, eve]) await api(url, '/api/notifications/read-all', { method: 'POST', cookie: u.cookie });
    const anaSse = await openSse(url, { cookie: ana.cookie });

    // Ben mentions Ana and Cat (a viewer can open the document, so she can be mentioned).
    const long = `@Ana @Cat please look. ${'x'.repeat(300)}`;
    const thread = (
      await http<Thread>(ben, '', 'POST', {
        anchor: anchorOver(node, 'plan'),
        body: long,
        mentions: [ana.user.id, cat.user.id, ana.user.id],
      })
    ).body;
    expect(thread.comments[0]!.mentions).toEqual([ana.user.id, cat.user.id]);
    const pushed = await anaSse.waitFor((e) => e.event === 'notification');
    expect((JSON.parse(pushed.data) as { notification: Notification }).notification).toEqual({
      id: expect.any(String),
      kind: 'comment_mention',
      actor: { id: ben.user.id, name: 'Ben', color: ben.user.color },
      docId: doc.id,
      docTitle: 'Plan',
      threadId: thread.id,
      excerpt: expect.stringMatching(/^@Ana @Cat please look\. x+…$/),
      createdAt: expect.any(String),
      readAt: null,
    });
    expect((JSON.parse(pushed.data) as { notification: Notification }).notification.excerpt).toHaveLength(140);
    await anaSse.waitFor((e) => e.event === 'unread' && JSON.parse(e.data).count === 1);

    // Ana replies: Ben, who wrote in the thread, hears of it; Cat, only mentioned, does not.
    await http(ana, `/${thread.id}/replies`, 'POST', { body: 'On it' });
    // Eve replies mentioning Ben: one mention for Ben (not a reply too), a reply for Ana.
    await http(eve, `/${thread.id}/replies`, 'POST', { body: '@Ben done', mentions: [ben.user.id] });
    // Edits tell only people newly mentioned: Eve adds Cat, and Ben is not told again.
    const eveComment = (await http<ThreadList>(ana, '')).body.threads[0]!.comments[2]!;
    await http(eve, `/${thread.id}/replies/${eveComment.id}`, 'PATCH', { body: '@Ben @Cat done', mentions: [ben.user.id, cat.user.id] });

    // The service stores notifications before it answers, so the inboxes are complete now.
    const kinds = async (u: TestUser) => (await inbox(url, u)).map((n) => `${n.kind} by ${n.actor.name}`).sort();
    expect(await kinds(ana)).toEqual(['comment_mention by Ben', 'comment_reply by Eve']);
    expect((await kinds(ben)).filter((k) => k.startsWith('comment'))).toEqual(['comment_mention by Eve', 'comment_reply by Ana']);
    expect((await kinds(cat)).filter((k) => k.startsWith('comment'))).toEqual(['comment_mention by Ben', 'comment_mention by Eve']);
    expect((await kinds(eve)).filter((k) => k.startsWith('comment'))).toEqual([]);
    expect(await inbox(url, dan)).toEqual([]);
  });

  it('does not tell someone who lost access since they wrote', async () => {
    const { url, ana, ben, node, http, doc } = await setup();
    const thread = (await http<Thread>(ben, '', 'POST', { anchor: anchorOver(node, 'plan'), body: 'Hmm' })).body;
    expect((await api(url, `/api/docs/${doc.id}/members/${ben.user.id}`, { method: 'DELETE', cookie: ana.cookie })).status).toBe(204);
    await http(ana, `/${thread.id}/replies`, 'POST', { body: 'Never mind' });
    expect((await inbox(url, ben)).filter((n) => n.kind.startsWith('comment'))).toEqual([]);
  });
});
