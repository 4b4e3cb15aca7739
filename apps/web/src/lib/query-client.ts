import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error.ts';

const MAX_QUERY_RETRIES = 2;

// Network failures and 5xx are often transient (server restarting), so they are retried
// with react-query's backoff; a 4xx will answer the same way every time.
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.isClientError) return false;
  return failureCount < MAX_QUERY_RETRIES;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetryQuery, staleTime: 5_000 },
      // A failed create or rename is shown to the person, who decides whether to repeat it.
      mutations: { retry: false },
    },
  });
}

export const queryKeys = {
  docs: ['docs'] as const,
  doc: (id: string) => ['doc', id] as const,
};
