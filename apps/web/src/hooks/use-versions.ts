import type { DiffAgainst, Version } from '@inkwell/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { ApiError } from '../lib/api-error.ts';
import { queryKeys } from '../lib/query-keys.ts';
import type { AppClient } from '../sync/app-client.ts';
import { RpcError } from '../sync/rpc-calls.ts';
import { useAppState } from './use-app-channel.ts';

// A call that failed for a passing reason (the socket dropped mid-call) is worth one more
// try; FORBIDDEN or NOT_FOUND will answer the same way again.
function retryRpc(failureCount: number, error: unknown): boolean {
  return error instanceof RpcError && error.isTransient && error.code !== 'OFFLINE' && failureCount < 2;
}

/**
 * The document's versions over the socket. Waits for the channel: while offline the last
 * list stays on screen (React Query keeps it), and the `invalidate versions` push after
 * anyone makes or restores one refetches it.
 */
export function useVersions(app: AppClient | null, docId: string) {
  const ready = useAppState(app).status === 'ready';
  return useQuery({
    queryKey: queryKeys.versions(docId),
    queryFn: async () => (await app!.call('version.list', {})).versions,
    enabled: ready && app !== null,
    retry: retryRpc,
  });
}

/** One version's content (base64 Yjs update) for the preview. Versions never change. */
export function useVersionContent(app: AppClient | null, docId: string, versionId: string | null) {
  const ready = useAppState(app).status === 'ready';
  return useQuery({
    queryKey: queryKeys.versionContent(docId, versionId ?? ''),
    queryFn: () => app!.call('version.get', { versionId: versionId! }),
    enabled: ready && app !== null && versionId !== null,
    staleTime: Number.POSITIVE_INFINITY,
    retry: retryRpc,
  });
}

function requireApp(app: AppClient | null): AppClient {
  if (!app) throw new RpcError('OFFLINE', 'Not connected to the server.');
  return app;
}

export function useCreateVersion(app: AppClient | null, docId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (label: string) => requireApp(app).call('version.create', label.trim() ? { label: label.trim() } : {}),
    onSuccess: (version) => {
      // Shown at once; the server's `invalidate` push then refetches the list for every tab.
      client.setQueryData<Version[]>(queryKeys.versions(docId), (versions) =>
        versions && !versions.some((v) => v.id === version.id) ? [version, ...versions] : versions,
      );
      void client.invalidateQueries({ queryKey: queryKeys.versions(docId) });
    },
  });
}

export function useRestoreVersion(app: AppClient | null, docId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (versionId: string) => requireApp(app).call('version.restore', { versionId }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.versions(docId) });
    },
  });
}

/**
 * A version's diff (HTTP). Against the previous version it never changes; against the
 * document now it is refetched each time it is shown, as the text moves on.
 */
export function useVersionDiff(docId: string, versionId: string, against: DiffAgainst) {
  return useQuery({
    queryKey: queryKeys.versionDiff(docId, versionId, against),
    queryFn: () => api.versionDiff(docId, versionId, against),
    staleTime: against === 'previous' ? Number.POSITIVE_INFINITY : 0,
    retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.isClientError),
  });
}
