// Images (API.md §8) against the real server and SQLite: the four formats stored and served
// with their sniffed type and hardening headers, everything else refused with nothing
// stored, each role's rights, the rate limit, and images leaving with their purged document.
import { IMAGE_MAX_BYTES, type ShareRole } from '@inkwell/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { api, cleanup, createDoc, signUp, startServer, type TestUser } from './support/helpers.ts';

afterEach(cleanup);

const fromBase64 = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
/** Real 1×1 images for PNG and GIF; JPEG and WebP as their signatures and some bytes (the server reads only the start). */
const PNG = fromBase64('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==');
const GIF = fromBase64('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7');
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const WEBP = new Uint8Array([
  ...Buffer.from('RIFF'),
  0x1a,
  0,
  0,
  0,
  ...Buffer.from('WEBPVP8L'),
  0x0d,
  0,
  0,
  0,
  0x2f,
  0,
  0,
  0,
  0x10,
  0x07,
  0x10,
  0x11,
  0x11,
  0x88,
  0x88,
  0xfe,
  0x07,
  0x00,
]);
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

const URL_FORM = /^\/api\/docs\/[A-Za-z0-9_-]+\/images\/[A-Za-z0-9_-]+$/;

async function upload(
  base: string,
  docId: string,
  body: Uint8Array | ReadableStream<Uint8Array>,
  cookie: string | null,
  type = 'image/png',
) {
  const headers: Record<string, string> = { 'content-type': type };
  if (cookie) headers.cookie = cookie;
  const res = await fetch(`${base}/api/docs/${docId}/images`, {
    method: 'POST',
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: (text ? JSON.parse(text) : undefined) as { url?: string; error?: { code: string } },
  };
}

async function fetchImage(base: string, url: string, cookie: string | null, headers: Record<string, string> = {}) {
  const res = await fetch(base + url, { headers: cookie ? { ...headers, cookie } : headers });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Ana owns a document; Ben edits, Cal comments, Vic views, Sam is a stranger. */
async function setup() {
  const running = await startServer();
  const { url } = running;
  const [ana, ben, cal, vic, sam] = await Promise.all(['Ana', 'Ben', 'Cal', 'Vic', 'Sam'].map((n) => signUp(url, n)));
  const doc = await createDoc(url, 'Pictures', ana!.cookie);
  const share = async (user: TestUser, role: ShareRole) =>
    expect(
      (await api(url, `/api/docs/${doc.id}/members`, { method: 'PUT', body: { email: user.email, role }, cookie: ana!.cookie })).status,
    ).toBe(200);
  await share(ben!, 'editor');
  await share(cal!, 'commenter');
  await share(vic!, 'viewer');
  return { ...running, doc, ana: ana!, ben: ben!, cal: cal!, vic: vic!, sam: sam! };
}

describe('images', () => {
  it('stores PNG, JPEG, GIF and WebP and serves each with its sniffed type and the hardening headers', async () => {
    const { url, doc, ana, ben } = await setup();
    for (const [bytes, type] of [
      [PNG, 'image/png'],
      [JPEG, 'image/jpeg'],
      [GIF, 'image/gif'],
      [WEBP, 'image/webp'],
    ] as const) {
      const res = await upload(url, doc.id, bytes, ben.cookie, 'application/octet-stream');
      expect(res.status, type).toBe(201);
      expect(res.body?.url).toMatch(URL_FORM);
      expect(res.body?.url?.startsWith(`/api/docs/${doc.id}/images/`)).toBe(true);

      // Any member may read it, the owner here.
      const got = await fetchImage(url, res.body!.url!, ana.cookie);
      expect(got.status).toBe(200);
      expect(got.bytes).toEqual(bytes);
      expect(got.headers.get('content-type')).toBe(type);
      expect(got.headers.get('cache-control')).toMatch(/^private\b/);
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(got.headers.get('content-disposition')).toBe('inline');
      expect(got.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);

      const again = await fetchImage(url, res.body!.url!, ana.cookie, { 'if-none-match': got.headers.get('etag')! });
      expect(again.status).toBe(304);
      expect(again.bytes.length).toBe(0);
    }
  });

  it('takes the type from the bytes, never from Content-Type, and stores identical bytes once', async () => {
    const { url, doc, server, ana } = await setup();
    const first = await upload(url, doc.id, PNG, ana.cookie, 'image/jpeg');
    expect(first.status).toBe(201);
    expect((await fetchImage(url, first.body!.url!, ana.cookie)).headers.get('content-type')).toBe('image/png');

    const second = await upload(url, doc.id, PNG, ana.cookie, 'image/png');
    expect(second.status).toBe(201);
    expect(second.body?.url).toBe(first.body?.url);
    expect(await server.storage.imageUsage(doc.id)).toEqual({ count: 1, bytes: PNG.length });

    // The same bytes in another document are that document's own image.
    const other = await createDoc(url, 'Other', ana.cookie);
    const elsewhere = await upload(url, other.id, PNG, ana.cookie);
    expect(elsewhere.body?.url).not.toBe(first.body?.url);
    expect(elsewhere.body?.url?.startsWith(`/api/docs/${other.id}/images/`)).toBe(true);
  });

  it('refuses SVG, text, and text declared as a PNG with 415, an empty body with 400, and stores none of them', async () => {
    const { url, doc, server, ana } = await setup();
    const refusals = [
      [SVG, 'image/svg+xml', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [new TextEncoder().encode('just some text'), 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [new TextEncoder().encode('<html><script>alert(1)</script></html>'), 'image/png', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      // A PNG's first bytes cut short are not a PNG.
      [PNG.slice(0, 7), 'image/png', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [new Uint8Array(0), 'image/png', 400, 'BAD_REQUEST'],
    ] as const;
    for (const [bytes, type, status, code] of refusals) {
      const res = await upload(url, doc.id, bytes, ana.cookie, type);
      expect([res.status, res.body?.error?.code], type).toEqual([status, code]);
    }
    expect(await server.storage.imageUsage(doc.id)).toEqual({ count: 0, bytes: 0 });
  });

  it('answers 413 past 10 MB, declared or streamed, and stores nothing', async () => {
    const { url, doc, server, ana } = await setup();
    const tooBig = new Uint8Array(IMAGE_MAX_BYTES + 1);
    tooBig.set(PNG);
    const declared = await upload(url, doc.id, tooBig, ana.cookie);
    expect([declared.status, declared.body?.error?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);

    // Without a Content-Length (chunked): counted as it arrives.
    const chunk = new Uint8Array(1024 * 1024);
    chunk.set(PNG);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > IMAGE_MAX_BYTES) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const streamed = await upload(url, doc.id, stream, ana.cookie);
    expect([streamed.status, streamed.body?.error?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await server.storage.imageUsage(doc.id)).toEqual({ count: 0, bytes: 0 });

    // Exactly the limit is fine.
    const atLimit = tooBig.subarray(0, IMAGE_MAX_BYTES);
    expect((await upload(url, doc.id, atLimit, ana.cookie)).status).toBe(201);
  });

  it('lets owner and editors upload; commenters and viewers get 403, strangers 404, no session 401', async () => {
    const { url, doc, server, ana, ben, cal, vic, sam } = await setup();
    const ok = await upload(url, doc.id, PNG, ana.cookie);
    expect(ok.status).toBe(201);
    expect((await upload(url, doc.id, GIF, ben.cookie)).status).toBe(201);
    for (const person of [cal, vic]) {
      const res = await upload(url, doc.id, JPEG, person.cookie);
      expect([res.status, res.body?.error?.code]).toEqual([403, 'FORBIDDEN']);
    }
    const stranger = await upload(url, doc.id, JPEG, sam.cookie);
    expect([stranger.status, stranger.body?.error?.code]).toEqual([404, 'DOC_NOT_FOUND']);
    expect((await upload(url, doc.id, JPEG, null)).status).toBe(401);
    expect((await server.storage.imageUsage(doc.id)).count).toBe(2);

    // Reading: every member, not a stranger, not without a session.
    for (const person of [ana, ben, cal, vic]) expect((await fetchImage(url, ok.body!.url!, person.cookie)).status).toBe(200);
    const strangerRead = await fetchImage(url, ok.body!.url!, sam.cookie);
    expect(strangerRead.status).toBe(404);
    expect(strangerRead.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await fetchImage(url, ok.body!.url!, null)).status).toBe(401);

    // An image id only answers under its own document.
    const other = await createDoc(url, 'Other', ana.cookie);
    const imageId = ok.body!.url!.split('/').pop()!;
    expect((await fetchImage(url, `/api/docs/${other.id}/images/${imageId}`, ana.cookie)).status).toBe(404);
    expect((await fetchImage(url, `/api/docs/${doc.id}/images/nope`, ana.cookie)).status).toBe(404);
  });

  it('limits how many images one person uploads in a burst (429 with Retry-After)', async () => {
    const { url, doc, ana, ben } = await setup();
    // A burst of 30, refilled at one every 2 s: a slow machine may earn a token or two on the way.
    let accepted = 0;
    let limited: Awaited<ReturnType<typeof upload>> | undefined;
    while (!limited && accepted < 40) {
      const res = await upload(url, doc.id, PNG, ana.cookie);
      if (res.status === 201) accepted++;
      else limited = res;
    }
    expect(accepted).toBeGreaterThanOrEqual(30);
    expect([limited?.status, limited?.body?.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another person's budget is their own.
    expect((await upload(url, doc.id, GIF, ben.cookie)).status).toBe(201);
  });

  it('hides the images of a trashed document and removes them when it is purged', async () => {
    const { url, doc, server, ana, ben } = await setup();
    const { body } = await upload(url, doc.id, PNG, ana.cookie);
    expect((await api(url, `/api/docs/${doc.id}`, { method: 'DELETE', cookie: ana.cookie })).status).toBe(204);
    for (const person of [ana, ben]) expect((await fetchImage(url, body!.url!, person.cookie)).status).toBe(404);
    expect((await upload(url, doc.id, GIF, ana.cookie)).status).toBe(404);
    // Kept in the trash, to come back on restore.
    expect((await server.storage.imageUsage(doc.id)).count).toBe(1);

    expect((await api(url, `/api/trash/${doc.id}`, { method: 'DELETE', cookie: ana.cookie })).status).toBe(204);
    expect(await server.storage.imageUsage(doc.id)).toEqual({ count: 0, bytes: 0 });
  });

  it('keeps an uploaded image through Markdown import and every export format', async () => {
    const { url, doc, ana } = await setup();
    const { body } = await upload(url, doc.id, PNG, ana.cookie);
    const src = body!.url!;
    const imported = await api<{ id: string }>(url, '/api/docs/import?title=Pictures', {
      method: 'POST',
      rawBody: `A picture: ![a cat](${src})\n`,
      headers: { 'content-type': 'text/markdown' },
      cookie: ana.cookie,
    });
    expect(imported.status).toBe(201);
    const id = imported.body.id;
    const md = await fetch(`${url}/api/docs/${id}/export?format=md`, { headers: { cookie: ana.cookie } });
    expect(md.status).toBe(200);
    expect(await md.text()).toContain(`![a cat](${src})`);
    const html = await fetch(`${url}/api/docs/${id}/export?format=html`, { headers: { cookie: ana.cookie } });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain(`src="${src}"`);
    const json = await fetch(`${url}/api/docs/${id}/export?format=json`, { headers: { cookie: ana.cookie } });
    expect(json.status).toBe(200);
    expect(await json.text()).toContain(src);
  });
});
