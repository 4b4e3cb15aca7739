import { describe, expect, it } from 'vitest';
import { SeqTracker } from './seq-tracker.ts';

describe('SeqTracker', () => {
  it('advances through contiguous ranges and remembers the ones after a gap', () => {
    const t = new SeqTracker(10);
    t.add(11, 12);
    expect([t.through, t.hasGap]).toEqual([12, false]);
    t.add(15, 16);
    expect([t.through, t.highest, t.hasGap]).toEqual([12, 16, true]);
    t.add(18, 18);
    t.add(13, 13);
    expect([t.through, t.hasGap]).toEqual([13, true]);
    t.add(14, 14); // fills the gap: 15–16 join, 17 is still missing
    expect([t.through, t.highest]).toEqual([16, 18]);
    t.add(17, 17);
    expect([t.through, t.hasGap]).toEqual([18, false]);
  });

  it('ignores what it holds already and overlapping ranges', () => {
    const t = new SeqTracker(5);
    t.add(1, 5);
    t.add(3, 7);
    expect(t.through).toBe(7);
    t.add(9, 12);
    t.add(10, 14);
    expect([t.through, t.highest]).toEqual([7, 14]);
    expect(t.holds(2, 7)).toBe(true);
    expect(t.holds(7, 8)).toBe(false);
    expect(t.holds(10, 14)).toBe(true);
    expect(t.holds(9, 15)).toBe(false);
  });

  it('advances to a reloaded state and keeps only the ranges above it', () => {
    const t = new SeqTracker(0);
    t.add(5, 6);
    t.add(9, 9);
    t.advanceTo(7);
    expect([t.through, t.highest, t.hasGap]).toEqual([7, 9, true]);
    t.advanceTo(8);
    expect([t.through, t.hasGap]).toEqual([9, false]);
  });
});
