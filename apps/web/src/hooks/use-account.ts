import type { ChangePasswordBody, UpdateMeBody, User } from '@inkwell/protocol';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';

/**
 * A new display name. The account in the cache changes on success, so this tab's header and
 * open documents show it at once; other tabs and other people learn it from the event stream.
 */
export function useRename() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeBody) => api.updateMe(body),
    onSuccess: (user: User) => client.setQueryData(queryKeys.me, user),
  });
}

/** A new password; every other session of the account ends on the server. */
export function useChangePassword() {
  return useMutation({ mutationFn: (body: ChangePasswordBody) => api.changePassword(body) });
}
