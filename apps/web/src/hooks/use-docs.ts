import type { Doc } from '@inkwell/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';
import type { AppClient } from '../sync/app-client.ts';
import { storeDoc } from '../sync/query-cache.ts';
import { RpcError } from '../sync/rpc-calls.ts';

export function useDocsQuery() {
  return useQuery({ queryKey: queryKeys.docs, queryFn: api.listDocs });
}

export function useDocQuery(id: string) {
  return useQuery({ queryKey: queryKeys.doc(id), queryFn: () => api.getDoc(id) });
}

/**
 * Over the document socket when it is ready (`doc.rename`), else over HTTP (PATCH). Either
 * way the server pushes the new title to every open tab of the document. A call lost with
 * its socket is repeated over HTTP: renaming to the same title twice changes nothing.
 */
async function renameDoc(app: AppClient | null | undefined, id: string, title: string): Promise<Doc> {
  if (app?.ready) {
    try {
      return await app.call('doc.rename', { title });
    } catch (error) {
      if (!(error instanceof RpcError && (error.code === 'OFFLINE' || error.code === 'CLOSED'))) throw error;
    }
  }
  return api.renameDoc(id, { title });
}

export function useCreateDoc() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (title?: string) => api.createDoc(title === undefined ? {} : { title }),
    onSuccess: (doc) => {
      client.setQueryData(queryKeys.doc(doc.id), doc);
      void client.invalidateQueries({ queryKey: queryKeys.docs });
    },
  });
}

/** `app`: the open document's channel, when the rename happens in its editor. */
export function useRenameDoc(app?: AppClient | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, title }: { id: string; title: string }) => renameDoc(app, id, title),
    // The server's answer is the truth for that one doc, so both caches take it at once (no
    // flicker back to the old title); the list is still refetched as its order may change.
    onSuccess: (doc) => {
      storeDoc(client, doc);
      void client.invalidateQueries({ queryKey: queryKeys.docs });
    },
  });
}

export function useDeleteDoc() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.deleteDoc(id),
    onSuccess: (_result, id) => {
      client.setQueryData<Doc[]>(queryKeys.docs, (docs) => docs?.filter((doc) => doc.id !== id));
      client.removeQueries({ queryKey: queryKeys.doc(id), exact: true });
      void client.invalidateQueries({ queryKey: queryKeys.docs });
    },
  });
}
