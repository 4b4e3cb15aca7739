import type { DiffChange } from '@inkwell/protocol';

// The server's diff (runs in document order, every block ending with "\n") turned into what
// the versions panel shows: blocks of runs, with the unchanged stretches far from any change
// folded away. A reader wants the changes and enough around them to recognise the place.

export type DiffPiece = { type: DiffChange['type']; text: string } | { type: 'ellipsis' };

export type DiffLine =
  /** A block (paragraph, heading, list item…) as a row of pieces. */
  | { kind: 'block'; changed: boolean; pieces: DiffPiece[] }
  /** Unchanged blocks left out. */
  | { kind: 'gap'; blocks: number };

export interface CollapseOptions {
  /** Unchanged blocks shown on each side of a changed one. */
  contextBlocks: number;
  /** Words kept of an unchanged run next to a change, on each side. */
  contextWords: number;
}

export const DEFAULT_COLLAPSE: CollapseOptions = { contextBlocks: 1, contextWords: 10 };

type Run = { type: DiffChange['type']; text: string };

/** The changes cut into blocks at each "\n" (which is not kept). */
export function splitBlocks(changes: readonly DiffChange[]): Run[][] {
  const blocks: Run[][] = [];
  let current: Run[] = [];
  for (const change of changes) {
    const lines = change.text.split('\n');
    lines.forEach((line, index) => {
      if (line !== '') current.push({ type: change.type, text: line });
      if (index < lines.length - 1) {
        blocks.push(current);
        current = [];
      }
    });
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

const TOKENS = /\s+|\S+/g;

/** A long unchanged run shortened to its first and/or last `words` words around "…". */
function trimRun(text: string, keepHead: boolean, keepTail: boolean, words: number): DiffPiece[] {
  const tokens = text.match(TOKENS) ?? [];
  const wordCount = tokens.filter((token) => /\S/.test(token)).length;
  const kept = (keepHead ? words : 0) + (keepTail ? words : 0);
  // Cutting out fewer than a few words saves nothing and costs the reader the sentence.
  if (wordCount <= kept + 3) return [{ type: 'unchanged', text }];
  // The first `count` words of `from` with the spaces between them; from the end when reversed.
  const take = (from: string[], count: number, reversed = false): string => {
    let seen = 0;
    const out: string[] = [];
    for (const token of from) {
      if (/\S/.test(token)) {
        if (seen === count) break;
        seen++;
      }
      out.push(token);
    }
    return (reversed ? out.reverse() : out).join('');
  };
  const pieces: DiffPiece[] = [];
  if (keepHead) pieces.push({ type: 'unchanged', text: take(tokens, words).trimEnd() });
  pieces.push({ type: 'ellipsis' });
  if (keepTail) pieces.push({ type: 'unchanged', text: take([...tokens].reverse(), words, true).trimStart() });
  return pieces.filter((piece) => piece.type === 'ellipsis' || piece.text !== '');
}

/**
 * Blocks to show: every changed block (its long unchanged runs shortened), `contextBlocks`
 * unchanged blocks either side of it (shortened towards the change), and a gap for the rest.
 * An empty list means the two states have the same text.
 */
export function collapseDiff(changes: readonly DiffChange[], options: CollapseOptions = DEFAULT_COLLAPSE): DiffLine[] {
  const blocks = splitBlocks(changes);
  const changed = blocks.map((runs) => runs.some((run) => run.type !== 'unchanged'));
  if (!changed.includes(true)) return [];
  const near = (index: number, direction: -1 | 1): boolean => {
    for (let step = 1; step <= options.contextBlocks; step++) if (changed[index + direction * step]) return true;
    return false;
  };
  const lines: DiffLine[] = [];
  let hidden = 0;
  const flushGap = () => {
    if (hidden > 0) lines.push({ kind: 'gap', blocks: hidden });
    hidden = 0;
  };
  blocks.forEach((runs, index) => {
    if (changed[index]) {
      flushGap();
      const pieces = runs.flatMap((run, at): DiffPiece[] =>
        run.type === 'unchanged' ? trimRun(run.text, at > 0, at < runs.length - 1, options.contextWords) : [run],
      );
      lines.push({ kind: 'block', changed: true, pieces });
      return;
    }
    const before = near(index, 1);
    const after = near(index, -1);
    if (!before && !after) {
      hidden++;
      return;
    }
    flushGap();
    const text = runs.map((run) => run.text).join('');
    // Just before a change its end matters, just after one its start.
    lines.push({ kind: 'block', changed: false, pieces: trimRun(text, after, before, options.contextWords) });
  });
  flushGap();
  return lines;
}

/** Words added and removed, for the summary above the diff. */
export function countChangedWords(changes: readonly DiffChange[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const change of changes) {
    const words = change.text.match(/\S+/g)?.length ?? 0;
    if (change.type === 'added') added += words;
    if (change.type === 'removed') removed += words;
  }
  return { added, removed };
}
