import { isDocId, Pages } from '@inkwell/protocol';

export type Route =
  | { name: 'home' }
  | { name: 'signIn' }
  | { name: 'signUp' }
  | { name: 'trash' }
  | { name: 'settings' }
  | { name: 'doc'; docId: string }
  | { name: 'notFound' };

const DOC_PATH = /^\/d\/([^/]+)\/?$/;

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'home' };
  if (pathname === Pages.signIn) return { name: 'signIn' };
  if (pathname === Pages.signUp) return { name: 'signUp' };
  if (pathname === Pages.trash || pathname === `${Pages.trash}/`) return { name: 'trash' };
  if (pathname === Pages.settings || pathname === `${Pages.settings}/`) return { name: 'settings' };
  const match = DOC_PATH.exec(pathname);
  if (match?.[1] !== undefined) {
    let docId: string;
    try {
      docId = decodeURIComponent(match[1]);
    } catch {
      return { name: 'notFound' };
    }
    // An id the server could never have issued is a bad URL, not a missing document.
    return isDocId(docId) ? { name: 'doc', docId } : { name: 'notFound' };
  }
  return { name: 'notFound' };
}
