import type { SearchResult } from '@inkwell/protocol';
import { useNow } from '../hooks/use-now.ts';
import type { useDocSearch } from '../hooks/use-search.ts';
import { errorMessage } from '../lib/api-error.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../lib/relative-time.ts';
import { queryWords } from '../lib/search-highlight.ts';
import { Highlighted } from './Highlighted.tsx';

interface SearchPopoverProps {
  listId: string;
  input: string;
  search: ReturnType<typeof useDocSearch>;
  results: SearchResult[];
  active: number;
  onActivate: (index: number) => void;
  onOpen: (result: SearchResult) => void;
}

/** Below the search box: a hint, "Searching…", the results, "No documents match", or the error. */
export function SearchPopover({ listId, input, search, results, active, onActivate, onOpen }: SearchPopoverProps) {
  const now = useNow();
  const { query, pending } = search;
  const typed = input.trim();
  // The words the shown results were found for (they may be the previous query's, still shown).
  const shownFor = query.data?.q ?? typed;

  let body: React.ReactNode = null;
  let announcement = '';
  if (typed === '') {
    body = (
      <div className="search-popover__state">
        <p className="search-popover__title">Search your documents</p>
        <p>Finds words in the titles and text of every document you can open.</p>
      </div>
    );
  } else if (queryWords(typed).length === 0) {
    body = <p className="search-popover__state">Type a word to search for; punctuation alone finds nothing.</p>;
  } else if (query.isError && !query.data) {
    announcement = 'Search failed';
    body = (
      <div className="search-popover__state search-popover__state--error" role="alert">
        <p>Couldn't search: {errorMessage(query.error)}</p>
        <button type="button" className="button button--small" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  } else if (!query.data) {
    body = (
      <p className="search-popover__state" aria-busy="true">
        Searching…
      </p>
    );
  } else if (results.length === 0 && !pending) {
    announcement = 'No documents found';
    body = (
      <div className="search-popover__state" data-testid="search-empty">
        <p className="search-popover__title">No documents match “{typed}”</p>
        <p>Check the spelling or try fewer words. Documents in the trash are not searched.</p>
      </div>
    );
  } else if (results.length === 0) {
    body = (
      <p className="search-popover__state" aria-busy="true">
        Searching…
      </p>
    );
  } else {
    announcement = `${results.length} ${results.length === 1 ? 'document' : 'documents'} found`;
  }

  return (
    <div className="search-popover" data-testid="search-popover">
      {body}
      {results.length > 0 && (
        <div
          id={listId}
          role="listbox"
          aria-label="Search results"
          aria-busy={pending || undefined}
          className={`search-results${pending ? ' search-results--stale' : ''}`}
        >
          {results.map((result, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard stays in the combobox (↑/↓ and Enter, aria-activedescendant), as the ARIA combobox pattern has it; options take only pointer clicks.
            <div
              key={result.id}
              id={`${listId}-${result.id}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              className="search-result"
              data-testid="search-result"
              // The focus stays in the box; a click only picks.
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => index !== active && onActivate(index)}
              onClick={() => onOpen(result)}
            >
              <span className="search-result__title">
                <Highlighted text={result.title} query={shownFor} />
              </span>
              {result.snippet && (
                <span className="search-result__snippet">
                  <Highlighted text={result.snippet} query={shownFor} />
                </span>
              )}
              <span className="search-result__time">
                Edited{' '}
                <time dateTime={result.updatedAt} title={formatAbsoluteTime(result.updatedAt)}>
                  {formatRelativeTime(result.updatedAt, now)}
                </time>
              </span>
            </div>
          ))}
        </div>
      )}
      {results.length > 0 && (
        <p className="search-popover__footer" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> to choose · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
        </p>
      )}
      <output className="visually-hidden" aria-live="polite">
        {pending ? '' : announcement}
      </output>
    </div>
  );
}
