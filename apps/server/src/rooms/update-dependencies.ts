// Whether an update would integrate completely into a document, decided before anything of it
// is applied (update-guard.ts). Yjs integrates what it can and keeps the rest "pending"; the
// server accepts an update only when nothing of it would wait.
import * as Y from 'yjs';

type Struct = Y.Item | Y.GC | Y.Skip;

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
  const byClient = new Map<number, Struct[]>();
  for (const struct of update.structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  /** How far each client's history reaches (the doc's state, extended by integrable structs). */
  const end = new Map<number, number>();
  const reach = (client: number): number => end.get(client) ?? Y.getState(doc.store, client);
  const cursor = new Map<number, number>();
  const waiting = new Map<number, Waiter[]>();
  const queue = [...byClient.keys()];

  while (queue.length > 0) {
    const client = queue.pop()!;
    const structs = byClient.get(client)!;
    let i = cursor.get(client) ?? 0;
    for (; i < structs.length; i++) {
      const struct = structs[i]!;
      if (struct instanceof Y.Skip) continue; // a gap in the update; the next struct shows whether it matters
      if (struct.id.clock > reach(client)) break; // this client's earlier history is missing
      const blocker = struct instanceof Y.Item ? unmetDependency(struct, reach) : null;
      if (blocker) {
        const list = waiting.get(blocker.client);
        const waiter = { client, clock: blocker.clock };
        if (list) list.push(waiter);
        else waiting.set(blocker.client, [waiter]);
        break;
      }
      end.set(client, Math.max(reach(client), struct.id.clock + struct.length));
    }
    cursor.set(client, i);
    const parked = waiting.get(client);
    if (!parked) continue;
    const stillWaiting = parked.filter((w) => w.clock >= reach(client));
    for (const w of parked) if (w.clock < reach(client)) queue.push(w.client);
    if (stillWaiting.length > 0) waiting.set(client, stillWaiting);
    else waiting.delete(client);
  }

  for (const [client, structs] of byClient) {
    const i = cursor.get(client) ?? 0;
    const stuck = structs.slice(i).find((s) => !(s instanceof Y.Skip));
    if (stuck) return `struct ${client}:${stuck.id.clock} depends on changes the server does not have`;
  }
  for (const [client, deletions] of update.ds.clients) {
    for (const { clock, len } of deletions) {
      if (clock + len > reach(client)) return `deletion of ${client}:${clock} refers to changes the server does not have`;
    }
  }
  return null;
}

/** The first struct `item` refers to that is not integrable yet. */
function unmetDependency(item: Y.Item, reach: (client: number) => number): Y.ID | null {
  const parent = item.parent instanceof Y.ID ? item.parent : null;
  for (const ref of [item.origin, item.rightOrigin, parent]) {
    // References to the item's own client are earlier structs (update-guard checks that),
    // which the walk has already passed.
    if (ref && ref.client !== item.id.client && ref.clock >= reach(ref.client)) return ref;
  }
  return null;
}
