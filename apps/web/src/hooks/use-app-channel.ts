import type { PublicUser } from '@inkwell/protocol';
import { useEffect, useSyncExternalStore } from 'react';
import type { ActivityState, AppClient, AppState } from '../sync/app-client.ts';

const OFFLINE: AppState = { status: 'offline', user: null };
const NOBODY: readonly PublicUser[] = [];
const NO_ACTIVITY: ActivityState = { activity: null, error: null };
const noopSubscribe = () => () => {};

/** Whether calls can be made now ('ready'), and who the server says we are. */
export function useAppState(app: AppClient | null): AppState {
  return useSyncExternalStore(app?.state.subscribe ?? noopSubscribe, app?.state.get ?? (() => OFFLINE));
}

/** The other people typing in the document now, in the order they started. */
export function useTyping(app: AppClient | null): readonly PublicUser[] {
  return useSyncExternalStore(app?.typing.subscribe ?? noopSubscribe, app?.typing.get ?? (() => NOBODY));
}

/**
 * The document's activity stream, subscribed while the calling component is mounted (and
 * again after every reconnect, which the client handles).
 */
export function useActivity(app: AppClient | null): ActivityState {
  useEffect(() => app?.subscribeActivity(), [app]);
  return useSyncExternalStore(app?.activity.subscribe ?? noopSubscribe, app?.activity.get ?? (() => NO_ACTIVITY));
}
