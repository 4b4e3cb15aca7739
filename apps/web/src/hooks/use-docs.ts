import { type Doc, docSchema } from '@inkwell/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../lib/api.ts';
import { ApiError } from '../lib/api-error.ts';
import { queryKeys } from '../lib/query-keys.ts';
import type { AppClient } from '../sync/app-client.ts';
import { rememberDoc, rememberedDoc } from '../sync/local-store.ts';
import { storeDoc } from '../sync/query-cache.ts';
import { RpcError } from '../sync/rpc-calls.ts';

export function useDocsQuery() {
  return useQuery({ queryKey: queryKeys.docs, queryFn: api.listDocs });
}

/**
 * One document's metadata. Without the network, what this device kept from the last time
 * `userId` opened it, so that a document kept here opens offline (its content comes from
 * IndexedDB); never for a document this account did not open here before.
 */
export function useDocQuery(id: string, userId: string) {
  const query = useQuery({
    queryKey: queryKeys.doc(id),
    queryFn: async () => {
      try {
        return await api.getDoc(id);
      } catch (error) {
        if (!(error instanceof ApiError && error.isNetworkError)) throw error;
        const remembered = docSchema.safeParse(rememberedDoc(userId, id));
        if (remembered.success) return remembered.data;
        throw error;
      }
    },
    // Not paused while the browser is offline (react-query's default): see above.
    networkMode: 'always',
  });
  // Also what arrived otherwise (the create that opened it, a rename pushed over the socket).
  const { data } = query;
  useEffect(() => {
    if (data) rememberDoc(userId, data);
  }, [userId, data]);
  return query;
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
