import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error.ts';
import { sessionEnded } from './session.ts';

const MAX_QUERY_RETRIES = 2;

// Network failures and 5xx are often transient (server restarting), so they are retried
// with react-query's backoff; a 4xx will answer the same way every time.
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.isClientError) return false;
  return failureCount < MAX_QUERY_RETRIES;
}

export function createQueryClient(): QueryClient {
  // Any request refused for want of a session (signed out in another tab, session expired)
  // means the app no longer has a user; the app shell then sends the person to sign in.
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.isUnauthorized) sessionEnded(client);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetryQuery, staleTime: 5_000 },
      // A failed create or rename is shown to the person, who decides whether to repeat it.
      mutations: { retry: false },
    },
  });
  return client;
}
