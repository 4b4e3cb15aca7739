import type { Member, ShareRole } from '@inkwell/protocol';
import { useState } from 'react';
import { useMeQuery } from '../hooks/use-auth.ts';
import { useMembersQuery, usePutMember, useRemoveMember } from '../hooks/use-members.ts';
import { errorMessage } from '../lib/api-error.ts';
import { ROLE_LABELS, SHARE_ROLES } from '../lib/roles.ts';
import { Avatar } from './Avatar.tsx';

/** Who can open the document (owner first, as the server sends it), for its owner to manage. */
export function MemberList({ docId }: { docId: string }) {
  const members = useMembersQuery(docId);
  const myId = useMeQuery().data?.id;

  if (members.isPending) {
    return (
      <p className="share__state" aria-busy="true">
        Loading people…
      </p>
    );
  }
  if (members.isError && !members.data) {
    return (
      <div className="share__state share__state--error" role="alert">
        <span>Couldn’t load who has access: {errorMessage(members.error)}</span>
        <button type="button" className="button button--small" onClick={() => void members.refetch()} disabled={members.isFetching}>
          {members.isFetching ? 'Retrying…' : 'Try again'}
        </button>
      </div>
    );
  }

  const others = members.data.filter((member) => member.role !== 'owner');
  return (
    <>
      <ul className="members" aria-label="People with access" data-testid="members">
        {members.data.map((member) => (
          <MemberRow key={member.user.id} docId={docId} member={member} isYou={member.user.id === myId} />
        ))}
      </ul>
      {others.length === 0 && <p className="share__state">Not shared with anyone yet.</p>}
    </>
  );
}

function MemberRow({ docId, member, isYou }: { docId: string; member: Member; isYou: boolean }) {
  const put = usePutMember(docId);
  const remove = useRemoveMember(docId);
  const [error, setError] = useState<string | null>(null);
  const { user, role } = member;
  const busy = put.isPending || remove.isPending;

  function changeRole(next: ShareRole) {
    setError(null);
    put.mutate({ email: user.email, role: next }, { onError: (failure) => setError(errorMessage(failure)) });
  }

  function removeMember() {
    setError(null);
    remove.mutate(user.id, { onError: (failure) => setError(errorMessage(failure)) });
  }

  return (
    <li className="member" data-testid="member" data-user-id={user.id} aria-busy={busy || undefined}>
      <Avatar name={user.name} color={user.color} />
      <div className="member__who">
        <span className="member__name">
          {user.name}
          {isYou && <span className="member__you"> (you)</span>}
        </span>
        <span className="member__email">{user.email}</span>
      </div>
      {role === 'owner' ? (
        <span className="member__role">{ROLE_LABELS.owner}</span>
      ) : (
        <div className="member__actions">
          <select
            className="select select--compact"
            aria-label={`Role for ${user.name}`}
            value={role}
            disabled={busy}
            onChange={(event) => changeRole(event.target.value as ShareRole)}
          >
            {SHARE_ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--ghost button--small button--danger-text"
            aria-label={`Remove ${user.name}`}
            onClick={removeMember}
            disabled={busy}
          >
            Remove
          </button>
        </div>
      )}
      {error && (
        <p className="field__error member__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
