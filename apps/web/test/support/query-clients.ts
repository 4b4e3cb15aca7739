// React Query clients for cache tests: no retries, nothing goes stale by time, all cleared
// after each test so no observer outlives the test that made it.
import { QueryClient, type QueryKey, QueryObserver } from '@tanstack/react-query';
import { afterEach, expect, vi } from 'vitest';

const clients: QueryClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.clear();
});

export function newQueryClient(): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  clients.push(client);
  return client;
}

/** A query on screen: an observer with a counting queryFn, loaded once. */
export async function watchQuery<T>(client: QueryClient, queryKey: QueryKey, data: T) {
  const queryFn = vi.fn(async () => data);
  const observer = new QueryObserver(client, { queryKey, queryFn });
  const unsubscribe = observer.subscribe(() => {});
  await vi.waitFor(() => expect(observer.getCurrentResult().isSuccess).toBe(true));
  queryFn.mockClear();
  return { queryFn, unsubscribe };
}
