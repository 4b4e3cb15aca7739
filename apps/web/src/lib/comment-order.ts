// The order of the comments sidebar: threads as their text appears in the document, then
// those whose text was deleted. Computed from the editor's ranges, which move with every
// keystroke; what the sidebar needs from them (an order and the set of deleted ones)
// changes far less often, so that is what is kept and compared.
import type { Thread } from '@inkwell/protocol';

export interface ThreadPlaces {
  /** Ids of threads whose text is in the document, by where it starts (ties: where it ends). */
  order: readonly string[];
  /** Ids of threads whose text is gone entirely. */
  gone: ReadonlySet<string>;
}

export const NO_PLACES: ThreadPlaces = { order: [], gone: new Set() };

export function placesOf(ranges: ReadonlyMap<string, { from: number; to: number } | null>): ThreadPlaces {
  const placed: Array<{ id: string; from: number; to: number }> = [];
  const gone = new Set<string>();
  for (const [id, range] of ranges) {
    if (range) placed.push({ id, ...range });
    else gone.add(id);
  }
  placed.sort((a, b) => a.from - b.from || a.to - b.to);
  return { order: placed.map((entry) => entry.id), gone };
}

export function samePlaces(a: ThreadPlaces, b: ThreadPlaces): boolean {
  return (
    a.order.length === b.order.length &&
    a.order.every((id, i) => id === b.order[i]) &&
    a.gone.size === b.gone.size &&
    [...a.gone].every((id) => b.gone.has(id))
  );
}

/**
 * Threads in document order; then threads the editor has not placed yet (just created,
 * or the document is still loading), oldest first; threads whose text is gone come last.
 */
export function sortThreads(threads: readonly Thread[], places: ThreadPlaces): Thread[] {
  const index = new Map(places.order.map((id, i) => [id, i]));
  const rank = (thread: Thread): number => {
    if (places.gone.has(thread.id)) return 2;
    return index.has(thread.id) ? 0 : 1;
  };
  return [...threads].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    if (rank(a) === 0) return (index.get(a.id) ?? 0) - (index.get(b.id) ?? 0);
    return a.createdAt.localeCompare(b.createdAt);
  });
}
