// Inkwell's service worker: the app itself opens without the network (docs/web.md, "Offline").
// It keeps the page (index.html) and the content-hashed files under /assets; documents come
// from IndexedDB (y-indexeddb), account and document metadata from localStorage. API calls and
// sockets are never touched here.
const SHELL = 'inkwell-shell-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/ws/')) return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
});

/** The network first (a deploy shows at once); the last page served when it cannot answer. */
async function page(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    const html = (response.headers.get('content-type') ?? '').includes('text/html');
    // Every route serves the same app, so one copy answers for all of them.
    if (response.ok && html) await cache.put('/', response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match('/');
    if (kept) return kept;
    throw error;
  }
}

/** Content-hashed: a kept copy is always right. */
async function asset(request) {
  const cache = await caches.open(SHELL);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
