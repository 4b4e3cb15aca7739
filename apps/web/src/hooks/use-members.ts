import type { Member, ShareRole } from '@inkwell/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';

export function useMembersQuery(docId: string) {
  return useQuery({ queryKey: queryKeys.members(docId), queryFn: () => api.listMembers(docId) });
}

/** Shares with someone new, or changes the role of someone already in the list. */
export function usePutMember(docId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ email, role }: { email: string; role: ShareRole }) => api.putMember(docId, { email, role }),
    onSuccess: (member) => {
      client.setQueryData<Member[]>(queryKeys.members(docId), (members) => {
        if (!members) return members;
        const known = members.some((existing) => existing.user.id === member.user.id);
        return known ? members.map((existing) => (existing.user.id === member.user.id ? member : existing)) : [...members, member];
      });
      void client.invalidateQueries({ queryKey: queryKeys.members(docId) });
    },
  });
}

export function useRemoveMember(docId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.removeMember(docId, userId),
    onSuccess: (_result, userId) => {
      client.setQueryData<Member[]>(queryKeys.members(docId), (members) => members?.filter((member) => member.user.id !== userId));
      void client.invalidateQueries({ queryKey: queryKeys.members(docId) });
    },
  });
}
