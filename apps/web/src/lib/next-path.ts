import { Pages } from '@inkwell/protocol';

const PROBE_ORIGIN = 'http://inkwell.invalid';

/**
 * Where to go after signing in: the `next` query parameter when it is a path on this site,
 * else the document list. `//evil.example`, `/\evil.example`, `https://…` and `javascript:`
 * are refused, as they would leave the site (an open redirect).
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw?.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return Pages.home;
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return Pages.home;
  }
  if (url.origin !== PROBE_ORIGIN) return Pages.home;
  // Back to a sign-in page after signing in would be a loop.
  if (url.pathname === Pages.signIn || url.pathname === Pages.signUp) return Pages.home;
  return url.pathname + url.search + url.hash;
}

/** The `next` of a query string such as `location.search`. */
export function nextFromSearch(search: string): string {
  return safeNextPath(new URLSearchParams(search).get('next'));
}

/** A sign-in or sign-up page that returns to `next` afterwards (the list needs no parameter). */
export function authPagePath(page: string, next: string): string {
  const safe = safeNextPath(next);
  return safe === Pages.home ? page : `${page}?next=${encodeURIComponent(safe)}`;
}
