import type { Thread } from '@inkwell/protocol';
import { describe, expect, it } from 'vitest';
import { placesOf, samePlaces, sortThreads } from './comment-order.ts';

function thread(id: string, createdAt: string): Thread {
  return {
    id,
    anchor: { start: 'AAAA', end: 'AAAA', quote: id },
    resolved: false,
    resolvedBy: null,
    resolvedAt: null,
    createdAt,
    comments: [],
  };
}

const t1 = thread('t1', '2026-12-01T10:00:00.000Z');
const t2 = thread('t2', '2026-12-01T11:00:00.000Z');
const t3 = thread('t3', '2026-12-01T12:00:00.000Z');
const t4 = thread('t4', '2026-12-01T13:00:00.000Z');

describe('document order of threads', () => {
  it('orders by where the text starts, then where it ends, with deleted text apart', () => {
    const places = placesOf(
      new Map([
        ['t1', { from: 40, to: 50 }],
        ['t2', { from: 5, to: 30 }],
        ['t3', null],
        ['t4', { from: 5, to: 10 }],
      ]),
    );
    expect(places.order).toEqual(['t4', 't2', 't1']);
    expect([...places.gone]).toEqual(['t3']);
  });

  it('lists placed threads first, then unplaced ones oldest first, deleted text last', () => {
    const places = placesOf(
      new Map([
        ['t3', { from: 1, to: 4 }],
        ['t1', null],
      ]),
    );
    // t2 and t4 are not placed yet (just created, or the document is loading).
    expect(sortThreads([t1, t2, t3, t4], places).map((t) => t.id)).toEqual(['t3', 't2', 't4', 't1']);
  });

  it('compares places by order and deleted set only', () => {
    const a = placesOf(new Map([['t1', { from: 1, to: 3 }]]));
    const moved = placesOf(new Map([['t1', { from: 9, to: 12 }]]));
    const gone = placesOf(new Map([['t1', null]]));
    expect(samePlaces(a, moved)).toBe(true);
    expect(samePlaces(a, gone)).toBe(false);
  });
});
