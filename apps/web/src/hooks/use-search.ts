import { SEARCH_QUERY_MAX_LENGTH } from '@inkwell/protocol';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { ApiError } from '../lib/api-error.ts';
import { queryKeys } from '../lib/query-keys.ts';
import { useDebouncedValue } from './use-debounced-value.ts';

/** Pause in typing before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 200;

/**
 * The results for what is typed, searched once typing pauses. While the next search runs the
 * previous results stay (`isPlaceholderData`), so the list does not flash empty per keystroke.
 */
export function useDocSearch(input: string) {
  const q = useDebouncedValue(input, SEARCH_DEBOUNCE_MS).trim();
  const enabled = q !== '' && q.length <= SEARCH_QUERY_MAX_LENGTH;
  const query = useQuery({
    queryKey: queryKeys.search(q),
    // The results say which query they answer: while the next one runs they are still shown,
    // and highlighted with the words they were found for.
    queryFn: async () => ({ q, results: await api.search(q) }),
    enabled,
    placeholderData: keepPreviousData,
    // Stale at once: typing a query again (or reopening the box) asks again, since text
    // typed a moment ago becomes searchable within seconds; the old results show meanwhile.
    // A 400 (too long) will not change on a retry; a blip of the network may.
    retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.isClientError),
  });
  /** Typing is ahead of the results shown (debounce pending, or the search in flight). */
  const pending = input.trim() !== q || (enabled && query.isFetching);
  return { query, q, enabled, pending };
}
