// Highlighting the words of a search in the server's plain-text titles and snippets. The
// server matches case- and accent-insensitively, every word whole except the last, which may
// be a prefix (docs/protocol.md "Search"); the highlight follows the same rule so that what
// is marked is what matched. The result is data for React to render as text, never HTML.

export interface HighlightPart {
  text: string;
  match: boolean;
}

/** Runs of letters and digits: what the server counts as words. */
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case without accents: "Café" → "cafe". */
export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The folded words of a query, in order (the last one is matched as a prefix). */
export function queryWords(query: string): string[] {
  return (query.match(WORD) ?? []).map(foldWord);
}

/**
 * `text` cut into plain and matching parts. A word of the text matches when it equals a word
 * of the query, or starts with the query's last word while it is still being typed
 * (`prefixLast`). Adjacent parts of the same kind are merged.
 */
export function highlightParts(text: string, query: string, prefixLast = true): HighlightPart[] {
  const words = queryWords(query);
  if (words.length === 0 || text === '') return text === '' ? [] : [{ text, match: false }];
  const exact = new Set(prefixLast ? words.slice(0, -1) : words);
  const prefix = prefixLast ? words.at(-1) : undefined;
  const parts: HighlightPart[] = [];
  const push = (piece: string, match: boolean) => {
    if (piece === '') return;
    const last = parts.at(-1);
    if (last && last.match === match) last.text += piece;
    else parts.push({ text: piece, match });
  };
  let index = 0;
  for (const found of text.matchAll(WORD)) {
    const folded = foldWord(found[0]);
    const match = exact.has(folded) || (prefix !== undefined && folded.startsWith(prefix));
    push(text.slice(index, found.index), false);
    push(found[0], match);
    index = found.index + found[0].length;
  }
  push(text.slice(index), false);
  return parts;
}
