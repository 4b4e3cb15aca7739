import type { Doc, Notification, NotificationList, SseEvent } from '@inkwell/protocol';
import type { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { newQueryClient, watchQuery } from '../../test/support/query-clients.ts';
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

const send = (client: QueryClient, event: SseEvent) => applyStreamMessage(client, { type: 'event', event });
const invalidate = (
  entity: 'docs' | 'doc' | 'members' | 'notifications',
  id: string,
  action: 'created' | 'updated' | 'deleted' | 'shared' | 'unshared' | 'read',
) => ({ id: '1', event: 'invalidate', data: { entity, id, action } }) as const satisfies SseEvent;

describe('applyStreamMessage', () => {
  it('invalidate docs refetches the document list', async () => {
    const client = newQueryClient();
    const list = await watchQuery(client, queryKeys.docs, [doc]);
    send(client, invalidate('docs', 'doc-2', 'shared'));
    await vi.waitFor(() => expect(list.queryFn).toHaveBeenCalledTimes(1));
  });

  it('invalidate doc and members refetch exactly that document and member list', async () => {
    const client = newQueryClient();
    const one = await watchQuery(client, queryKeys.doc('doc-1'), doc);
    const other = await watchQuery(client, queryKeys.doc('doc-2'), { ...doc, id: 'doc-2' });
    const members = await watchQuery(client, queryKeys.members('doc-1'), []);
    send(client, invalidate('doc', 'doc-1', 'updated'));
    send(client, invalidate('members', 'doc-1', 'shared'));
    await vi.waitFor(() => expect(one.queryFn).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(members.queryFn).toHaveBeenCalledTimes(1));
    expect(other.queryFn).not.toHaveBeenCalled();
  });

  it('a deleted or unshared doc is marked stale but not refetched (its socket tells the open page)', async () => {
    const client = newQueryClient();
    const open = await watchQuery(client, queryKeys.doc('doc-1'), doc);
    send(client, invalidate('doc', 'doc-1', 'unshared'));
    send(client, invalidate('doc', 'doc-1', 'deleted'));
    expect(client.getQueryState(queryKeys.doc('doc-1'))?.isInvalidated).toBe(true);
    // The list still refetches: the document leaves it.
    const list = await watchQuery(client, queryKeys.docs, [doc]);
    send(client, invalidate('docs', 'doc-1', 'unshared'));
    await vi.waitFor(() => expect(list.queryFn).toHaveBeenCalledTimes(1));
    expect(open.queryFn).not.toHaveBeenCalled();
  });

  it('notification prepends to the cached list once; unread sets the count', () => {
    const client = newQueryClient();
    client.setQueryData<NotificationList>(queryKeys.notifications, { notifications: [notification('old')], unread: 0 });
    send(client, { id: '2', event: 'notification', data: { notification: notification('new') } });
    send(client, { id: '3', event: 'notification', data: { notification: notification('new') } });
    send(client, { id: '4', event: 'unread', data: { count: 1 } });
    const list = client.getQueryData<NotificationList>(queryKeys.notifications);
    expect(list?.notifications.map((n) => n.id)).toEqual(['new', 'old']);
    expect(list?.unread).toBe(1);
  });

  it('creates no half-made list when none is cached yet', () => {
    const client = newQueryClient();
    send(client, { id: '2', event: 'notification', data: { notification: notification('new') } });
    send(client, { id: '3', event: 'unread', data: { count: 1 } });
    expect(client.getQueryData(queryKeys.notifications)).toBeUndefined();
  });

  it('invalidate notifications (read elsewhere) refetches the list', async () => {
    const client = newQueryClient();
    const list = await watchQuery<NotificationList>(client, queryKeys.notifications, { notifications: [], unread: 0 });
    send(client, invalidate('notifications', '*', 'read'));
    await vi.waitFor(() => expect(list.queryFn).toHaveBeenCalledTimes(1));
  });

  it.each([
    ['a reset event', { type: 'event', event: { id: '9', event: 'reset', data: {} } }],
    ['a resync', { type: 'resync' }],
  ] as const)('%s refetches everything on screen except the account', async (_name, message) => {
    const client = newQueryClient();
    const me = await watchQuery(client, queryKeys.me, { id: 'u' });
    const docs = await watchQuery(client, queryKeys.docs, [doc]);
    const notifications = await watchQuery(client, queryKeys.notifications, { notifications: [], unread: 0 });
    client.setQueryData(queryKeys.members('doc-9'), []);
    applyStreamMessage(client, message);
    await vi.waitFor(() => expect(docs.queryFn).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(notifications.queryFn).toHaveBeenCalledTimes(1));
    expect(client.getQueryState(queryKeys.members('doc-9'))?.isInvalidated).toBe(true);
    expect(me.queryFn).not.toHaveBeenCalled();
  });
});
