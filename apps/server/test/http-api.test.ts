import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Doc, JSON_BODY_LIMIT_BYTES, TITLE_MAX_LENGTH } from '@inkwell/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { api, cleanup, createDoc, signUp, startServer, tempDir } from './support/helpers.ts';

afterEach(cleanup);

const errorOf = (code: string) => ({ error: { code, message: expect.any(String) } });

describe('HTTP API', () => {
  it('answers /healthz', async () => {
    const { url } = await startServer();
    expect(await api(url, '/healthz')).toEqual({ status: 200, body: { ok: true } });
  });

  it('creates, lists newest first, reads, renames and deletes documents', async () => {
    const { url } = await startServer();
    const first = await createDoc(url, '  First  ');
    expect(first).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      title: 'First',
      role: 'owner',
      createdAt: expect.any(String),
      updatedAt: first.createdAt,
    });
    const untitled = await api<Doc>(url, '/api/docs', { method: 'POST' });
    expect(untitled.status).toBe(201);
    expect(untitled.headers.get('location')).toBe(`/api/docs/${untitled.body.id}`);
    expect(untitled.body.title).toBe('Untitled');

    const list = await api<{ docs: Doc[] }>(url, '/api/docs');
    expect(list.body.docs.map((d) => d.id)).toEqual([untitled.body.id, first.id]);
    expect(await api(url, `/api/docs/${first.id}`)).toEqual({ status: 200, body: first });

    const renamed = await api<Doc>(url, `/api/docs/${first.id}`, { method: 'PATCH', body: { title: 'Renamed' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe('Renamed');
    expect((await api<Doc>(url, `/api/docs/${first.id}`)).body.title).toBe('Renamed');

    expect((await api(url, `/api/docs/${first.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await api(url, `/api/docs/${first.id}`)).toEqual({ status: 404, body: errorOf('DOC_NOT_FOUND') });
    expect((await api<{ docs: Doc[] }>(url, '/api/docs')).body.docs.map((d) => d.id)).toEqual([untitled.body.id]);
  });

  it('refuses malformed ids with 400 and unknown documents with 404', async () => {
    const { url } = await startServer();
    await signUp(url);
    expect(await api(url, '/api/docs/not%20an%20id')).toEqual({ status: 400, body: errorOf('INVALID_DOC_ID') });
    expect(await api(url, `/api/docs/${'a'.repeat(65)}`)).toEqual({ status: 400, body: errorOf('INVALID_DOC_ID') });
    for (const method of ['GET', 'DELETE']) {
      expect(await api(url, '/api/docs/doesNotExist', { method })).toEqual({
        status: 404,
        body: errorOf('DOC_NOT_FOUND'),
      });
    }
    expect(await api(url, '/api/docs/doesNotExist', { method: 'PATCH', body: { title: 'x' } })).toEqual({
      status: 404,
      body: errorOf('DOC_NOT_FOUND'),
    });
  });

  it('validates bodies and changes nothing on a bad one', async () => {
    const { url } = await startServer();
    const doc = await createDoc(url, 'Keep me');
    const bad: [string, unknown][] = [
      ['empty title', { title: '   ' }],
      ['missing title', {}],
      ['title too long', { title: 'x'.repeat(TITLE_MAX_LENGTH + 1) }],
      ['wrong type', { title: 42 }],
      ['unknown field', { title: 'ok', owner: 'me' }],
    ];
    for (const [, body] of bad) {
      expect(await api(url, `/api/docs/${doc.id}`, { method: 'PATCH', body })).toEqual({
        status: 400,
        body: errorOf('BAD_REQUEST'),
      });
    }
    expect(await api(url, '/api/docs', { method: 'POST', body: { title: 7 } })).toEqual({
      status: 400,
      body: errorOf('BAD_REQUEST'),
    });
    expect((await api<Doc>(url, `/api/docs/${doc.id}`)).body.title).toBe('Keep me');
    expect((await api<{ docs: Doc[] }>(url, '/api/docs')).body.docs).toHaveLength(1);
  });

  it('answers non-JSON, malformed JSON and oversized bodies with clear errors', async () => {
    const { url } = await startServer();
    await signUp(url);
    const headers = { 'content-type': 'application/json' };
    expect(await api(url, '/api/docs', { method: 'POST', rawBody: '{"title":', headers })).toEqual({
      status: 400,
      body: errorOf('BAD_JSON'),
    });
    expect(await api(url, '/api/docs', { method: 'POST', rawBody: 'title=x', headers: { 'content-type': 'text/plain' } })).toEqual({
      status: 415,
      body: errorOf('UNSUPPORTED_MEDIA_TYPE'),
    });
    const huge = JSON.stringify({ title: 'x'.repeat(JSON_BODY_LIMIT_BYTES) });
    expect(await api(url, '/api/docs', { method: 'POST', rawBody: huge, headers })).toEqual({
      status: 413,
      body: errorOf('PAYLOAD_TOO_LARGE'),
    });
    expect((await api<{ docs: Doc[] }>(url, '/api/docs')).body.docs).toEqual([]);
    expect(await api(url, '/healthz')).toEqual({ status: 200, body: { ok: true } });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const { url } = await startServer();
    await signUp(url);
    expect(await api(url, '/api/nothing-here')).toEqual({ status: 404, body: errorOf('NOT_FOUND') });
    expect(await api(url, '/api/docs', { method: 'PUT', body: {} })).toEqual({ status: 404, body: errorOf('NOT_FOUND') });
    // No web app is built in this test, so a page request is a 404 too, still in JSON.
    expect((await api(url, '/some/page')).status).toBe(404);
  });
});

describe('web app hosting', () => {
  it('serves the built app, its assets, and index.html for client-side routes', async () => {
    const webRoot = tempDir();
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Inkwell</title>');
    writeFileSync(join(webRoot, 'assets', 'app-1234.js'), 'console.log(1)');
    const { url } = await startServer({ webRoot });

    for (const page of ['/', '/d/SomeDoc']) {
      const res = await fetch(url + page, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Inkwell</title>');
    }
    const asset = await fetch(`${url}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await api(url, '/assets/missing.js')).toEqual({ status: 404, body: errorOf('NOT_FOUND') });
    expect(await api(url, '/api/unknown', { headers: { accept: 'text/html' } })).toEqual({
      status: 404,
      body: errorOf('NOT_FOUND'),
    });
  });
});
