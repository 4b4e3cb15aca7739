import type { PresenceUser } from '@inkwell/protocol';
import { useSyncExternalStore } from 'react';
import { getLocalUser, subscribeToLocalUser } from '../lib/local-user.ts';

export function useLocalUser(): PresenceUser | null {
  return useSyncExternalStore(subscribeToLocalUser, getLocalUser);
}
