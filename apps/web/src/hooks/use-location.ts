import { useSyncExternalStore } from 'react';
import { getPathname, getSearch, subscribeToLocation } from '../lib/navigation.ts';

export function usePathname(): string {
  return useSyncExternalStore(subscribeToLocation, getPathname);
}

/** The query string, `?…` or empty. */
export function useSearch(): string {
  return useSyncExternalStore(subscribeToLocation, getSearch);
}
