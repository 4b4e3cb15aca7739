import { type Ref, useId } from 'react';
import type { MentionCandidate } from '../editor/mention-source.ts';
import { type SuggestionListHandle, useSuggestionList } from '../hooks/use-suggestion-list.ts';
import { Avatar } from './Avatar.tsx';

export interface MentionListProps {
  items: MentionCandidate[];
  query: string;
  loading: boolean;
  /** Loading the members failed. */
  error: boolean;
  /** The document has no member but the person typing. */
  nobodyElse: boolean;
  onSelect(item: MentionCandidate): void;
  ref?: Ref<MentionListHandle>;
}

export type MentionListHandle = SuggestionListHandle;

/**
 * The "@" picker. Focus stays in the editor the whole time (typing narrows the list), so the
 * editor forwards arrow keys, Enter and Tab here through the handle.
 */
export function MentionList({ items, query, loading, error, nobodyElse, onSelect, ref }: MentionListProps) {
  const { selected, setSelected, listRef } = useSuggestionList(items, onSelect, ref);
  const baseId = useId();

  let message: string | null = null;
  if (items.length === 0) {
    if (loading) message = 'Loading members…';
    else if (error) message = 'Couldn’t load the members of this document';
    else if (nobodyElse) message = 'Share this document to mention someone';
    else message = query ? 'No members match' : 'No members to mention';
  }

  return (
    <div className="mention-list" data-testid="mention-list">
      {message !== null ? (
        <p className={`mention-list__empty${error ? ' mention-list__empty--error' : ''}`} role="status">
          {message}
        </p>
      ) : (
        <ul
          ref={listRef}
          className="mention-list__items"
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an ARIA listbox on purpose: focus stays in the editor (typing narrows the list) and Tiptap's suggestion plugin forwards the arrow keys, Enter and Tab through the handle, so a native <select> cannot be used.
          role="listbox"
          aria-label="Mention someone"
        >
          {items.map((item, index) => (
            // biome-ignore lint/a11y/useFocusableInteractive: the options must not take focus: it stays in the editor, which drives the selection (aria-selected) through the handle's onKeyDown.
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard equivalent is Enter/Tab in the editor, forwarded by Tiptap's suggestion plugin to the handle's onKeyDown.
            <li
              key={item.id}
              id={`${baseId}-${index}`}
              className="mention-list__item"
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the listbox above, selected from the editor's keyboard (focus never moves here).
              role="option"
              aria-selected={index === selected}
              // mousedown would take focus (and the selection) out of the editor first.
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setSelected(index)}
              onClick={() => onSelect(item)}
            >
              <Avatar name={item.label} color={item.color} size="small" />
              <span className="mention-list__name">{item.label}</span>
              <span className="mention-list__email">{item.email}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
