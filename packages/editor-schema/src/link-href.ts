// What a person types as a link target, made into the href a document stores. People type
// `example.com`, `www.example.com/page`, `someone@example.com` or paste a full URL; the stored
// href is always absolute and safe (isSafeLinkHref): https for bare hosts, mailto for bare
// e-mail addresses. Everything else (javascript:, data:, vbscript:, file:, ftp:, relative
// paths, text with spaces) is refused with the reason, so the editor can say why.
import { isSafeLinkHref } from './safe-url.ts';

export type LinkHrefResult =
  | { ok: true; href: string }
  /** `scheme`: a scheme links may not use (named, lower case, without the colon). */
  | { ok: false; reason: 'empty' | 'invalid' }
  | { ok: false; reason: 'scheme'; scheme: string };

// A scheme as URLs write it. "example.com:8080" also matches, so host-and-port is tried first.
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
// A host name (letters of any script, digits, hyphens; at least one dot and a TLD of letters),
// localhost or an IPv4 address; then an optional port, path, query or fragment.
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?';
const HOST = `(?:localhost|(?:${LABEL}\\.)+\\p{L}{2,}|\\d{1,3}(?:\\.\\d{1,3}){3})`;
const BARE_HOST = new RegExp(`^${HOST}(?::\\d{1,5})?(?:[/?#].*)?$`, 'iu');
const BARE_EMAIL = new RegExp(`^[^\\s@/:?#]+@(?:${LABEL}\\.)+\\p{L}{2,}$`, 'iu');
// Spaces, and the control characters browsers would silently strip from a scheme ("java\tscript:").
const SPACE_OR_CONTROL = /[\s\p{Cc}]/u;

export function normalizeLinkHref(input: string): LinkHrefResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && !BARE_HOST.test(text)) {
    // Named before the space check: "javascript:alert(1) " must say why it is refused.
    if (scheme !== 'http' && scheme !== 'https' && scheme !== 'mailto') return { ok: false, reason: 'scheme', scheme };
    return !SPACE_OR_CONTROL.test(text) && isSafeLinkHref(text) ? { ok: true, href: text } : { ok: false, reason: 'invalid' };
  }
  if (SPACE_OR_CONTROL.test(text)) return { ok: false, reason: 'invalid' };
  if (text.startsWith('//')) return absolute(`https:${text}`);
  if (BARE_EMAIL.test(text)) return absolute(`mailto:${text}`);
  if (BARE_HOST.test(text)) return absolute(`https://${text}`);
  return { ok: false, reason: 'invalid' };
}

function absolute(href: string): LinkHrefResult {
  return isSafeLinkHref(href) ? { ok: true, href } : { ok: false, reason: 'invalid' };
}

/** The allow-list the Link mark checks everywhere (parse, render, commands, autolink). */
export const isAllowedLinkTarget = (url: string | undefined): boolean => url !== undefined && normalizeLinkHref(url).ok;
