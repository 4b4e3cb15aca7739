import type { Doc, Notification, NotificationList, SseEvent } from '@inkwell/protocol';
import { QueryClient, type QueryKey, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from './query-keys.ts';
import { applyStreamMessage } from './stream-cache.ts';

function notification(id: string, readAt: string | null = null): Notification {
  return {
    id,
    kind: 'mentioned',
    actor: { id: 'u-ana', name: 'Ana', color: '#2f6feb' },
    docId: 'doc-1',
    docTitle: 'Plan',
    createdAt: '2026-11-27T10:00:00.000Z',
    readAt,
  };
}

const doc: Doc = {
  id: 'doc-1',
  title: 'Plan',
  role: 'editor',
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
};

const clients: QueryClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.clear();
});

function newClient(): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  clients.push(client);
  return client;
}

/** A query on screen: an observer with a counting queryFn, loaded once. */
async function watched<T>(client: QueryClient, queryKey: QueryKey, data: T) {
  const queryFn = vi.fn(async () => data);
  const observer = new QueryObserver(client, { queryKey, queryFn });
  const unsubscribe = observer.subscribe(() => {});
  await vi.waitFor(() => expect(observer.getCurrentResult().isSuccess).toBe(true));
  queryFn.mockClear();
  return { queryFn, unsubscribe };
}

const send = (client: QueryClient, event: SseEvent) => applyStreamMessage(client, { type: 'event', event });
const invalidate = (
  entity: 'docs' | 'doc' | 'members' | 'notifications',
  id: string,
  action: 'created' | 'updated' | 'deleted' | 'shared' | 'unshared' | 'read',
) => ({ id: '1', event: 'invalidate', data: { entity, id, action } }) as const satisfies SseEvent;

describe('applyStreamMessage', () => {
  it('invalidate docs refetches the document list', async () => {
    const client = newClient();
    const list = await watched(client, queryKeys.docs, [doc]);
    send(client, invalidate('docs', 'doc-2', 'shared'));
    await vi.waitFor(() => expect(list.queryFn).toHaveBeenCalledTimes(1));
  });

  it('invalidate doc and members refetch exactly that document and member list', async () => {
    const client = newClient();
    const one = await watched(client, queryKeys.doc('doc-1'), doc);
    const other = await watched(client, queryKeys.doc('doc-2'), { ...doc, id: 'doc-2' });
    const members = await watched(client, queryKeys.members('doc-1'), []);
    send(client, invalidate('doc', 'doc-1', 'updated'));
    send(client, invalidate('members', 'doc-1', 'shared'));
    await vi.waitFor(() => expect(one.queryFn).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(members.queryFn).toHaveBeenCalledTimes(1));
    expect(other.queryFn).not.toHaveBeenCalled();
  });

  it('a deleted or unshared doc is marked stale but not refetched (its socket tells the open page)', async () => {
    const client = newClient();
    const open = await watched(client, queryKeys.doc('doc-1'), doc);
    send(client, invalidate('doc', 'doc-1', 'unshared'));
    send(client, invalidate('doc', 'doc-1', 'deleted'));
    expect(client.getQueryState(queryKeys.doc('doc-1'))?.isInvalidated).toBe(true);
    // The list still refetches: the document leaves it.
    const list = await watched(client, queryKeys.docs, [doc]);
    send(client, invalidate('docs', 'doc-1', 'unshared'));
    await vi.waitFor(() => expect(list.queryFn).toHaveBeenCalledTimes(1));
    expect(open.queryFn).not.toHaveBeenCalled();
  });

  it('notification prepends to the cached list once; unread sets the count', () => {
    const client = newClient();
    client.setQueryData<NotificationList>(queryKeys.notifications, { notifications: [notification('old')], unread: 0 });
    send(client, { id: '2', event: 'notification', data: { notification: notification('new') } });
    send(client, { id: '3', event: 'notification', data: { notification: notification('new') } });
    send(client, { id: '4', event: 'unread', data: { count: 1 } });
    const list = client.getQueryData<NotificationList>(queryKeys.notifications);
    expect(list?.notifications.map((n) => n.id)).toEqual(['new', 'old']);
    expect(list?.unread).toBe(1);
  });

  it('creates no half-made list when none is cached yet', () => {
    const client = newClient();
    send(client, { id: '2', event: 'notification', data: { notification: notification('new') } });
    send(client, { id: '3', event: 'unread', data: { count: 1 } });
    expect(client.getQueryData(queryKeys.notifications)).toBeUndefined();
  });

  it('invalidate notifications (read elsewhere) refetches the list', async () => {
    const client = newClient();
    const list = await watched<NotificationList>(client, queryKeys.notifications, { notifications: [], unread: 0 });
    send(client, invalidate('notifications', '*', 'read'));
    await vi.waitFor(() => expect(list.queryFn).toHaveBeenCalledTimes(1));
  });

  it.each([
    ['a reset event', { type: 'event', event: { id: '9', event: 'reset', data: {} } }],
    ['a resync', { type: 'resync' }],
  ] as const)('%s refetches everything on screen except the account', async (_name, message) => {
    const client = newClient();
    const me = await watched(client, queryKeys.me, { id: 'u' });
    const docs = await watched(client, queryKeys.docs, [doc]);
    const notifications = await watched(client, queryKeys.notifications, { notifications: [], unread: 0 });
    client.setQueryData(queryKeys.members('doc-9'), []);
    applyStreamMessage(client, message);
    await vi.waitFor(() => expect(docs.queryFn).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(notifications.queryFn).toHaveBeenCalledTimes(1));
    expect(client.getQueryState(queryKeys.members('doc-9'))?.isInvalidated).toBe(true);
    expect(me.queryFn).not.toHaveBeenCalled();
  });
});
