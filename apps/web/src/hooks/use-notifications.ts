import type { NotificationList } from '@inkwell/protocol';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';

/**
 * The bell's data. Kept fresh by the event stream (`notification` prepends, `unread` sets the
 * count, `invalidate notifications` refetches), so it never polls.
 */
export function useNotificationsQuery() {
  return useQuery({ queryKey: queryKeys.notifications, queryFn: api.listNotifications, staleTime: Infinity });
}

type Snapshot = NotificationList | undefined;

// Read state changes show at once in this tab; the server's `unread` and `invalidate` events
// then confirm it here and carry it to every other tab and device.
async function markLocally(client: QueryClient, id: string | '*'): Promise<Snapshot> {
  await client.cancelQueries({ queryKey: queryKeys.notifications });
  const previous = client.getQueryData<NotificationList>(queryKeys.notifications);
  if (previous) {
    const now = new Date().toISOString();
    let newlyRead = 0;
    const notifications = previous.notifications.map((notification) => {
      if (notification.readAt !== null || (id !== '*' && notification.id !== id)) return notification;
      newlyRead += 1;
      return { ...notification, readAt: now };
    });
    const unread = id === '*' ? 0 : Math.max(0, previous.unread - newlyRead);
    client.setQueryData<NotificationList>(queryKeys.notifications, { notifications, unread });
  }
  return previous;
}

function useMarkMutation(mutationFn: (id: string) => Promise<void>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onMutate: (id: string) => markLocally(client, id),
    onError: (_error, _id, previous) => {
      if (previous) client.setQueryData(queryKeys.notifications, previous);
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.notifications }),
  });
}

export function useMarkNotificationRead() {
  return useMarkMutation((id) => api.markNotificationRead(id));
}

export function useMarkAllNotificationsRead() {
  const mutation = useMarkMutation(() => api.markAllNotificationsRead());
  return { ...mutation, mutate: () => mutation.mutate('*') };
}
