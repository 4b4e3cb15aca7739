import type { PresenceEntry } from '../sync/presence.ts';
import { Avatar } from './Avatar.tsx';

export function PresenceList({ people }: { people: readonly PresenceEntry[] }) {
  return (
    <ul className="presence" data-testid="presence" aria-label="People in this document">
      {people.map((person) => (
        <li
          key={person.clientId}
          className="presence__user"
          data-testid="presence-user"
          title={person.isLocal ? `${person.name} (you)` : person.name}
        >
          <Avatar name={person.name} color={person.color} size="small" />
          <span className="presence__name">
            {person.name}
            {person.isLocal && <span className="presence__you"> (you)</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
