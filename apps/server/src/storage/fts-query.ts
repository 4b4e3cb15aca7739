// What a person typed into the search box, as an FTS5 MATCH expression that can only mean
// "every word, the last one as a prefix". FTS5 has a query language (AND/OR/NOT/NEAR,
// parentheses, `*`, `^`, `column:`), and none of it may come from the user: a stray `"` or
// `(` would be a syntax error (a 500), and `title:` or `NOT` would change what is searched.
//
// So the words are taken out here, as runs of letters and digits (with their combining
// marks), each put in double quotes (a quoted string is only ever a phrase of its tokens),
// joined by spaces (FTS5's implicit AND), the last one followed by `*` (prefix). Everything
// else (punctuation, symbols, emoji, NUL, lone surrogates) separates words and is dropped.
// A run of letters is also what FTS5's unicode61 tokenizer calls a token, so each quoted
// word is one token, not a phrase.

/** More words than this are ignored: every word costs a doclist read. */
export const MAX_QUERY_WORDS = 16;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** The words of `query`, in order (at most MAX_QUERY_WORDS). */
export function queryWords(query: string): string[] {
  return (query.match(WORD) ?? []).slice(0, MAX_QUERY_WORDS);
}

/** The MATCH expression for `query`, or undefined when it has no words (nothing can match). */
export function ftsMatchExpression(query: string): string | undefined {
  const words = queryWords(query);
  if (words.length === 0) return undefined;
  // WORD never matches a quote; doubling them anyway keeps this safe if WORD ever changes.
  const quoted = words.map((w) => `"${w.replaceAll('"', '""')}"`);
  return `${quoted.join(' ')}*`;
}
