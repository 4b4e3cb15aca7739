import { Pages, SEARCH_QUERY_MAX_LENGTH, type SearchResult } from '@inkwell/protocol';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useDocSearch } from '../hooks/use-search.ts';
import { navigate } from '../lib/navigation.ts';
import { isSearchShortcut, searchShortcutLabel } from '../lib/search-shortcut.ts';
import { SearchPopover } from './SearchPopover.tsx';

const SHORTCUT_LABEL = searchShortcutLabel(typeof navigator === 'undefined' ? '' : navigator.platform);

/**
 * The header's search: a combobox over the documents the person can open. Typing searches
 * (debounced); ↑/↓ move through the results, Enter opens one, Escape closes the list, then
 * clears the box. "/" (outside text fields) or Ctrl/Cmd+K come here from anywhere except the
 * editor, where Ctrl/Cmd+K adds a link. On a phone it is an icon that
 * opens the box over the header.
 */
export function SearchBox() {
  const [input, setInput] = useState('');
  const [open, setOpen] = useState(false);
  // Phones: the box is shown only while searching.
  const [expanded, setExpanded] = useState(false);
  const [active, setActive] = useState(-1);
  const rootRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const search = useDocSearch(input);
  const results = input.trim() === '' ? [] : (search.query.data?.results ?? []);
  const activeResult = active >= 0 ? results[active] : undefined;

  // A new list starts with nothing chosen (state adjusted during render, not in an effect).
  const resultKey = search.query.data?.q;
  const [activeFor, setActiveFor] = useState(resultKey);
  if (activeFor !== resultKey) {
    setActiveFor(resultKey);
    setActive(-1);
  }

  useEffect(() => {
    const handleKeyDown = (event: globalThis.KeyboardEvent) => {
      // A key something focused has already used is not for search: Ctrl/Cmd+K in the
      // editor opens its link popover (editor/link-shortcut.ts) instead.
      if (event.defaultPrevented || !isSearchShortcut(event)) return;
      event.preventDefault();
      setExpanded(true);
      setOpen(true);
      // After the render that shows the box on a phone.
      requestAnimationFrame(() => {
        inputRef.current?.focus();
        inputRef.current?.select();
      });
    };
    window.addEventListener('keydown', handleKeyDown);
    return () => window.removeEventListener('keydown', handleKeyDown);
  }, []);

  // A click anywhere else closes the list (it is not modal).
  useEffect(() => {
    if (!open && !expanded) return;
    const handlePointerDown = (event: PointerEvent) => {
      if (rootRef.current?.contains(event.target as Node)) return;
      setOpen(false);
      if (inputRef.current?.value === '') setExpanded(false);
    };
    document.addEventListener('pointerdown', handlePointerDown);
    return () => document.removeEventListener('pointerdown', handlePointerDown);
  }, [open, expanded]);

  function close({ clear }: { clear: boolean }) {
    setOpen(false);
    setActive(-1);
    if (clear) {
      setInput('');
      setExpanded(false);
    }
  }

  function openResult(result: SearchResult) {
    close({ clear: true });
    inputRef.current?.blur();
    navigate(Pages.doc(result.id));
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        setOpen(true);
        if (results.length === 0) return;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((current) => (current + step + results.length + (current === -1 && step < 0 ? 1 : 0)) % results.length);
        return;
      }
      case 'Enter': {
        const target = activeResult ?? results[0];
        if (!target || !open) return;
        event.preventDefault();
        openResult(target);
        return;
      }
      case 'Escape': {
        event.preventDefault();
        if (open && input !== '') close({ clear: false });
        else {
          close({ clear: true });
          inputRef.current?.blur();
        }
        return;
      }
      default:
    }
  }

  const showPopover = open && (input.trim() !== '' || document.activeElement === inputRef.current);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: onBlur only listens to focus leaving the box or its list (React's blur bubbles like focusout); the wrapper itself is neither focusable nor interactive.
    <div
      ref={rootRef}
      className={`search${expanded ? ' search--expanded' : ''}`}
      onBlur={(event) => {
        const next = event.relatedTarget;
        if (next instanceof Node && !rootRef.current?.contains(next)) {
          setOpen(false);
          if (input === '') setExpanded(false);
        }
      }}
    >
      <button
        type="button"
        className="icon-button search__open"
        aria-label="Search documents"
        onClick={() => {
          setExpanded(true);
          setOpen(true);
          requestAnimationFrame(() => inputRef.current?.focus());
        }}
      >
        <SearchIcon />
      </button>
      <div className="search__field">
        <SearchIcon />
        <input
          ref={inputRef}
          className="search__input"
          type="search"
          role="combobox"
          aria-label="Search documents"
          aria-autocomplete="list"
          aria-expanded={showPopover}
          aria-controls={showPopover ? listId : undefined}
          aria-activedescendant={showPopover && activeResult ? `${listId}-${activeResult.id}` : undefined}
          aria-keyshortcuts="/ Control+K Meta+K"
          placeholder="Search documents"
          autoComplete="off"
          spellCheck={false}
          maxLength={SEARCH_QUERY_MAX_LENGTH}
          value={input}
          data-testid="search-input"
          onChange={(event) => {
            setInput(event.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={handleKeyDown}
        />
        {input === '' ? (
          <span className="search__kbd" aria-hidden="true">
            {SHORTCUT_LABEL}
          </span>
        ) : (
          <button
            type="button"
            className="icon-button search__clear"
            aria-label="Clear search"
            onClick={() => {
              setInput('');
              inputRef.current?.focus();
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        )}
      </div>
      <button type="button" className="button button--ghost button--small search__cancel" onClick={() => close({ clear: true })}>
        Cancel
      </button>
      {showPopover && (
        <SearchPopover
          listId={listId}
          input={input}
          search={search}
          results={results}
          active={active}
          onActivate={setActive}
          onOpen={openResult}
        />
      )}
    </div>
  );
}

function SearchIcon() {
  return (
    <svg className="search__icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="7" cy="7" r="4.75" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="m10.5 10.5 3.25 3.25" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
