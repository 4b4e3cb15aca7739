// Conversions run in worker threads (documents/content/conversion-pool.ts): a 5 MB import
// does not hold up anyone else, a worker that fails or hangs fails only its own request, and
// a closing server stops its workers.
import { type Doc, type DocContent, IMPORT_MAX_BYTES, Routes } from '@inkwell/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { CONVERSION_FAULTS } from './support/conversion-faults.ts';
import { api, cleanup, connect, createDoc, signUp, startServer } from './support/helpers.ts';
import { realisticMarkdown } from './support/markdown-corpus.ts';

afterEach(cleanup);

const FAULTY_WORKER = { url: new URL('./support/faulty-conversion-worker.mjs', import.meta.url) };

const markdownImport = (base: string, markdown: string, cookie: string) =>
  fetch(`${base}${Routes.importDoc}`, { method: 'POST', headers: { 'content-type': 'text/markdown', cookie }, body: markdown });

const until = async (check: () => boolean, timeoutMs = 20_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('imports in a worker thread', () => {
  it('a 5 MB import is stored whole, and a health check and a relayed edit finish while it converts', async () => {
    const { url, wsBase, server } = await startServer();
    const owner = await signUp(url);
    const doc = await createDoc(url, 'Busy room', owner.cookie);
    const alice = connect(wsBase, doc.id, undefined, owner.cookie);
    const bob = connect(wsBase, doc.id, undefined, owner.cookie);
    await Promise.all([alice.synced, bob.synced]);

    const markdown = `# Imported notes\n\n${realisticMarkdown(IMPORT_MAX_BYTES - 64 * 1024)}Last paragraph of the import.\n`;
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(IMPORT_MAX_BYTES);

    const finished: string[] = [];
    const importing = markdownImport(url, markdown, owner.cookie).then((res) => {
      finished.push('import');
      return res;
    });
    // The body is read and the job handed to a worker (started for it) before the others go.
    await until(() => server.conversions.workers > 0);

    const health = await fetch(url + Routes.healthz);
    expect(health.status).toBe(200);
    finished.push('healthz');
    alice.text.insert(0, 'typed during the import');
    await until(() => bob.text.toString() === 'typed during the import');
    finished.push('edit');

    const res = await importing;
    expect(finished).toEqual(['healthz', 'edit', 'import']);
    expect(res.status).toBe(201);
    const imported = (await res.json()) as Doc;
    expect(imported.title).toBe('Imported notes');
    const content = await api<DocContent>(url, Routes.content(imported.id), { cookie: owner.cookie });
    expect(content.status).toBe(200);
    expect(content.body.text.startsWith('Imported notes\n')).toBe(true);
    expect(content.body.text.endsWith('Last paragraph of the import.')).toBe(true);
    expect((content.body.json as { content?: unknown[] }).content?.length).toBeGreaterThan(10_000);
  }, 180_000);
});

describe('a failing conversion worker', () => {
  const start = (tuning: { conversionTimeoutMs?: number; conversionQueue?: number } = {}) =>
    startServer({ conversionWorker: FAULTY_WORKER, tuning: { conversionWorkers: 1, conversionTimeoutMs: 3000, ...tuning } });

  it('a worker that throws: 500 with a plain message; the next import works', async () => {
    const { url } = await start();
    const owner = await signUp(url);
    const res = await markdownImport(url, `${CONVERSION_FAULTS.throw}\n# x`, owner.cookie);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: { code: 'INTERNAL', message: 'Converting this document failed unexpectedly; nothing was changed' },
    });
    const next = await markdownImport(url, '# After\n\ntext', owner.cookie);
    expect(next.status).toBe(201);
    expect(((await next.json()) as Doc).title).toBe('After');
  });

  it('a worker that dies: 500; a new worker takes the next import', async () => {
    const { url, server } = await start();
    const owner = await signUp(url);
    const res = await markdownImport(url, `${CONVERSION_FAULTS.exit}\n# x`, owner.cookie);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INTERNAL');
    expect(server.conversions.workers).toBe(0);
    const next = await markdownImport(url, '# After', owner.cookie);
    expect(next.status).toBe(201);
  });

  it('a worker that hangs: 503 once the job times out, the worker is replaced, the next import works', async () => {
    const { url } = await start({ conversionTimeoutMs: 1500 });
    const owner = await signUp(url);
    const res = await markdownImport(url, `${CONVERSION_FAULTS.hang}\n# x`, owner.cookie);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: { code: 'UNAVAILABLE', message: 'Converting this document took longer than 1.5 s and was stopped; nothing was changed' },
    });
    const next = await markdownImport(url, '# After', owner.cookie);
    expect(next.status).toBe(201);
    // Nothing of the failed imports was created.
    const list = await api<{ docs: Doc[] }>(url, Routes.docs, { cookie: owner.cookie });
    expect(list.body.docs.map((d) => d.title)).toEqual(['After']);
  });

  it('past the queue bound a request is refused at once with 503, before the running one ends', async () => {
    const { url, server } = await start({ conversionQueue: 0, conversionTimeoutMs: 5000 });
    const owner = await signUp(url);
    const finished: string[] = [];
    const hanging = markdownImport(url, `${CONVERSION_FAULTS.hang}\n# x`, owner.cookie).then((res) => {
      finished.push('hanging');
      return res;
    });
    await until(() => server.conversions.workers > 0);
    const refused = await markdownImport(url, '# Too many', owner.cookie);
    finished.push('refused');
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({
      error: { code: 'UNAVAILABLE', message: 'The server is busy converting other documents; try again in a moment' },
    });
    expect((await hanging).status).toBe(503);
    expect(finished).toEqual(['refused', 'hanging']);
  });

  it('closing the server terminates its workers, also one stuck in a job', async () => {
    const { url, server } = await start({ conversionTimeoutMs: 60_000 });
    const owner = await signUp(url);
    const hanging = markdownImport(url, `${CONVERSION_FAULTS.hang}\n# x`, owner.cookie).catch((err: unknown) => err);
    await until(() => server.conversions.workers > 0);
    await server.close();
    expect(server.conversions.workers).toBe(0);
    // Answered 503 (shutting down) or cut off with the connection: never left hanging.
    const outcome = await hanging;
    if (outcome instanceof Response) expect(outcome.status).toBe(503);
    else expect(outcome).toBeInstanceOf(Error);
  });
});
