import type { Doc, TrashedDoc } from '@inkwell/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';

// The trash: what the owner moved there, restore and delete forever. Every change also
// arrives as a `trash` invalidation on the event stream (other tabs, automatic purges), which
// lib/invalidation.ts turns into a refetch of queryKeys.trash.

export function useTrashQuery() {
  return useQuery({ queryKey: queryKeys.trash, queryFn: api.listTrash });
}

function dropFromTrash(docs: TrashedDoc[] | undefined, id: string): TrashedDoc[] | undefined {
  return docs?.filter((doc) => doc.id !== id);
}

/** Moves a document the caller owns to the trash (DELETE /api/docs/:id). */
export function useMoveToTrash() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.deleteDoc(id),
    onSuccess: (_result, id) => {
      client.setQueryData<Doc[]>(queryKeys.docs, (docs) => docs?.filter((doc) => doc.id !== id));
      client.removeQueries({ queryKey: queryKeys.doc(id), exact: true });
      // Search results hold it too; they are refetched when next shown.
      void client.invalidateQueries({ queryKey: ['search'] });
      void client.invalidateQueries({ queryKey: queryKeys.docs });
      void client.invalidateQueries({ queryKey: queryKeys.trash });
    },
  });
}

export function useRestoreFromTrash() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.restoreFromTrash(id),
    onSuccess: (doc) => {
      client.setQueryData<TrashedDoc[]>(queryKeys.trash, (docs) => dropFromTrash(docs, doc.id));
      client.setQueryData(queryKeys.doc(doc.id), doc);
      void client.invalidateQueries({ queryKey: queryKeys.trash });
      void client.invalidateQueries({ queryKey: queryKeys.docs });
    },
  });
}

export function useDeleteForever() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.deleteForever(id),
    onSuccess: (_result, id) => {
      client.setQueryData<TrashedDoc[]>(queryKeys.trash, (docs) => dropFromTrash(docs, id));
      void client.invalidateQueries({ queryKey: queryKeys.trash });
    },
  });
}
