import type { PresenceEntry } from '../sync/presence.ts';
import { Avatar } from './Avatar.tsx';

function describe(person: PresenceEntry): string {
  const who = person.isLocal ? `${person.name} (you)` : person.name;
  return person.tabs > 1 ? `${who}, in ${person.tabs} tabs` : who;
}

/** One avatar per person; their tabs each keep their own caret in the text. */
export function PresenceList({ people }: { people: readonly PresenceEntry[] }) {
  return (
    <ul className="presence" data-testid="presence" aria-label="People in this document">
      {people.map((person) => (
        <li key={person.key} className="presence__user" data-testid="presence-user" data-tabs={person.tabs} title={describe(person)}>
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
