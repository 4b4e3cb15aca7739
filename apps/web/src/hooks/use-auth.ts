import { type LoginBody, Pages, type RegisterBody, type User, userSchema } from '@inkwell/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { ApiError } from '../lib/api-error.ts';
import { navigate } from '../lib/navigation.ts';
import { queryKeys } from '../lib/query-keys.ts';
import { signedIn, signedOut } from '../lib/session.ts';
import { forgetMe, rememberedMe, rememberMe } from '../sync/local-store.ts';

/** The signed-in account: a User, null when signed out, undefined while the first answer is out. */
export function useMeQuery() {
  // 'always': react-query would otherwise pause the request while the browser is offline, and
  // the app would wait for the network instead of starting from what this device knows.
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchMe, networkMode: 'always' });
}

/**
 * The account from the server; without the network, the one last signed in on this device,
 * so documents kept here open offline (docs/web.md, "Offline"). The server decides again as
 * soon as it answers (react-query refetches when the browser is back online).
 */
async function fetchMe(): Promise<User | null> {
  try {
    const user = await api.me();
    if (user) rememberMe(user);
    else forgetMe();
    return user;
  } catch (error) {
    if (!(error instanceof ApiError && error.isNetworkError)) throw error;
    const remembered = userSchema.safeParse(rememberedMe());
    if (remembered.success) return remembered.data;
    throw error;
  }
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.login(body),
    onSuccess: (user) => signedIn(client, user),
  });
}

export function useSignUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterBody) => api.register(body),
    onSuccess: (user) => signedIn(client, user),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    // The account is read before the request: the server's logout also closes this session's
    // sockets (4401), which may clear it from the cache before the answer arrives.
    mutationFn: async () => {
      const user = client.getQueryData<User | null>(queryKeys.me);
      await api.logout();
      return user;
    },
    onSuccess: (user) => {
      // Navigate first: the page holding documents unmounts in the same render that drops them.
      navigate(Pages.signIn, { replace: true });
      signedOut(client, user);
    },
  });
}
