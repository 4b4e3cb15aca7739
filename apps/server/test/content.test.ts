// Export, import and the content API (API.md §6) against the real server.
import { randomBytes } from 'node:crypto';
import { type Doc, type DocContent, IMPORT_MAX_BYTES, Routes } from '@inkwell/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { TEXT_FRAGMENT } from '../src/documents/doc-text.ts';
import { api, cleanup, connect, createDoc, signUp, startServer } from './support/helpers.ts';

afterEach(cleanup);

const markdownImport = (base: string, markdown: string | Uint8Array, query = '', headers: Record<string, string> = {}, cookie?: string) =>
  fetch(`${base}${Routes.importDoc}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/markdown', ...(cookie ? { cookie } : {}), ...headers },
    body: markdown,
  });

const writeContent = (base: string, docId: string, markdown: string, mode: 'append' | 'replace', cookie?: string) =>
  api<DocContent>(base, Routes.content(docId), { method: 'POST', body: { markdown, mode }, ...(cookie ? { cookie } : {}) });

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('POST /api/docs/:id/content', () => {
  it('appends through the room: a connected client sees it at once, and a restart keeps it', async () => {
    const first = await startServer();
    const owner = await signUp(first.url);
    const doc = await createDoc(first.url, 'Notes', owner.cookie);
    const client = connect(first.wsBase, doc.id, undefined, owner.cookie);
    await client.synced;
    const fragment = client.ydoc.getXmlFragment(TEXT_FRAGMENT);

    const res = await writeContent(first.url, doc.id, '# Plan\n\n- [ ] ship it\n', 'append', owner.cookie);
    expect(res.status).toBe(200);
    expect(res.body.markdown).toBe('# Plan\n\n- [ ] ship it\n');
    expect(res.body.text).toBe('Plan\nship it');
    expect(res.body.json.type).toBe('doc');
    await until(() => fragment.toString().includes('ship it'));

    const again = await writeContent(first.url, doc.id, 'More **text**.', 'append', owner.cookie);
    expect(again.body.markdown).toBe('# Plan\n\n- [ ] ship it\n\nMore **text**.\n');
    await until(() => fragment.toString().includes('More'));

    client.destroy();
    await first.server.close();
    const second = await startServer({ dataDir: first.dataDir });
    const read = await api<DocContent>(second.url, Routes.content(doc.id), { cookie: owner.cookie });
    expect(read.body.markdown).toBe('# Plan\n\n- [ ] ship it\n\nMore **text**.\n');
  });

  it('replace keeps the blocks that did not change (same Yjs items) and live clients converge', async () => {
    const { url, wsBase } = await startServer();
    const owner = await signUp(url);
    const doc = await createDoc(url, 'Doc', owner.cookie);
    await writeContent(url, doc.id, '# Title\n\nKeep me.\n\nChange me.\n', 'append', owner.cookie);
    const client = connect(wsBase, doc.id, undefined, owner.cookie);
    await client.synced;
    const fragment = client.ydoc.getXmlFragment(TEXT_FRAGMENT);
    const [heading, kept] = fragment.toArray();

    const res = await writeContent(url, doc.id, '# Title\n\nKeep me.\n\nChanged.\n', 'replace', owner.cookie);
    expect(res.status).toBe(200);
    expect(res.body.markdown).toBe('# Title\n\nKeep me.\n\nChanged.\n');
    await until(() => fragment.toString().includes('Changed.'));
    expect(fragment.length).toBe(3);
    expect(fragment.get(0)).toBe(heading);
    expect(fragment.get(1)).toBe(kept);
  });

  it('viewers get 403; strangers 404; bad bodies 400', async () => {
    const { url } = await startServer();
    const owner = await signUp(url);
    const viewer = await signUp(url);
    const stranger = await signUp(url);
    const doc = await createDoc(url, 'Doc', owner.cookie);
    const share = await api(url, Routes.members(doc.id), {
      method: 'PUT',
      body: { email: viewer.email, role: 'viewer' },
      cookie: owner.cookie,
    });
    expect(share.status).toBe(200);

    expect((await writeContent(url, doc.id, 'x', 'append', viewer.cookie)).status).toBe(403);
    expect((await api(url, Routes.content(doc.id), { cookie: viewer.cookie })).status).toBe(200);
    expect((await writeContent(url, doc.id, 'x', 'append', stranger.cookie)).status).toBe(404);
    expect((await api(url, Routes.content(doc.id), { cookie: stranger.cookie })).status).toBe(404);
    const badMode = await api(url, Routes.content(doc.id), {
      method: 'POST',
      body: { markdown: 'x', mode: 'prepend' },
      cookie: owner.cookie,
    });
    expect(badMode.status).toBe(400);
    const notJson = await api(url, Routes.content(doc.id), {
      method: 'POST',
      rawBody: 'x',
      headers: { 'content-type': 'text/markdown' },
      cookie: owner.cookie,
    });
    expect(notJson.status).toBe(415);
  });

  it('accepts Markdown up to the import limit, more than the usual JSON limit, and 413 past it', async () => {
    const { url } = await startServer();
    const owner = await signUp(url);
    const doc = await createDoc(url, 'Doc', owner.cookie);
    const big = `${'word '.repeat(Math.floor((2 * 1024 * 1024) / 5))}\n`;
    expect((await writeContent(url, doc.id, big, 'replace', owner.cookie)).status).toBe(200);
    const tooBig = 'a'.repeat(IMPORT_MAX_BYTES + 1);
    expect((await writeContent(url, doc.id, tooBig, 'replace', owner.cookie)).status).toBe(413);
  });
});

describe('GET /api/docs/:id/content', () => {
  it('reads the live state, edits typed over the socket included', async () => {
    const { url, wsBase } = await startServer();
    const owner = await signUp(url);
    const doc = await createDoc(url, 'Doc', owner.cookie);
    const client = connect(wsBase, doc.id, undefined, owner.cookie);
    await client.synced;
    await writeContent(url, doc.id, 'Hello', 'append', owner.cookie);
    await until(() => client.ydoc.getXmlFragment(TEXT_FRAGMENT).length > 0);
    const paragraph = client.ydoc.getXmlFragment(TEXT_FRAGMENT).get(0) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert(5, ' world');
    // The socket's update reaches the room asynchronously: read until it is there.
    let content: DocContent | undefined;
    const end = Date.now() + 5000;
    do {
      content = (await api<DocContent>(url, Routes.content(doc.id), { cookie: owner.cookie })).body;
    } while (content.text !== 'Hello world' && Date.now() < end);
    expect(content).toMatchObject({ text: 'Hello world', markdown: 'Hello world\n' });
  });

  it('an empty document reads as empty', async () => {
    const { url } = await startServer();
    const owner = await signUp(url);
    const doc = await createDoc(url, 'Doc', owner.cookie);
    const res = await api<DocContent>(url, Routes.content(doc.id), { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ text: '', markdown: '' });
  });
});

describe('GET /api/docs/:id/export', () => {
  it('answers each format with its type and an attachment named after the title', async () => {
    const { url } = await startServer();
    const owner = await signUp(url);
    const doc = await createDoc(url, 'Q3 "plan" / draft', owner.cookie);
    await writeContent(url, doc.id, '# Plan\n\nText <b>not bold</b> [bad](javascript:alert(1)).\n', 'append', owner.cookie);

    const md = await fetch(url + Routes.exportDoc(doc.id, 'md'), { headers: { cookie: owner.cookie } });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toBe('attachment; filename="Q3 plan draft.md"');
    expect(await md.text()).toBe('# Plan\n\nText &lt;b&gt;not bold&lt;/b&gt; \\[bad\\](javascript:alert(1)).\n');

    const html = await fetch(url + Routes.exportDoc(doc.id, 'html'), { headers: { cookie: owner.cookie } });
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-disposition')).toBe('attachment; filename="Q3 plan draft.html"');
    const page = await html.text();
    expect(page).toContain('<title>Q3 &quot;plan&quot; / draft</title>');
    expect(page).toContain('Text &lt;b&gt;not bold&lt;/b&gt;');
    expect(page).not.toMatch(/<script|href="javascript/i);

    const json = await fetch(url + Routes.exportDoc(doc.id, 'json'), { headers: { cookie: owner.cookie } });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.headers.get('content-disposition')).toBe('attachment; filename="Q3 plan draft.json"');
    expect(((await json.json()) as { type: string; content: { type: string }[] }).content[0]!.type).toBe('heading');
  });

  it('names a non-ASCII title with filename* (RFC 6266)', async () => {
    const { url } = await startServer();
    const owner = await signUp(url);
    const doc = await createDoc(url, 'Résumé 2026', owner.cookie);
    const res = await fetch(url + Routes.exportDoc(doc.id, 'md'), { headers: { cookie: owner.cookie } });
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="R_sum_ 2026.md"; filename*=UTF-8''R%C3%A9sum%C3%A9%202026.md`,
    );
  });

  it('any member may export; an unknown or missing format is 400', async () => {
    const { url } = await startServer();
    const owner = await signUp(url);
    const viewer = await signUp(url);
    const doc = await createDoc(url, 'Doc', owner.cookie);
    await api(url, Routes.members(doc.id), { method: 'PUT', body: { email: viewer.email, role: 'viewer' }, cookie: owner.cookie });
    expect((await api(url, Routes.exportDoc(doc.id, 'md'), { cookie: viewer.cookie })).status).toBe(200);
    expect((await api(url, `/api/docs/${doc.id}/export?format=pdf`, { cookie: owner.cookie })).status).toBe(400);
    expect((await api(url, `/api/docs/${doc.id}/export`, { cookie: owner.cookie })).status).toBe(400);
  });
});

describe('POST /api/docs/import', () => {
  it('creates a document owned by the caller, holding the content, stored before the answer', async () => {
    const { url, server } = await startServer();
    const owner = await signUp(url);
    const markdown =
      '# Imported plan\n\n- [x] done\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```js\nx()\n```\n\n![logo](https://example.com/logo.png)\n';
    const res = await markdownImport(url, markdown, '', {}, owner.cookie);
    expect(res.status).toBe(201);
    const doc = (await res.json()) as Doc;
    expect(doc).toMatchObject({ title: 'Imported plan', role: 'owner' });
    expect(res.headers.get('location')).toBe(`/api/docs/${doc.id}`);
    // Stored: the room was released, and the rows hold the content.
    const stored = await server.storage.loadDocState(doc.id);
    expect((stored?.updates.length ?? 0) + (stored?.snapshot ? 1 : 0)).toBeGreaterThan(0);
    const content = await api<DocContent>(url, Routes.content(doc.id), { cookie: owner.cookie });
    expect(content.body.markdown).toContain('- [x] done');
    expect(content.body.markdown).toContain('| a   | b   |');
    expect(content.body.markdown).toContain('![logo](https://example.com/logo.png)');
    const list = await api<{ docs: Doc[] }>(url, Routes.docs, { cookie: owner.cookie });
    expect(list.body.docs.map((d) => d.id)).toContain(doc.id);
  });

  it('ends a document whose last block is not a paragraph with an empty one, as the editor would', async () => {
    const { url } = await startServer();
    const owner = await signUp(url);
    const res = await markdownImport(url, '# Plan\n\n| a | b |\n| - | - |\n| 1 | 2 |\n', '', {}, owner.cookie);
    const doc = (await res.json()) as Doc;
    const content = await api<DocContent>(url, Routes.content(doc.id), { cookie: owner.cookie });
    const blocks = (content.body.json as unknown as { content: { type: string; content?: unknown[] }[] }).content;
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'table', 'paragraph']);
    expect(blocks[2]?.content ?? []).toEqual([]);
    // Neither the Markdown nor the text shows it; appending fills it rather than following it.
    expect(content.body.markdown.endsWith('| 1   | 2   |\n')).toBe(true);
    expect(content.body.text.endsWith('2')).toBe(true);
    const appended = await writeContent(url, doc.id, 'After the table.', 'append', owner.cookie);
    expect((appended.body.json as unknown as { content: { type: string }[] }).content.map((b) => b.type)).toEqual([
      'heading',
      'table',
      'paragraph',
    ]);
  });

  it('titles from ?title=, else the first heading, else "Untitled"', async () => {
    const { url } = await startServer();
    const owner = await signUp(url);
    const titled = await markdownImport(url, '# Heading', '?title=Given%20title', {}, owner.cookie);
    expect(((await titled.json()) as Doc).title).toBe('Given title');
    const untitled = await markdownImport(url, 'just text', '', {}, owner.cookie);
    expect(((await untitled.json()) as Doc).title).toBe('Untitled');
    const empty = await markdownImport(url, '', '', {}, owner.cookie);
    expect(empty.status).toBe(201);
  });

  it('413 past 5 MB, 415 for another type, 401 without a session', async () => {
    const { url } = await startServer();
    const owner = await signUp(url);
    const tooBig = await markdownImport(url, 'a'.repeat(IMPORT_MAX_BYTES + 1), '', {}, owner.cookie);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    const plain = await markdownImport(url, '# x', '', { 'content-type': 'text/plain' }, owner.cookie);
    expect(plain.status).toBe(415);
    const json = await api(url, Routes.importDoc, { method: 'POST', body: { markdown: '# x' }, cookie: owner.cookie });
    expect(json.status).toBe(415);
    expect((await markdownImport(url, '# x')).status).toBe(401);
  });

  it('binary garbage imports as text or is refused with 400, never a 500', async () => {
    const { url } = await startServer();
    const owner = await signUp(url);
    const inputs: Uint8Array[] = [
      ...Array.from({ length: 8 }, () => randomBytes(4096)),
      new Uint8Array([0xff, 0xfe, 0x00, 0x00, 0xd8, 0x00]),
      new TextEncoder().encode(`${'>'.repeat(5000)} deep`),
      new TextEncoder().encode('_a'.repeat(20_000)),
    ];
    for (const body of inputs) {
      const res = await markdownImport(url, body, '', {}, owner.cookie);
      expect([201, 400]).toContain(res.status);
    }
  });
});
