import { type LoginBody, Pages, type RegisterBody } from '@inkwell/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { navigate } from '../lib/navigation.ts';
import { queryKeys } from '../lib/query-keys.ts';
import { signedIn, signedOut } from '../lib/session.ts';

/** The signed-in account: a User, null when signed out, undefined while the first answer is out. */
export function useMeQuery() {
  return useQuery({ queryKey: queryKeys.me, queryFn: api.me });
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
    mutationFn: api.logout,
    onSuccess: () => {
      // Navigate first: the page holding documents unmounts in the same render that drops them.
      navigate(Pages.signIn, { replace: true });
      signedOut(client);
    },
  });
}
