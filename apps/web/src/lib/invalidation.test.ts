import type { Invalidation } from '@inkwell/protocol';
import { describe, expect, it, vi } from 'vitest';
import { newQueryClient, watchQuery } from '../../test/support/query-clients.ts';
import { applyInvalidation, invalidationKey } from './invalidation.ts';
import { queryKeys } from './query-keys.ts';

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
    const client = newQueryClient();
    const versions = await watchQuery(client, queryKeys.versions('doc1'), []);
    const otherDoc = await watchQuery(client, queryKeys.versions('doc2'), []);
    client.setQueryData(queryKeys.versionContent('doc1', 'v1'), { update: '' });
    applyInvalidation(client, inv('versions', 'created'));
    await vi.waitFor(() => expect(versions.queryFn).toHaveBeenCalledTimes(1));
    expect(otherDoc.queryFn).not.toHaveBeenCalled();
    expect(client.getQueryState(queryKeys.versionContent('doc1', 'v1'))?.isInvalidated).toBe(false);
  });

  it.each(['deleted', 'unshared'] as const)('a %s doc is marked stale without a refetch', async (action) => {
    const client = newQueryClient();
    const doc = await watchQuery(client, queryKeys.doc('doc1'), []);
    applyInvalidation(client, inv('doc', action));
    const state = client.getQueryState(queryKeys.doc('doc1'));
    expect(state?.isInvalidated).toBe(true);
    // A refetch starts synchronously inside invalidateQueries; none is under way.
    expect(state?.fetchStatus).toBe('idle');
    expect(doc.queryFn).not.toHaveBeenCalled();
  });
});
