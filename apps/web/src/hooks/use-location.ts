import { getPathname, getSearch, subscribeToLocation } from '../lib/navigation.ts';
import { type ReadableStore, useStore } from './use-store.ts';

const pathname: ReadableStore<string> = { subscribe: subscribeToLocation, get: getPathname };
const search: ReadableStore<string> = { subscribe: subscribeToLocation, get: getSearch };

export function usePathname(): string {
  return useStore(pathname);
}

/** The query string, `?…` or empty. */
export function useSearch(): string {
  return useStore(search);
}
