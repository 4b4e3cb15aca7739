import type { NotificationList, PublicUser, SseEvent, User } from '@inkwell/protocol';
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
    case 'user':
      personChanged(client, event.data.user);
      return;
    case 'reset':
      resyncAll(client);
      return;
  }
}

/**
 * Someone was renamed. Their own tabs take the new name at once (the open documents
 * re-publish it in their awareness, DocWorkspace → DocConnection.setUser); every view that
 * shows people refetches: members (and with them the mention picker), comment threads, the
 * document list (owners, last editors) and versions (authors).
 */
function personChanged(client: QueryClient, person: PublicUser): void {
  const me = client.getQueryData<User | null>(queryKeys.me);
  if (me && me.id === person.id) {
    client.setQueryData<User>(queryKeys.me, { ...me, name: person.name, color: person.color });
    // The refetch also updates the copy kept on this device for offline starts.
    void client.invalidateQueries({ queryKey: queryKeys.me, exact: true });
  }
  const showsPeople = new Set<unknown>([queryKeys.docs[0], queryKeys.members('')[0], queryKeys.threads('')[0], queryKeys.versions('')[0]]);
  void client.invalidateQueries({ predicate: (query) => showsPeople.has(query.queryKey[0]) });
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
