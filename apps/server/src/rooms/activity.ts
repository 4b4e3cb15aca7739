// Who is editing a document: characters added and removed per person over the last minute,
// from each transaction's inserted and deleted text (no diffing; cost is proportional to
// the change).
import { ACTIVITY_WINDOW_MS, type ActivityEditor, type PublicUser } from '@inkwell/protocol';
import * as Y from 'yjs';

/** Characters of text a transaction inserted and deleted (formatting and nodes not counted). */
export function countTextChanges(transaction: Y.Transaction): { added: number; removed: number } {
  const store = transaction.doc.store;
  let added = 0;
  transaction.afterState.forEach((after, client) => {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after > before) added += textIn(store.clients.get(client), before, after);
  });
  let removed = 0;
  transaction.deleteSet.clients.forEach((ranges, client) => {
    const structs = store.clients.get(client);
    for (const { clock, len } of ranges) removed += textIn(structs, clock, clock + len);
  });
  return { added, removed };
}

/** Length of ContentString held by the structs in the clock range [from, to). */
function textIn(structs: (Y.Item | Y.GC)[] | undefined, from: number, to: number): number {
  if (!structs || structs.length === 0) return 0;
  let n = 0;
  for (let i = Y.findIndexSS(structs as never, from); i < structs.length; i++) {
    const s = structs[i]!;
    if (s.id.clock >= to) break;
    if (s instanceof Y.Item && s.content instanceof Y.ContentString) {
      n += Math.min(s.id.clock + s.length, to) - Math.max(s.id.clock, from);
    }
  }
  return n;
}

interface Tally {
  user: PublicUser;
  /** [second, added, removed] per second with edits, oldest first. */
  seconds: [number, number, number][];
  lastEditAt: number;
}

/** Per-person edit counts over a sliding window, in one-second buckets. */
export class ActivityLog {
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly now: () => number = Date.now) {}

  record(user: PublicUser, added: number, removed: number): void {
    if (added === 0 && removed === 0) return;
    const now = this.now();
    const second = Math.floor(now / 1000);
    let tally = this.tallies.get(user.id);
    if (!tally) {
      tally = { user, seconds: [], lastEditAt: now };
      this.tallies.set(user.id, tally);
    }
    tally.user = user;
    tally.lastEditAt = now;
    const last = tally.seconds.at(-1);
    if (last && last[0] === second) {
      last[1] += added;
      last[2] += removed;
    } else {
      tally.seconds.push([second, added, removed]);
    }
    this.prune(tally, now);
  }

  /** Everyone who edited within the window, most recent first. */
  editors(): ActivityEditor[] {
    const now = this.now();
    const out: (ActivityEditor & { at: number })[] = [];
    for (const [id, tally] of this.tallies) {
      this.prune(tally, now);
      if (tally.seconds.length === 0) {
        this.tallies.delete(id);
        continue;
      }
      let added = 0;
      let removed = 0;
      for (const [, a, r] of tally.seconds) {
        added += a;
        removed += r;
      }
      out.push({ user: tally.user, added, removed, lastEditAt: new Date(tally.lastEditAt).toISOString(), at: tally.lastEditAt });
    }
    return out.sort((a, b) => b.at - a.at).map(({ at: _at, ...editor }) => editor);
  }

  /** When the oldest counted second leaves the window (ms from now), or undefined. */
  nextExpiryIn(): number | undefined {
    let oldest: number | undefined;
    for (const tally of this.tallies.values()) {
      const first = tally.seconds[0];
      if (first && (oldest === undefined || first[0] < oldest)) oldest = first[0];
    }
    return oldest === undefined ? undefined : Math.max(0, (oldest + 1) * 1000 + ACTIVITY_WINDOW_MS - this.now());
  }

  private prune(tally: Tally, now: number): void {
    const firstKept = Math.floor((now - ACTIVITY_WINDOW_MS) / 1000);
    let drop = 0;
    while (drop < tally.seconds.length && tally.seconds[drop]![0] < firstKept) drop++;
    if (drop > 0) tally.seconds.splice(0, drop);
  }
}
