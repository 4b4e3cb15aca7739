import { useSyncExternalStore } from 'react';
import { getPathname, subscribeToLocation } from '../lib/navigation.ts';

export function usePathname(): string {
  return useSyncExternalStore(subscribeToLocation, getPathname);
}
