import type { User } from '@inkwell/protocol';
import type { QueryClient } from '@tanstack/react-query';
import { forgetAccount } from '../sync/local-store.ts';
import { queryKeys } from './query-keys.ts';

/** Everything cached except the account itself: documents and members of whoever was signed in. */
function forgetUserData(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
}

/**
 * The server no longer accepts our session (a 401, or socket close 4401). Setting the account
 * to null is enough: the app shell redirects to sign-in, which unmounts every page with data.
 */
export function sessionEnded(client: QueryClient): void {
  if (client.getQueryData(queryKeys.me) !== null) client.setQueryData(queryKeys.me, null);
}

/**
 * After sign-out: no account, and nothing of the previous one left in memory or on this
 * device (documents kept for offline use, their metadata: shared computers).
 */
export function signedOut(client: QueryClient, user: User | null | undefined): void {
  if (user) void forgetAccount(user.id);
  client.setQueryData(queryKeys.me, null);
  forgetUserData(client);
}

/** After sign-in or sign-up: data cached for another account must not show for this one. */
export function signedIn(client: QueryClient, user: User): void {
  forgetUserData(client);
  client.setQueryData(queryKeys.me, user);
}
