// How the server's pushes on the document socket land in the React Query cache:
// a full `doc` push replaces the cached document, a `docPatch` merges its fields into it,
// an `invalidate` is handled as the event stream's are (lib/invalidation.ts), a `thread`
// updates the document's threads (lib/thread-cache.ts), and every welcome refetches those
// threads, since pushes sent while this tab was offline never reached it.
import type { Doc, DocPatch, Thread } from '@inkwell/protocol';
import type { QueryClient } from '@tanstack/react-query';
import { applyInvalidation } from '../lib/invalidation.ts';
import { queryKeys } from '../lib/query-keys.ts';
import { applyThreadPush } from '../lib/thread-cache.ts';
import type { AppClient } from './app-client.ts';

export function storeDoc(client: QueryClient, doc: Doc): void {
  client.setQueryData(queryKeys.doc(doc.id), doc);
  client.setQueryData<Doc[]>(queryKeys.docs, (docs) => docs?.map((existing) => (existing.id === doc.id ? doc : existing)));
}

export function applyDocPatch(client: QueryClient, patch: DocPatch): void {
  // Only the fields the server sent: an absent field is "unchanged", never "cleared".
  const delta = Object.fromEntries(Object.entries(patch.delta).filter(([, value]) => value !== undefined)) as Partial<Doc>;
  const merge = (doc: Doc): Doc => (doc.id === patch.id ? { ...doc, ...delta } : doc);
  client.setQueryData<Doc>(queryKeys.doc(patch.id), (doc) => doc && merge(doc));
  client.setQueryData<Doc[]>(queryKeys.docs, (docs) => docs?.map(merge));
  // The list is ordered by the server; a rename may not move it, but a refetch is cheap.
  void client.invalidateQueries({ queryKey: queryKeys.docs });
}

/** Feeds the client's pushes into the cache until the returned function is called. */
export function connectQueryCache(app: AppClient, client: QueryClient, docId: string): () => void {
  const offs = [
    app.on('thread', (thread) => client.setQueryData<Thread[]>(queryKeys.threads(docId), (threads) => applyThreadPush(threads, thread))),
    app.on('welcome', () => void client.invalidateQueries({ queryKey: queryKeys.threads(docId) })),
    app.on('doc', (doc) => storeDoc(client, doc)),
    app.on('docPatch', (patch) => applyDocPatch(client, patch)),
    app.on('invalidate', (invalidation) => applyInvalidation(client, invalidation)),
  ];
  return () => {
    for (const off of offs) off();
  };
}
