import { useMemo } from 'react';
import { highlightParts } from '../lib/search-highlight.ts';

/** `text` with the words of `query` in <mark>; React renders every part as text, never markup. */
export function Highlighted({ text, query }: { text: string; query: string }) {
  const parts = useMemo(() => highlightParts(text, query), [text, query]);
  return (
    <>
      {parts.map((part, index) =>
        // Parts never reorder, so their position is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}
