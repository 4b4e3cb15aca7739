import type { PublicUser } from '@inkwell/protocol';
import { useEffect } from 'react';
import type { ActivityState, AppClient, AppState } from '../sync/app-client.ts';
import { useStore } from './use-store.ts';

const OFFLINE: AppState = { status: 'offline', user: null };
const NOBODY: readonly PublicUser[] = [];
const NO_ACTIVITY: ActivityState = { activity: null, error: null };

/** Whether calls can be made now ('ready'), and who the server says we are. */
export function useAppState(app: AppClient | null): AppState {
  return useStore(app?.state, OFFLINE);
}

/** The other people typing in the document now, in the order they started. */
export function useTyping(app: AppClient | null): readonly PublicUser[] {
  return useStore(app?.typing, NOBODY);
}

/**
 * The document's activity stream, subscribed while the calling component is mounted (and
 * again after every reconnect, which the client handles).
 */
export function useActivity(app: AppClient | null): ActivityState {
  useEffect(() => app?.subscribeActivity(), [app]);
  return useStore(app?.activity, NO_ACTIVITY);
}
