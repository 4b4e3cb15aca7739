import type { Doc } from '@inkwell/protocol';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';

export function useDocsQuery() {
  return useQuery({ queryKey: queryKeys.docs, queryFn: api.listDocs });
}

export function useDocQuery(id: string) {
  return useQuery({ queryKey: queryKeys.doc(id), queryFn: () => api.getDoc(id) });
}

// The server's answer is the truth for that one doc, so both caches take it at once (no
// flicker back to the old title); the list is still refetched because its order may change.
function storeDoc(client: QueryClient, doc: Doc): void {
  client.setQueryData(queryKeys.doc(doc.id), doc);
  client.setQueryData<Doc[]>(queryKeys.docs, (docs) =>
    docs?.map((existing) => (existing.id === doc.id ? doc : existing)),
  );
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

export function useRenameDoc() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, title }: { id: string; title: string }) => api.renameDoc(id, { title }),
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
