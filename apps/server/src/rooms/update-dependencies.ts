// Whether an update would integrate completely into a document, decided before anything of it
// is applied (update-guard.ts). Yjs integrates what it can and keeps the rest "pending"; the
// server accepts an update only when nothing of it would wait.
import * as Y from 'yjs';

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

interface Waiter {
  client: number;
  clock: number;
}

/**
 * Why `update` (decoded) would leave something pending in `doc`, or null when every struct
 * and every deletion in it would be integrated.
 *
 * Structs are integrable in some order when, for each one, the structs of its own client
 * before it are (the doc has them, or the update has them and they are integrable) and every
 * struct it refers to (origin, right origin, parent) is too. This walks each client's structs
 * in clock order and parks a client on the first struct whose dependency is not there yet,
 * until that dependency's client gets far enough: linear in the update's size, and a cycle
 * of dependencies stays parked, as in Yjs.
 */
export function missingDependency(doc: Y.Doc, update: DecodedUpdate): string | null {
  const { structs } = update;
  // Y.decodeUpdate lists each client's structs together, in clock order: one run per client.
  const runs = new Map<number, { from: number; to: number; next: number }>();
  for (let i = 0; i < structs.length; ) {
    const client = structs[i]!.id.client;
    let j = i + 1;
    while (j < structs.length && structs[j]!.id.client === client) j++;
    if (runs.has(client)) {
      // Not what Yjs writes; sorted into runs, the walk is the same.
      const sorted = [...structs].sort((x, y) => x.id.client - y.id.client || x.id.clock - y.id.clock);
      return missingDependency(doc, { structs: sorted, ds: update.ds });
    }
    runs.set(client, { from: i, to: j, next: i });
    i = j;
  }
  /** How far each client's history reaches (the doc's state, extended by integrable structs). */
  const end = new Map<number, number>();
  const reach = (client: number): number => {
    let value = end.get(client);
    if (value === undefined) {
      value = Y.getState(doc.store, client);
      end.set(client, value);
    }
    return value;
  };
  const waiting = new Map<number, Waiter[]>();
  const queue = [...runs.keys()];

  while (queue.length > 0) {
    const client = queue.pop()!;
    const run = runs.get(client)!;
    let reached = reach(client);
    let i = run.next;
    for (; i < run.to; i++) {
      const struct = structs[i]!;
      if (struct instanceof Y.Skip) continue; // a gap in the update; the next struct shows whether it matters
      if (struct.id.clock > reached) break; // this client's earlier history is missing
      if (struct instanceof Y.Item) {
        const blocker = unmetDependency(struct, reach);
        if (blocker) {
          const list = waiting.get(blocker.client);
          const waiter = { client, clock: blocker.clock };
          if (list) list.push(waiter);
          else waiting.set(blocker.client, [waiter]);
          break;
        }
      }
      const after = struct.id.clock + struct.length;
      if (after > reached) reached = after;
    }
    run.next = i;
    end.set(client, reached);
    const parked = waiting.get(client);
    if (!parked) continue;
    const stillWaiting = parked.filter((w) => w.clock >= reached);
    for (const w of parked) if (w.clock < reached) queue.push(w.client);
    if (stillWaiting.length > 0) waiting.set(client, stillWaiting);
    else waiting.delete(client);
  }

  for (const [client, run] of runs) {
    for (let i = run.next; i < run.to; i++) {
      const stuck = structs[i]!;
      if (!(stuck instanceof Y.Skip)) return `struct ${client}:${stuck.id.clock} depends on changes the server does not have`;
    }
  }
  for (const [client, deletions] of update.ds.clients) {
    const reached = reach(client);
    for (const { clock, len } of deletions) {
      if (clock + len > reached) return `deletion of ${client}:${clock} refers to changes the server does not have`;
    }
  }
  return null;
}

/** The first struct `item` refers to that is not integrable yet (no allocation: this runs per struct). */
function unmetDependency(item: Y.Item, reach: (client: number) => number): Y.ID | null {
  // References to the item's own client are earlier structs (update-guard checks that),
  // which the walk has already passed.
  const own = item.id.client;
  const { origin, rightOrigin, parent } = item;
  if (origin && origin.client !== own && origin.clock >= reach(origin.client)) return origin;
  if (rightOrigin && rightOrigin.client !== own && rightOrigin.clock >= reach(rightOrigin.client)) return rightOrigin;
  if (parent instanceof Y.ID && parent.client !== own && parent.clock >= reach(parent.client)) return parent;
  return null;
}
