// The page's half of offline start (public/sw.js): register the service worker and put in its
// cache what this page already loaded before the worker controlled it (the first visit's
// files; the editor's chunk, loaded on demand, when a document opens).

const SHELL = 'inkwell-shell-v1';

export function registerAppShell(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  void navigator.serviceWorker
    .register('/sw.js')
    .then(() => keepLoadedFiles())
    .catch(() => {
      // No worker (private mode, blocked): the app works online as before.
    });
}

/** Adds the page and every /assets file this page has loaded to the worker's cache. */
export async function keepLoadedFiles(): Promise<void> {
  if (!import.meta.env.PROD || typeof caches === 'undefined') return;
  const files = new Set<string>(['/']);
  for (const entry of performance.getEntriesByType('resource')) {
    const url = new URL(entry.name);
    if (url.origin === location.origin && url.pathname.startsWith('/assets/')) files.add(url.pathname);
  }
  for (const element of document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[href]')) {
    const url = new URL('src' in element ? element.src : element.href, location.href);
    if (url.origin === location.origin && url.pathname.startsWith('/assets/')) files.add(url.pathname);
  }
  try {
    const cache = await caches.open(SHELL);
    await cache.addAll([...files]);
  } catch {
    // Offline or quota: the worker caches what it serves from now on anyway.
  }
}
