import type { Invalidation } from '@inkwell/protocol';
import { QueryClient, type QueryKey, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyInvalidation, invalidationKey } from './invalidation.ts';
import { queryKeys } from './query-keys.ts';

const clients: QueryClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.clear();
});

function newClient(): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  clients.push(client);
  return client;
}

async function watched(client: QueryClient, queryKey: QueryKey) {
  const queryFn = vi.fn(async () => []);
  const observer = new QueryObserver(client, { queryKey, queryFn });
  const unsubscribe = observer.subscribe(() => {});
  await vi.waitFor(() => expect(observer.getCurrentResult().isSuccess).toBe(true));
  queryFn.mockClear();
  return { queryFn, unsubscribe };
}

const inv = (entity: Invalidation['entity'], action: Invalidation['action'], id = 'doc1'): Invalidation => ({ entity, id, action });

describe('invalidationKey', () => {
  it('names the query of every entity', () => {
    expect(invalidationKey(inv('docs', 'created'))).toEqual(queryKeys.docs);
    expect(invalidationKey(inv('doc', 'updated'))).toEqual(queryKeys.doc('doc1'));
    expect(invalidationKey(inv('members', 'shared'))).toEqual(queryKeys.members('doc1'));
    expect(invalidationKey(inv('versions', 'restored'))).toEqual(queryKeys.versions('doc1'));
    expect(invalidationKey(inv('notifications', 'read', '*'))).toEqual(queryKeys.notifications);
  });
});

describe('applyInvalidation', () => {
  it('refetches exactly the named query on screen', async () => {
    const client = newClient();
    const versions = await watched(client, queryKeys.versions('doc1'));
    const otherDoc = await watched(client, queryKeys.versions('doc2'));
    client.setQueryData(queryKeys.versionContent('doc1', 'v1'), { update: '' });
    applyInvalidation(client, inv('versions', 'created'));
    await vi.waitFor(() => expect(versions.queryFn).toHaveBeenCalledTimes(1));
    expect(otherDoc.queryFn).not.toHaveBeenCalled();
    expect(client.getQueryState(queryKeys.versionContent('doc1', 'v1'))?.isInvalidated).toBe(false);
  });

  it.each(['deleted', 'unshared'] as const)('a %s doc is marked stale without a refetch', async (action) => {
    const client = newClient();
    const doc = await watched(client, queryKeys.doc('doc1'));
    applyInvalidation(client, inv('doc', action));
    expect(client.getQueryState(queryKeys.doc('doc1'))?.isInvalidated).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(doc.queryFn).not.toHaveBeenCalled();
  });
});
