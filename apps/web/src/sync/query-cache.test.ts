import { type Doc, PROTOCOL_VERSION, type Thread } from '@inkwell/protocol';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invalidationKey } from '../lib/invalidation.ts';
import { queryKeys } from '../lib/query-keys.ts';
import { AppClient } from './app-client.ts';
import { connectQueryCache } from './query-cache.ts';

const T0 = '2026-11-27T06:00:00.000Z';
const T1 = '2026-11-27T06:05:00.000Z';
const DOC: Doc = { id: 'doc1', title: 'Plans', role: 'editor', createdAt: T0, updatedAt: T0 };
const OTHER: Doc = { ...DOC, id: 'doc2', title: 'Other' };

describe('the app channel in the query cache', () => {
  let client: QueryClient;
  let app: AppClient;
  let disconnect: () => void;
  beforeEach(() => {
    client = new QueryClient();
    app = new AppClient({ send: () => true });
    app.socketOpened();
    app.receive({ type: 'welcome', protocol: PROTOCOL_VERSION, user: null, connectionId: 'c1' });
    disconnect = connectQueryCache(app, client, 'doc1');
  });
  afterEach(() => {
    disconnect();
    app.destroy();
    client.clear();
  });

  it('a full doc push replaces the cached document and its entry in the list', () => {
    client.setQueryData(queryKeys.doc('doc1'), { ...DOC, title: 'Stale', role: 'owner' });
    client.setQueryData(queryKeys.docs, [OTHER, { ...DOC, title: 'Stale' }]);
    const pushed = { ...DOC, title: 'Fresh', updatedAt: T1 };
    app.receive({ type: 'doc', payload: pushed });
    expect(client.getQueryData(queryKeys.doc('doc1'))).toEqual(pushed);
    expect(client.getQueryData(queryKeys.docs)).toEqual([OTHER, pushed]);
  });

  it('a docPatch merges only the fields it carries', () => {
    client.setQueryData(queryKeys.doc('doc1'), DOC);
    client.setQueryData(queryKeys.docs, [DOC, OTHER]);
    app.receive({ type: 'docPatch', id: 'doc1', delta: { title: 'Renamed', updatedAt: T1 } });
    expect(client.getQueryData(queryKeys.doc('doc1'))).toEqual({ ...DOC, title: 'Renamed', updatedAt: T1 });
    expect(client.getQueryData<Doc[]>(queryKeys.docs)?.map((d) => d.title)).toEqual(['Renamed', 'Other']);
    app.receive({ type: 'docPatch', id: 'doc1', delta: { role: 'viewer' } });
    expect(client.getQueryData(queryKeys.doc('doc1'))).toEqual({ ...DOC, title: 'Renamed', updatedAt: T1, role: 'viewer' });
  });

  it('a docPatch for a document not in the cache adds nothing', () => {
    app.receive({ type: 'docPatch', id: 'doc9', delta: { title: 'Ghost' } });
    expect(client.getQueryData(queryKeys.doc('doc9'))).toBeUndefined();
  });

  it('invalidate marks the named query stale and leaves the others alone', () => {
    client.setQueryData(queryKeys.versions('doc1'), []);
    client.setQueryData(queryKeys.versionContent('doc1', 'v1'), { update: '' });
    client.setQueryData(queryKeys.members('doc1'), []);
    app.receive({ type: 'invalidate', entity: 'versions', id: 'doc1', action: 'restored' });
    expect(client.getQueryState(queryKeys.versions('doc1'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.versionContent('doc1', 'v1'))?.isInvalidated).toBe(false);
    expect(client.getQueryState(queryKeys.members('doc1'))?.isInvalidated).toBe(false);
    app.receive({ type: 'invalidate', entity: 'members', id: 'doc1', action: 'shared' });
    expect(client.getQueryState(queryKeys.members('doc1'))?.isInvalidated).toBe(true);
  });

  it('a deleted doc pushed on the socket is marked stale but not refetched, as on the event stream', async () => {
    const queryFn = vi.fn(async () => DOC);
    const observer = new QueryObserver(client, { queryKey: queryKeys.doc('doc1'), queryFn, staleTime: Infinity });
    const unsubscribe = observer.subscribe(() => {});
    await vi.waitFor(() => expect(observer.getCurrentResult().isSuccess).toBe(true));
    queryFn.mockClear();
    app.receive({ type: 'invalidate', entity: 'doc', id: 'doc1', action: 'deleted' });
    const state = client.getQueryState(queryKeys.doc('doc1'));
    expect(state?.isInvalidated).toBe(true);
    // A refetch starts synchronously inside invalidateQueries; none is under way.
    expect(state?.fetchStatus).toBe('idle');
    expect(queryFn).not.toHaveBeenCalled();
    unsubscribe();
  });

  it('a thread push updates the document’s threads; a deleted one goes', () => {
    const thread: Thread = {
      id: 't1',
      anchor: { start: 'AAAA', end: 'BBBB', quote: 'Plan' },
      resolved: false,
      resolvedBy: null,
      resolvedAt: null,
      createdAt: T0,
      comments: [],
    };
    client.setQueryData<Thread[]>(queryKeys.threads('doc1'), []);
    app.receive({ type: 'thread', thread });
    expect(client.getQueryData(queryKeys.threads('doc1'))).toEqual([thread]);
    app.receive({ type: 'thread', thread: { ...thread, resolved: true } });
    expect(client.getQueryData<Thread[]>(queryKeys.threads('doc1'))?.[0]?.resolved).toBe(true);
    app.receive({ type: 'thread', thread: { id: 't1', deleted: true } });
    expect(client.getQueryData(queryKeys.threads('doc1'))).toEqual([]);
  });

  it('every welcome (a reconnect) marks the threads stale, since pushes were missed offline', () => {
    client.setQueryData<Thread[]>(queryKeys.threads('doc1'), []);
    app.socketClosed();
    app.socketOpened();
    app.receive({ type: 'welcome', protocol: PROTOCOL_VERSION, user: null, connectionId: 'c2' });
    expect(client.getQueryState(queryKeys.threads('doc1'))?.isInvalidated).toBe(true);
  });

  it('stops feeding the cache once disconnected', () => {
    client.setQueryData(queryKeys.doc('doc1'), DOC);
    disconnect();
    app.receive({ type: 'docPatch', id: 'doc1', delta: { title: 'Late' } });
    expect(client.getQueryData<Doc>(queryKeys.doc('doc1'))?.title).toBe('Plans');
  });

  it('names a query key for every entity', () => {
    expect(invalidationKey({ entity: 'docs', id: 'doc1', action: 'created' })).toEqual(queryKeys.docs);
    expect(invalidationKey({ entity: 'doc', id: 'doc1', action: 'updated' })).toEqual(queryKeys.doc('doc1'));
    expect(invalidationKey({ entity: 'notifications', id: '*', action: 'read' })).toEqual(['notifications']);
  });
});
