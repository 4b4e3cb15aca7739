import type { PublicUser } from '@inkwell/protocol';
import { typingSentence } from '../sync/typing-peers.ts';

/**
 * "Ana is typing…" under the editor. The line keeps its height when empty, so the page does
 * not jump each time someone starts or stops; a polite live region announces changes
 * without interrupting a screen reader user's own typing.
 */
export function TypingIndicator({ people }: { people: readonly PublicUser[] }) {
  const sentence = typingSentence(people.map((person) => person.name));
  return (
    <div className="typing-line" aria-live="polite" data-testid="typing-indicator">
      {sentence && (
        <span className="typing-line__pill">
          <span className="typing-line__faces" aria-hidden="true">
            {people.slice(0, 3).map((person) => (
              <span key={person.id} className="typing-line__face" style={{ backgroundColor: person.color }} />
            ))}
          </span>
          <span className="typing-line__text">{sentence}</span>
        </span>
      )}
    </div>
  );
}
