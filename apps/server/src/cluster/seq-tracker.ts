/**
 * Which stored updates of one document a room holds, by `seq`. With several instances writing
 * one document, seqs reach a room in any order: its own commits return theirs, the others'
 * arrive over the bus (which may lose them). `through` is the point up to which the room holds
 * every update; above it, the ranges seen so far. A gap between them is what a catch-up from
 * the stored log fills.
 */
export class SeqTracker {
  /** Every seq <= through is held. */
  private held: number;
  /** Held ranges above `through + 1`, sorted and disjoint; [from, to] inclusive. */
  private ranges: [number, number][] = [];

  constructor(through: number) {
    this.held = through;
  }

  get through(): number {
    return this.held;
  }

  /** The highest seq held (through when there is no gap). */
  get highest(): number {
    return this.ranges.length > 0 ? this.ranges[this.ranges.length - 1]![1] : this.held;
  }

  /** Whether some seq below `highest` is missing. */
  get hasGap(): boolean {
    return this.ranges.length > 0;
  }

  /** Whether every seq in [from, to] is held already. */
  holds(from: number, to: number): boolean {
    const low = Math.max(from, this.held + 1);
    return low > to || this.ranges.some(([a, b]) => a <= low && to <= b);
  }

  /** Records that the updates [from, to] are held. */
  add(from: number, to: number): void {
    if (to < from || to <= this.held) return;
    const all: [number, number][] = [...this.ranges, [Math.max(from, this.held + 1), to]];
    all.sort((x, y) => x[0] - y[0]);
    const merged: [number, number][] = [];
    for (const [a, b] of all) {
      const last = merged[merged.length - 1];
      if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
      else merged.push([a, b]);
    }
    // The first range joins `through` when it starts right after it.
    if (merged[0]![0] === this.held + 1) this.held = merged.shift()![1];
    this.ranges = merged;
  }

  /** Everything up to `seq` is held (a full reload from storage). */
  advanceTo(seq: number): void {
    if (seq <= this.held) return;
    this.held = seq;
    const rest = this.ranges.filter(([, to]) => to > seq);
    this.ranges = [];
    for (const [from, to] of rest) this.add(from, to);
  }
}
