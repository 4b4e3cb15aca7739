import type { NotificationList, SseEvent } from '@inkwell/protocol';
import type { QueryClient } from '@tanstack/react-query';
import type { StreamMessage } from '../sync/sse-connection.ts';
import { applyInvalidation } from './invalidation.ts';
import { queryKeys } from './query-keys.ts';

// What the event stream does to React Query's cache. The stream announces changes and the
// app refetches over HTTP (the "poke" idea): only notifications and the unread count come
// in full, because the bell shows them at once and they are small.

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
      client.setQueryData<NotificationList>(queryKeys.notifications, (list) => (list ? { ...list, unread: event.data.count } : list));
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
