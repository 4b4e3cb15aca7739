// The keyboard of a suggestion list that opens while the editor keeps the focus ("@" people,
// "/" blocks): the suggestion plugin forwards ↑ ↓ Enter Tab through the list's handle. ↑/↓
// wrap, Enter and Tab pick; a new list (the query changed) starts again at its first entry, and
// the chosen entry stays in view (the options are the list element's children).
import { type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';

export interface SuggestionListHandle {
  /** Keys typed in the editor while the list is open; true when the list used the key. */
  onKeyDown(event: KeyboardEvent): boolean;
}

export function useSuggestionList<T>(items: T[], onSelect: (item: T) => void, ref: Ref<SuggestionListHandle> | undefined) {
  const [selected, setSelected] = useState(0);
  const [shownItems, setShownItems] = useState(items);
  const listRef = useRef<HTMLUListElement>(null);
  if (items !== shownItems) {
    setShownItems(items);
    setSelected(0);
  }

  useImperativeHandle(
    ref,
    () => ({
      onKeyDown(event) {
        if (items.length === 0) return false;
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          const step = event.key === 'ArrowDown' ? 1 : -1;
          setSelected((index) => (index + step + items.length) % items.length);
          return true;
        }
        if (event.key === 'Enter' || event.key === 'Tab') {
          const item = items[selected];
          if (item) onSelect(item);
          return true;
        }
        return false;
      },
    }),
    [items, selected, onSelect],
  );

  useEffect(() => {
    listRef.current?.children[selected]?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return { selected, setSelected, listRef };
}
