import type { CreateThreadBody, Thread } from '@inkwell/protocol';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../lib/query-keys.ts';
import { removeComment, upsertComment, upsertThread } from '../lib/thread-cache.ts';
import type { AppClient } from '../sync/app-client.ts';
import { RpcError } from '../sync/rpc-calls.ts';
import { useAppState } from './use-app-channel.ts';

// The document's comment threads over its socket (API.md §7). The list is loaded with
// `comment.list` once the channel is ready and again after every welcome (query-cache.ts),
// and every `{type:"thread"}` push updates it in place. Mutations are not optimistic: a
// comment appears when the server has stored it, from the call's answer at once (the push
// that follows changes nothing).

function retryRpc(failureCount: number, error: unknown): boolean {
  return error instanceof RpcError && error.isTransient && error.code !== 'OFFLINE' && failureCount < 2;
}

function requireApp(app: AppClient | null): AppClient {
  if (!app) throw new RpcError('OFFLINE', 'Not connected to the server.');
  return app;
}

/** What a failed comment call tells the person, in their words rather than the code's. */
export function commentErrorMessage(error: unknown): string {
  if (!(error instanceof RpcError)) return error instanceof Error ? error.message : 'Something went wrong.';
  switch (error.code) {
    case 'OFFLINE':
    case 'CLOSED':
      return 'You’re offline. Your comment is still here; send it again once the connection is back.';
    case 'FORBIDDEN':
      return 'You can’t do that here: your access to this document may have changed.';
    case 'NOT_FOUND':
      return 'This comment was deleted in the meantime.';
    case 'TIMEOUT':
      return 'The server did not answer in time. Try again.';
    default:
      return error.message;
  }
}

export function useThreads(app: AppClient | null, docId: string) {
  const ready = useAppState(app).status === 'ready';
  return useQuery({
    queryKey: queryKeys.threads(docId),
    queryFn: async (): Promise<Thread[]> => (await requireApp(app).call('comment.list', {})).threads,
    enabled: ready && app !== null,
    retry: retryRpc,
  });
}

function setThreads(client: QueryClient, docId: string, update: (threads: Thread[] | undefined) => Thread[] | undefined) {
  client.setQueryData<Thread[]>(queryKeys.threads(docId), update);
}

export function useCreateThread(app: AppClient | null, docId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateThreadBody) => requireApp(app).call('comment.create', body),
    onSuccess: (thread) => setThreads(client, docId, (threads) => upsertThread(threads, thread)),
  });
}

export function useReply(app: AppClient | null, docId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (params: { threadId: string; body: string; mentions: string[] }) => requireApp(app).call('comment.reply', params),
    onSuccess: (comment, { threadId }) => setThreads(client, docId, (threads) => upsertComment(threads, threadId, comment)),
  });
}

export function useResolveThread(app: AppClient | null, docId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (params: { threadId: string; resolved: boolean }) => requireApp(app).call('comment.resolve', params),
    onSuccess: (thread) => setThreads(client, docId, (threads) => upsertThread(threads, thread)),
  });
}

export function useEditComment(app: AppClient | null, docId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (params: { threadId: string; commentId: string; body: string; mentions: string[] }) =>
      requireApp(app).call('comment.edit', params),
    onSuccess: (comment, { threadId }) => setThreads(client, docId, (threads) => upsertComment(threads, threadId, comment)),
  });
}

export function useDeleteComment(app: AppClient | null, docId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (params: { threadId: string; commentId: string }) => requireApp(app).call('comment.delete', params),
    onSuccess: (_ok, { threadId, commentId }) => setThreads(client, docId, (threads) => removeComment(threads, threadId, commentId)),
  });
}
