// The words PostgreSQL's full-text search sees, made here rather than by to_tsvector:
//
// - Words are what the search box takes (fts-query.ts queryWords: runs of letters and digits
//   with their combining marks), so a stored word and a typed word are cut the same way.
//   PostgreSQL's own parser would cut differently ("e-mail", "v1.2", URLs) and, in a database
//   created with the C locale, would not see non-ASCII letters as letters at all.
// - Case and accents are folded here (NFKD, marks dropped, lower case): 'Café' is stored and
//   searched as 'cafe', as SQLite's unicode61 remove_diacritics does. The unaccent extension
//   would do it in the database, but needs CREATE EXTENSION rights the server's role may not
//   have, and its function is not IMMUTABLE, so it cannot sit in an index.
//
// The tsvector is sent as its text form ('word':1A,7A 'other':3): title words at weight A,
// text words at weight D, so ts_rank's default weights (A 1.0, D 0.1) count a title word ten
// times one in the text, as the SQLite side's bm25 weights do.
import { MAX_QUERY_WORDS, queryWords } from '../fts-query.ts';

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const MARKS = /\p{M}/gu;

/** A word as stored and searched: lower case, compatibility-decomposed, without marks. */
export const foldWord = (word: string): string => word.toLowerCase().normalize('NFKD').replace(MARKS, '');

// PostgreSQL's limits: a lexeme under 2 KB, at most 256 positions per lexeme, positions up
// to 16383, a whole tsvector under 1 MB. Past POSITION_MAX every word shares the last
// position (as to_tsvector does); past MAX_VECTOR_BYTES no new word is added, so a very long
// document stays searchable by its first few hundred thousand words.
const MAX_LEXEME_BYTES = 2046;
const MAX_POSITIONS = 256;
const POSITION_MAX = 16_383;
const MAX_VECTOR_BYTES = 900_000;

const quoteLexeme = (word: string): string => `'${word.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/** The tsvector text of a title and a body: every folded word with its positions and weight. */
export function tsvectorText(title: string, body: string): string {
  const positions = new Map<string, string[]>();
  let bytes = 0;
  let position = 0;
  const add = (text: string, weight: 'A' | 'D') => {
    for (const [word] of text.matchAll(WORD)) {
      position = Math.min(position + 1, POSITION_MAX);
      const lexeme = foldWord(word);
      const size = Buffer.byteLength(lexeme);
      if (lexeme === '' || size > MAX_LEXEME_BYTES) continue;
      let list = positions.get(lexeme);
      if (!list) {
        if (bytes + size + 8 > MAX_VECTOR_BYTES) continue;
        bytes += size + 8;
        list = [];
        positions.set(lexeme, list);
      }
      if (list.length < MAX_POSITIONS) {
        list.push(`${position}${weight}`);
        bytes += 2;
      }
    }
  };
  add(title, 'A');
  add(body, 'D');
  return [...positions].map(([lexeme, at]) => `${quoteLexeme(lexeme)}:${at.join(',')}`).join(' ');
}

/** The tsquery text for what a person typed: every word, the last as a prefix; undefined when it has none. */
export function tsqueryText(query: string): string | undefined {
  const words = queryWords(query)
    .map(foldWord)
    .filter((w) => w !== '' && Buffer.byteLength(w) <= MAX_LEXEME_BYTES);
  if (words.length === 0) return undefined;
  return words.map((w, i) => (i === words.length - 1 ? `${quoteLexeme(w)}:*` : quoteLexeme(w))).join(' & ');
}

/** Words in a snippet, about a line of text around the match (SQLite's SNIPPET_TOKENS). */
const SNIPPET_WORDS = 16;
/** Words shown before the first match in the window. */
const SNIPPET_LEAD = 3;
/** Words of a long text looked at for a snippet. */
const SNIPPET_SCAN_WORDS = 200_000;
const ELLIPSIS = '…';

/**
 * Plain text of `body` around the best match of `query`: the window of SNIPPET_WORDS words
 * holding the most distinct query words (the first such), "…" where the text was cut,
 * whitespace folded to single spaces. The start of the text when no word of it matches (a
 * title-only hit).
 */
export function snippet(body: string, query: string): string {
  const terms = queryWords(query).slice(0, MAX_QUERY_WORDS).map(foldWord);
  const words: { start: number; end: number; term: number }[] = [];
  for (const m of body.matchAll(WORD)) {
    if (words.length >= SNIPPET_SCAN_WORDS) break;
    const folded = foldWord(m[0]);
    const term = terms.findIndex((t, i) => (i === terms.length - 1 ? folded.startsWith(t) : folded === t));
    words.push({ start: m.index, end: m.index + m[0].length, term });
  }
  if (words.length === 0) return '';
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.term < 0) continue;
    const from = Math.max(0, Math.min(i - SNIPPET_LEAD, words.length - SNIPPET_WORDS));
    const seen = new Set(
      words
        .slice(from, from + SNIPPET_WORDS)
        .map((w) => w.term)
        .filter((t) => t >= 0),
    );
    if (seen.size > bestScore) {
      best = from;
      bestScore = seen.size;
      if (seen.size === terms.length) break;
    }
  }
  const last = Math.min(best + SNIPPET_WORDS, words.length) - 1;
  const text = body.slice(words[best]!.start, words[last]!.end).replace(/\s+/g, ' ').trim();
  return `${best > 0 ? ELLIPSIS : ''}${text}${last < words.length - 1 ? ELLIPSIS : ''}`;
}
