import { type Ref, useEffect, useId } from 'react';
import type { SlashItem } from '../editor/slash-items.ts';
import { type SuggestionListHandle, useSuggestionList } from '../hooks/use-suggestion-list.ts';
import '../styles/slash-menu.css';

export interface SlashMenuProps {
  items: SlashItem[];
  /** The editor's element: it keeps the focus, so it carries aria-activedescendant. */
  editorElement: HTMLElement;
  onSelect(item: SlashItem): void;
  ref?: Ref<SlashMenuHandle>;
}

export type SlashMenuHandle = SuggestionListHandle;

/**
 * The "/" block menu. Focus stays in the editor (typing narrows the list), so the suggestion
 * plugin forwards ↑ ↓ Enter Tab here; Escape is the plugin's own and leaves the "/query" text.
 */
export function SlashMenu({ items, editorElement, onSelect, ref }: SlashMenuProps) {
  const { selected, setSelected, listRef } = useSuggestionList(items, onSelect, ref);
  const baseId = useId();
  const listId = `${baseId}-list`;
  const optionId = (index: number) => `${baseId}-option-${index}`;

  // Assistive technology hears the option chosen with the arrows: the editor keeps the focus,
  // so it names the active option (the ARIA combobox-style pattern).
  useEffect(() => {
    const option = items.length > 0 ? optionId(selected) : null;
    if (option) {
      editorElement.setAttribute('aria-activedescendant', option);
      editorElement.setAttribute('aria-controls', listId);
    } else {
      editorElement.removeAttribute('aria-activedescendant');
    }
  });
  useEffect(
    () => () => {
      editorElement.removeAttribute('aria-activedescendant');
      editorElement.removeAttribute('aria-controls');
    },
    [editorElement],
  );

  return (
    <div className="slash-menu" data-testid="slash-menu">
      {items.length === 0 ? (
        <p className="slash-menu__empty" role="status">
          No matching blocks
        </p>
      ) : (
        <ul
          ref={listRef}
          id={listId}
          className="slash-menu__items"
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an ARIA listbox on purpose: focus stays in the editor (typing narrows the list) and the suggestion plugin forwards the arrow keys, Enter and Tab through the handle, so a native <select> cannot be used.
          role="listbox"
          aria-label="Insert a block"
        >
          {items.map((item, index) => (
            // biome-ignore lint/a11y/useFocusableInteractive: the options must not take focus: it stays in the editor, which points at the active one with aria-activedescendant.
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard equivalent is Enter/Tab in the editor, forwarded by the suggestion plugin to the handle's onKeyDown.
            <li
              key={item.id}
              id={optionId(index)}
              className="slash-menu__item"
              data-testid={`slash-item-${item.id}`}
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the listbox above, chosen from the editor's keyboard (focus never moves here).
              role="option"
              aria-selected={index === selected}
              // mousedown would take the focus (and the caret) out of the editor first.
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => setSelected(index)}
              onClick={() => onSelect(item)}
            >
              <span className="slash-menu__icon" aria-hidden="true">
                {item.icon}
              </span>
              <span className="slash-menu__title">{item.title}</span>
              <span className="slash-menu__description">{item.description}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
