import type { Invalidation } from '@inkwell/protocol';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { queryKeys } from './query-keys.ts';

// The one place where an invalidation (from the document socket or the event stream) turns
// into React Query work. Both channels announce the same things, so they must act the same.

/** The cache entry an invalidation names. */
export function invalidationKey({ entity, id }: Invalidation): QueryKey {
  switch (entity) {
    case 'docs':
      return queryKeys.docs;
    case 'doc':
      return queryKeys.doc(id);
    case 'members':
      return queryKeys.members(id);
    case 'versions':
      return queryKeys.versions(id);
    case 'notifications':
      return queryKeys.notifications;
    case 'trash':
      return queryKeys.trash;
    default: {
      const unreachable: never = entity;
      return unreachable;
    }
  }
}

/** Marks the named entry stale; whoever shows it refetches, unless it is gone (below). */
export function applyInvalidation(client: QueryClient, invalidation: Invalidation): void {
  const queryKey = invalidationKey(invalidation);
  const gone = invalidation.action === 'deleted' || invalidation.action === 'unshared';
  if (invalidation.entity === 'doc' && gone) {
    // An open editor learns this from its socket (close 4404/4403) and shows "deleted" or
    // "you no longer have access"; refetching here would race it with a bare 404. The
    // cached doc is only marked stale, so the next page that needs it asks again.
    void client.invalidateQueries({ queryKey, exact: true, refetchType: 'none' });
    return;
  }
  void client.invalidateQueries({ queryKey, exact: true });
}
