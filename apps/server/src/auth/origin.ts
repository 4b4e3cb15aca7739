/**
 * Which browser origins may change state (CSRF) and open sockets. With PUBLIC_URL set, only
 * its origin. Without it the server is reached directly: http://HOST:PORT, plus localhost,
 * 127.0.0.1 and [::1] on the same port when HOST is a loopback address.
 */
export function allowedOrigins(publicUrl: string | undefined, serverUrl: string): Set<string> {
  if (publicUrl) return new Set([new URL(publicUrl).origin]);
  const url = new URL(serverUrl);
  const origins = new Set([url.origin]);
  if (['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    for (const host of ['127.0.0.1', 'localhost', '[::1]']) origins.add(`${url.protocol}//${host}:${url.port}`);
  }
  return origins;
}

export interface OriginHeaders {
  origin?: string | undefined;
  'sec-fetch-site'?: string | undefined;
}

/**
 * A request from a browser page on another site carries an Origin (or at least
 * Sec-Fetch-Site) saying so. Requests with neither come from non-browser clients (curl,
 * server-side code), which CSRF cannot involve, and are allowed.
 */
export function isForeignOrigin(headers: OriginHeaders, allowed: Set<string>): boolean {
  const origin = headers.origin;
  if (origin && origin !== 'null') return !allowed.has(origin);
  if (origin === 'null') return true;
  const site = headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}
