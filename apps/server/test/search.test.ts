// GET /api/search (API.md §6): only documents the caller can open, every word required (the
// last one a prefix), titles first, plain-text snippets, text typed over the socket found
// within 5 s, no 500 whatever q holds, and an index rebuilt from the stored state at start-up.
import { join } from 'node:path';
import { SEARCH_QUERY_MAX_LENGTH, type SearchResponse, type ShareRole } from '@inkwell/protocol';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DB_FILE_NAME } from '../src/server.ts';
import { api, cleanup, connect, createDoc, signUp, startServer, type TestUser } from './support/helpers.ts';
import { seeded } from './support/seeded.ts';

afterEach(cleanup);

/** The promise (API.md §6): text edited through the socket is searchable within 5 s. */
const FRESH_WITHIN_MS = 5000;

const search = (url: string, q: string, cookie?: string) =>
  api<SearchResponse & { error?: { code: string } }>(url, `/api/search?q=${encodeURIComponent(q)}`, { cookie });

const found = async (url: string, q: string, cookie?: string) => (await search(url, q, cookie)).body.results?.map((r) => r.id) ?? [];

const share = (url: string, owner: TestUser, docId: string, email: string, role: ShareRole) =>
  api(url, `/api/docs/${docId}/members`, { method: 'PUT', body: { email, role }, cookie: owner.cookie });

/** Types `text` as paragraphs into the document over a stock client's socket, as the editor would. */
async function type(wsBase: string, docId: string, paragraphs: string[], cookie?: string) {
  const client = connect(wsBase, docId, undefined, cookie);
  await client.synced;
  const fragment = client.ydoc.getXmlFragment('default');
  for (const text of paragraphs) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    fragment.insert(fragment.length, [p]);
  }
  return client;
}

describe('search', () => {
  it('finds text typed over the socket within 5 s, and never a document the caller cannot open', async () => {
    const { url, wsBase, server } = await startServer();
    const ana = await signUp(url, 'Ana');
    const ben = await signUp(url, 'Ben');
    const anaDoc = await createDoc(url, 'Ana notes', ana.cookie);
    const benDoc = await createDoc(url, 'Ben notes', ben.cookie);
    await type(wsBase, anaDoc.id, ['the heron flies over marshland'], ana.cookie);
    await type(wsBase, benDoc.id, ['another heron over marshland'], ben.cookie);
    const start = Date.now();
    await expect.poll(() => found(url, 'heron marshland', ana.cookie), { timeout: FRESH_WITHIN_MS, interval: 100 }).toEqual([anaDoc.id]);
    await expect.poll(() => found(url, 'heron marshland', ben.cookie), { timeout: FRESH_WITHIN_MS, interval: 100 }).toEqual([benDoc.id]);
    expect(Date.now() - start).toBeLessThan(FRESH_WITHIN_MS);

    // Shared with Ana: found; unshared: gone at once (membership is checked in the query).
    await share(url, ben, benDoc.id, ana.email, 'viewer');
    expect((await found(url, 'heron marshland', ana.cookie)).sort()).toEqual([anaDoc.id, benDoc.id].sort());
    await api(url, `/api/docs/${benDoc.id}/members/${ana.user.id}`, { method: 'DELETE', cookie: ben.cookie });
    expect(await found(url, 'heron marshland', ana.cookie)).toEqual([anaDoc.id]);

    // In the trash: gone for everyone, its owner too; restored: back.
    await server.storage.trashDoc(benDoc.id, ben.user.id, Date.now());
    expect(await found(url, 'heron marshland', ben.cookie)).toEqual([]);
    await server.storage.restoreDoc(benDoc.id);
    expect(await found(url, 'heron marshland', ben.cookie)).toEqual([benDoc.id]);

    // Deleted (DELETE moves it to the trash, or purges it): gone.
    expect((await api(url, `/api/docs/${anaDoc.id}`, { method: 'DELETE', cookie: ana.cookie })).status).toBe(204);
    expect(await found(url, 'heron', ana.cookie)).toEqual([]);
    // Signed out: 401.
    expect((await search(url, 'heron', '')).status).toBe(401);
  });

  it('requires every word, takes the last as a prefix, ranks titles first and answers plain-text snippets', async () => {
    const { url, wsBase } = await startServer();
    const ana = await signUp(url, 'Ana');
    const inBody = await createDoc(url, 'Weekly notes', ana.cookie);
    const inTitle = await createDoc(url, 'Compass', ana.cookie);
    const filler = 'we met on tuesday and spoke at length about the budget for the coming quarter and the hiring plan';
    await type(wsBase, inBody.id, [filler, 'bring the <b>compass</b> & the "maps" for the expedition', filler], ana.cookie);
    await type(wsBase, inTitle.id, [filler], ana.cookie);

    await expect
      .poll(() => found(url, 'compass', ana.cookie), { timeout: FRESH_WITHIN_MS, interval: 100 })
      .toEqual([inTitle.id, inBody.id]);
    expect(await found(url, 'compass expedit', ana.cookie)).toEqual([inBody.id]);
    expect(await found(url, 'compass expedition zebra', ana.cookie)).toEqual([]);
    // Only the last word is a prefix.
    expect(await found(url, 'expedit compass', ana.cookie)).toEqual([]);
    expect(await found(url, 'COMPAS', ana.cookie)).toEqual([inTitle.id, inBody.id]);

    const hit = (await search(url, 'expedition', ana.cookie)).body.results[0]!;
    expect(hit).toMatchObject({ id: inBody.id, title: 'Weekly notes' });
    expect(new Date(hit.updatedAt).toISOString()).toBe(hit.updatedAt);
    // The text as typed (its characters are text, not markup), on one line, cut with "…".
    // (FTS5 cuts at a token: the "<" before the first word in the snippet falls off.)
    expect(hit.snippet).toContain('compass</b> & the "maps" for the expedition');
    expect(hit.snippet).toMatch(/^…|…$/);
    expect(hit.snippet).not.toContain('\n');

    // A rename is searchable too.
    await api(url, `/api/docs/${inBody.id}`, { method: 'PATCH', body: { title: 'Lighthouse log' }, cookie: ana.cookie });
    await expect.poll(() => found(url, 'lighthouse', ana.cookie), { timeout: FRESH_WITHIN_MS, interval: 100 }).toEqual([inBody.id]);
  });

  it('indexes a new or short document without starting a conversion worker', async () => {
    const { server, url, wsBase } = await startServer();
    const doc = await createDoc(url, 'Quarterly albatross');
    const client = await type(wsBase, doc.id, ['A short note about pelicans.']);
    client.destroy(); // the room unloads: the text is then read from the stored rows
    await expect.poll(() => found(url, 'albatross'), { timeout: FRESH_WITHIN_MS, interval: 100 }).toEqual([doc.id]);
    await expect.poll(() => found(url, 'pelicans'), { timeout: FRESH_WITHIN_MS, interval: 100 }).toEqual([doc.id]);
    // A worker is a whole V8 isolate (tens of MB) for a few bytes of text.
    expect(server.conversions.workers).toBe(0);
  });

  it('answers 400 for a missing, blank, repeated or too long q', async () => {
    const { url } = await startServer();
    await signUp(url);
    for (const path of ['/api/search', '/api/search?q=', '/api/search?q=%20%20%09', '/api/search?q=a&q=b']) {
      const res = await api<{ error: { code: string } }>(url, path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
    }
    expect((await search(url, 'x'.repeat(SEARCH_QUERY_MAX_LENGTH + 1))).status).toBe(400);
    expect((await search(url, 'x'.repeat(SEARCH_QUERY_MAX_LENGTH))).status).toBe(200);
  });

  it('never answers 500, whatever q holds', async () => {
    const { url } = await startServer();
    await signUp(url);
    await createDoc(url, 'Plan NEAR title body');
    const pieces = [
      '"',
      "'",
      '(',
      ')',
      '*',
      ':',
      '^',
      '-',
      '+',
      'NEAR',
      'NEAR/2',
      'AND',
      'OR',
      'NOT',
      'title:',
      'body:',
      '{title body}:',
      '\u0000',
      '\uD800',
      '\uDFFF',
      '🙂',
      'é',
      'e\u0301',
      '中文',
      '\\',
      '%',
      '%00',
      '&',
      '=',
      '#',
      '?',
      ' ',
      '\t',
      '\n',
      'plan',
      'x*y',
    ];
    const rand = seeded(16);
    const queries = [...pieces];
    for (let i = 0; i < 150; i++) {
      let q = '';
      const n = 1 + Math.floor(rand() * 8);
      for (let k = 0; k < n; k++) q += pieces[Math.floor(rand() * pieces.length)];
      queries.push(q.slice(0, SEARCH_QUERY_MAX_LENGTH));
    }
    for (const q of queries) {
      // Raw too: a lone surrogate cannot be percent-encoded as UTF-8, and `%` alone is not an escape.
      for (const path of [`/api/search?q=${encodeURIComponent(q.replace(/[\uD800-\uDFFF]/g, ''))}`, `/api/search?q=${escape(q)}`]) {
        const res = await api(url, path);
        expect([200, 400], `${path} → ${res.status}`).toContain(res.status);
      }
    }
    // Operators and column filters were words: the title holds "title", "plan" and "body".
    await expect.poll(() => found(url, 'title:plan NEAR (body'), { timeout: FRESH_WITHIN_MS, interval: 100 }).toHaveLength(1);
    expect(await found(url, 'title:plan AND (body')).toEqual([]);
  });

  it('indexes at start-up what an older database or an unfinished shutdown left out, and skips a damaged document', async () => {
    const first = await startServer();
    const ana = await signUp(first.url, 'Ana');
    const old = await createDoc(first.url, 'Old document', ana.cookie);
    const damaged = await createDoc(first.url, 'Damaged document', ana.cookie);
    const client = await type(first.wsBase, old.id, ['pelican migration routes'], ana.cookie);
    await type(first.wsBase, damaged.id, ['pelican feathers'], ana.cookie);
    await expect.poll(() => found(first.url, 'pelican', ana.cookie), { timeout: FRESH_WITHIN_MS, interval: 100 }).toHaveLength(2);
    // An edit stored just before shutdown, its re-index still pending (1 s debounce).
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('albatross')]);
    client.ydoc.getXmlFragment('default').insert(0, [p]);
    await expect.poll(async () => (await first.server.storage.loadDocState(old.id))?.updates.length ?? 0).toBeGreaterThan(1);
    client.destroy();
    await first.server.close();
    expect(await found(first.url, 'albatross', ana.cookie).catch(() => [])).toEqual([]);

    // Make it a database from before search (version 7): without the index tables, nor what
    // the later migrations added (images, last editors, snapshot checksums). And damage one document.
    const db = new Database(join(first.dataDir, DB_FILE_NAME));
    db.exec(`DROP TABLE search_docs; DROP TABLE search_index; DROP TABLE doc_images;
      ALTER TABLE documents DROP COLUMN last_editor_id; ALTER TABLE documents DROP COLUMN edited_at;
      ALTER TABLE doc_snapshots DROP COLUMN checksum;
      PRAGMA user_version = 7`);
    db.prepare("INSERT INTO doc_updates (doc_id, seq, data) SELECT id, last_seq + 1, x'ffffffff' FROM documents WHERE id = ?").run(
      damaged.id,
    );
    db.prepare('UPDATE documents SET last_seq = last_seq + 1 WHERE id = ?').run(damaged.id);
    db.close();

    const second = await startServer({ dataDir: first.dataDir });
    await expect
      .poll(() => found(second.url, 'albatross pelican', ana.cookie), { timeout: FRESH_WITHIN_MS, interval: 100 })
      .toEqual([old.id]);
    await expect
      .poll(async () => /^inkwell_search_index_failures_total 1$/m.test(await (await fetch(`${second.url}/metrics`)).text()))
      .toBe(true);
    expect(await found(second.url, 'feathers', ana.cookie)).toEqual([]);

    // Nothing left to do at the next start.
    await second.server.close();
    const third = await startServer({ dataDir: first.dataDir });
    expect(await third.server.storage.listUnindexedDocs('', 10)).toEqual([damaged.id]);
    expect(await found(third.url, 'albatross', ana.cookie)).toEqual([old.id]);
  });
});
