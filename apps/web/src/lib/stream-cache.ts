import type { Invalidation, NotificationList, SseEvent } from '@inkwell/protocol';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { StreamMessage } from '../sync/sse-connection.ts';
import { queryKeys } from './query-keys.ts';

// What the event stream does to React Query's cache. The stream announces changes and the
// app refetches over HTTP (the "poke" idea): only notifications and the unread count come
// in full, because the bell shows them at once and they are small.

function keyOf({ entity, id }: Invalidation): QueryKey {
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
  }
}

function applyInvalidation(client: QueryClient, invalidation: Invalidation): void {
  const queryKey = keyOf(invalidation);
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

function applyEvent(client: QueryClient, event: SseEvent): void {
  switch (event.event) {
    case 'invalidate':
      applyInvalidation(client, event.data);
      return;
    case 'notification': {
      const { notification } = event.data;
      // No list cached yet: the first fetch will include it. The count arrives as `unread`.
      client.setQueryData<NotificationList>(queryKeys.notifications, (list) => {
        if (!list || list.notifications.some((existing) => existing.id === notification.id)) return list;
        return { ...list, notifications: [notification, ...list.notifications] };
      });
      return;
    }
    case 'unread':
      client.setQueryData<NotificationList>(queryKeys.notifications, (list) =>
        list ? { ...list, unread: event.data.count } : list,
      );
      return;
    case 'reset':
      resyncAll(client);
      return;
  }
}

/** Every cached query is stale; the ones on screen refetch now, the rest when next shown. */
export function resyncAll(client: QueryClient): void {
  // The account itself is not the stream's business: a 401 or sign-out settles that.
  void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
}

export function applyStreamMessage(client: QueryClient, message: StreamMessage): void {
  if (message.type === 'resync') resyncAll(client);
  else applyEvent(client, message.event);
}
