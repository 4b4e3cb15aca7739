import { useId, useRef } from 'react';
import type { PresenceEntry } from '../sync/presence.ts';
import { Avatar } from './Avatar.tsx';

/** Avatars shown in the doc bar; everyone past them is behind "+N". */
const MAX_AVATARS = 3;

function describe(person: PresenceEntry): string {
  const who = person.isLocal ? `${person.name} (you)` : person.name;
  return person.tabs > 1 ? `${who}, in ${person.tabs} tabs` : who;
}

/**
 * Up to three avatars, then "+N", a button whose popover lists everyone. The strip has a
 * fixed width (doc-bar.css), so people arriving or leaving never move anything else in the bar.
 * The names stay in the text (visually hidden) for screen readers; the eye gets the tooltip.
 */
export function PresenceList({ people }: { people: readonly PresenceEntry[] }) {
  const shown = people.slice(0, MAX_AVATARS);
  const hidden = people.length - shown.length;
  const popoverId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);

  // The popover is in the top layer, so it is placed by hand under its button.
  function place() {
    const button = buttonRef.current;
    const popover = popoverRef.current;
    if (!button || !popover) return;
    const rect = button.getBoundingClientRect();
    popover.style.top = `${Math.round(rect.bottom + 6)}px`;
    popover.style.right = `${Math.max(8, Math.round(window.innerWidth - rect.right))}px`;
  }

  return (
    <div className="presence" data-count={people.length}>
      <ul className="presence__list" data-testid="presence" aria-label="People in this document">
        {shown.map((person) => (
          <li key={person.key} className="presence__user" data-testid="presence-user" data-tabs={person.tabs} title={describe(person)}>
            <Avatar name={person.name} color={person.color} size="small" />
            <span className="presence__name">
              {person.name}
              {person.isLocal && <span className="presence__you"> (you)</span>}
            </span>
          </li>
        ))}
      </ul>
      {hidden > 0 && (
        <>
          <button
            ref={buttonRef}
            type="button"
            className="presence__more"
            popoverTarget={popoverId}
            aria-label={`Everyone in this document (${people.length})`}
            title={`${hidden} more: show everyone`}
            data-testid="presence-more"
            onClick={place}
          >
            +{hidden}
          </button>
          <div ref={popoverRef} id={popoverId} popover="auto" className="presence__popover" data-testid="presence-popover">
            <p className="presence__popover-title">In this document ({people.length})</p>
            <ul className="presence__popover-list">
              {people.map((person) => (
                <li key={person.key} className="presence__popover-item">
                  <Avatar name={person.name} color={person.color} size="small" />
                  <span className="presence__popover-name">{describe(person)}</span>
                </li>
              ))}
            </ul>
          </div>
        </>
      )}
    </div>
  );
}
