// The difference between two states of a document's text (API.md §6, versionDiffSchema), from
// the blocks doc-text.ts reads. Blocks are aligned first (longest common subsequence over
// whole blocks); in each stretch between aligned blocks, removed and added blocks are paired
// in order and a pair that still shares words is compared word by word, anything else is a
// whole block removed or added. Every block's text ends with "\n"; adjacent runs of the same
// type are merged, so a client can render the changes as they come.
import type { DiffChange } from '@inkwell/protocol';

type Op<T> = { type: DiffChange['type']; item: T };

/**
 * Past this many cells (older × newer, after the common ends are trimmed) the LCS table is not
 * built: the middle reads as removed then added. A 20-page rewrite is still far below it.
 */
const MAX_LCS_CELLS = 4_000_000;

/** The LCS alignment of two sequences as removed / added / unchanged items, in order. */
function align<T>(older: readonly T[], newer: readonly T[]): Op<T>[] {
  let start = 0;
  while (start < older.length && start < newer.length && older[start] === newer[start]) start++;
  let endOld = older.length;
  let endNew = newer.length;
  while (endOld > start && endNew > start && older[endOld - 1] === newer[endNew - 1]) {
    endOld--;
    endNew--;
  }
  const head = older.slice(0, start).map((item): Op<T> => ({ type: 'unchanged', item }));
  const tail = older.slice(endOld).map((item): Op<T> => ({ type: 'unchanged', item }));
  const a = older.slice(start, endOld);
  const b = newer.slice(start, endNew);
  const removed = (item: T): Op<T> => ({ type: 'removed', item });
  const added = (item: T): Op<T> => ({ type: 'added', item });
  if (a.length === 0 || b.length === 0 || a.length * b.length > MAX_LCS_CELLS) {
    return [...head, ...a.map(removed), ...b.map(added), ...tail];
  }
  // lengths[i][j]: LCS length of a[i..] and b[j..], in one flat array.
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const middle: Op<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      middle.push({ type: 'unchanged', item: a[i]! });
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      // Removals before additions, as a reader expects "old → new".
      middle.push(removed(a[i++]!));
    } else {
      middle.push(added(b[j++]!));
    }
  }
  while (i < a.length) middle.push(removed(a[i++]!));
  while (j < b.length) middle.push(added(b[j++]!));
  return [...head, ...middle, ...tail];
}

/** Words and the whitespace between them, as separate tokens: "a  b" → ["a", "  ", "b"]. */
const tokens = (text: string): string[] => text.match(/\s+|\S+/g) ?? [];

/** A changed block against its counterpart, word by word; null when they share no word. */
function diffWords(older: string, newer: string): DiffChange[] | null {
  const ops = align(tokens(older), tokens(newer));
  if (!ops.some((op) => op.type === 'unchanged' && /\S/.test(op.item))) return null;
  return [...ops.map(({ type, item }) => ({ type, text: item })), { type: 'unchanged', text: '\n' }];
}

/** Adjacent runs of the same type become one. */
function merge(changes: readonly DiffChange[]): DiffChange[] {
  const out: DiffChange[] = [];
  for (const change of changes) {
    if (change.text === '') continue;
    const last = out.at(-1);
    if (last?.type === change.type) last.text += change.text;
    else out.push({ ...change });
  }
  return out;
}

/** The changes that turn the `older` blocks into the `newer` ones, in document order. */
export function diffBlocks(older: readonly string[], newer: readonly string[]): DiffChange[] {
  const out: DiffChange[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  // A stretch of removed and added blocks between two unchanged ones: pair them in order.
  const flush = () => {
    const pairs = Math.min(removed.length, added.length);
    for (let k = 0; k < pairs; k++) {
      const words = diffWords(removed[k]!, added[k]!);
      if (words) out.push(...words);
      else out.push({ type: 'removed', text: `${removed[k]}\n` }, { type: 'added', text: `${added[k]}\n` });
    }
    for (const text of removed.slice(pairs)) out.push({ type: 'removed', text: `${text}\n` });
    for (const text of added.slice(pairs)) out.push({ type: 'added', text: `${text}\n` });
    removed = [];
    added = [];
  };
  for (const op of align(older, newer)) {
    if (op.type === 'removed') removed.push(op.item);
    else if (op.type === 'added') added.push(op.item);
    else {
      flush();
      out.push({ type: 'unchanged', text: `${op.item}\n` });
    }
  }
  flush();
  return merge(out);
}
