// Mentions in a comment's plain-text body: the composer inserts "@Name" for a member picked
// from the "@" list and sends that person's id in `mentions`; the sidebar shows each
// "@Name" of a mentioned person emphasized. The body stays plain text (API.md §7).

export interface MentionQuery {
  /** Index of the "@" in the text. */
  start: number;
  /** What follows the "@" up to the caret. */
  query: string;
}

export interface ChosenMention {
  id: string;
  name: string;
}

// "@" at the start or after a space or an opening bracket (not inside an e-mail address),
// followed by the start of one word.
const QUERY_BEFORE_CARET = /(?:^|[\s([{"'“])@([^\s@]{0,40})$/u;

/** The "@…" being typed just before the caret, or null when the caret is not in one. */
export function findMentionQuery(text: string, caret: number): MentionQuery | null {
  const match = QUERY_BEFORE_CARET.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[1] ?? '';
  return { start: caret - query.length - 1, query };
}

/** Replaces the "@query" before the caret with "@Name " and puts the caret after it. */
export function insertMention(text: string, caret: number, mention: MentionQuery, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const rest = text.slice(caret);
  // A space already after the caret is not doubled.
  const next = text.slice(0, mention.start) + (rest.startsWith(' ') ? inserted.trimEnd() : inserted) + rest;
  return { text: next, caret: mention.start + inserted.length };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "@Name" as a whole token: not followed by more of a word ("@Ana" is not in "@Anabel"). */
function tokenPattern(names: readonly string[]): RegExp | null {
  const unique = [...new Set(names.filter((name) => name.trim() !== ''))];
  if (unique.length === 0) return null;
  // Longest first, so "@Ana Lima" wins over "@Ana".
  unique.sort((a, b) => b.length - a.length);
  return new RegExp(`@(?:${unique.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
}

/** The ids of the chosen people whose "@Name" is still in the body, once each. */
export function mentionedIds(body: string, chosen: readonly ChosenMention[]): string[] {
  const ids: string[] = [];
  for (const person of chosen) {
    if (ids.includes(person.id)) continue;
    const pattern = tokenPattern([person.name]);
    if (pattern?.test(body)) ids.push(person.id);
  }
  return ids;
}

export interface BodyPart {
  text: string;
  mention: boolean;
}

/** The body cut into plain text and "@Name" parts, for the names of the people it mentions. */
export function splitMentions(body: string, names: readonly string[]): BodyPart[] {
  const pattern = tokenPattern(names);
  if (!pattern) return [{ text: body, mention: false }];
  const parts: BodyPart[] = [];
  let last = 0;
  for (const match of body.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ text: body.slice(last, index), mention: false });
    parts.push({ text: match[0], mention: true });
    last = index + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last), mention: false });
  return parts;
}
