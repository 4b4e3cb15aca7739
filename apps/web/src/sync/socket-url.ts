import { Routes } from '@inkwell/protocol';

/** y-websocket appends `/<docId>`; the socket lives on the page's own origin. */
export function docSocketBaseUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${Routes.docSocketBase}`;
}
