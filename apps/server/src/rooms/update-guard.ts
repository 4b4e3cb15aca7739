import { MAX_NESTING_DEPTH, MAX_PENDING_UPDATE_BYTES } from '@inkwell/protocol';
import { MalformedMessageError } from '@inkwell/protocol/wire';
import * as Y from 'yjs';

/**
 * Checks every update a client sends before its effects are stored or relayed.
 *
 * - Structure: the update is decoded in full before it is applied, because Y.applyUpdate
 *   can integrate part of a truncated update before it throws.
 * - Missing dependencies: Yjs keeps what it cannot integrate yet ("pending") in memory and in
 *   every later snapshot. A document may hold at most MAX_PENDING_UPDATE_BYTES of it; an
 *   update that pushes past that is refused and the pending state is dropped (a stock
 *   client never sends one: the sync handshake gives it everything first).
 * - Nesting: an update that creates types nested deeper than MAX_NESTING_DEPTH is refused.
 *   Yjs cannot take back an integrated update, so the room reports itself poisoned: the
 *   caller drops the in-memory doc (nothing of the update was stored) and reloads it.
 */
export class UpdateGuard {
  /** Set when a transaction of the current apply() broke the nesting limit. */
  violation: string | null = null;
  private applying = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly limits = { maxDepth: MAX_NESTING_DEPTH, maxPendingBytes: MAX_PENDING_UPDATE_BYTES },
  ) {
    // afterTransaction fires before the doc's 'update' event, so the room can hold back
    // the update of a violating transaction.
    doc.on('afterTransaction', this.checkDepth);
  }

  /**
   * Applies `update` with `origin`. Throws MalformedMessageError when it is undecodable or
   * leaves too much pending state; returns 'poisoned' when it was integrated but broke the
   * nesting limit (the doc must be discarded).
   */
  apply(update: Uint8Array, origin: unknown): 'ok' | 'poisoned' {
    try {
      Y.decodeUpdate(update);
    } catch (err) {
      throw new MalformedMessageError(`invalid update: ${(err as Error).message}`);
    }
    this.violation = null;
    this.applying = true;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (err) {
      throw new MalformedMessageError(`update could not be applied: ${(err as Error).message}`);
    } finally {
      this.applying = false;
    }
    if (this.violation) return 'poisoned';
    const pending = this.pendingBytes();
    if (pending > this.limits.maxPendingBytes) {
      this.doc.store.pendingStructs = null;
      this.doc.store.pendingDs = null;
      throw new MalformedMessageError(`update depends on ${pending} bytes of changes the server never received`);
    }
    return 'ok';
  }

  pendingBytes(): number {
    const { pendingStructs, pendingDs } = this.doc.store;
    return (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
  }

  private readonly checkDepth = (tr: Y.Transaction): void => {
    if (!this.applying || this.violation) return;
    // Look at every struct this transaction added; only nested types (ContentType) can
    // deepen the tree. Each walk stops at the limit, so a hostile chain costs at most
    // (new types × limit) steps.
    for (const [client, after] of tr.afterState) {
      const before = tr.beforeState.get(client) ?? 0;
      if (after <= before) continue;
      const structs = this.doc.store.clients.get(client);
      if (!structs) continue;
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const struct = structs[i]!;
        if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) continue;
        if (this.depthOf(struct) > this.limits.maxDepth) {
          this.violation = `update nests shared types deeper than ${this.limits.maxDepth} levels`;
          return;
        }
      }
    }
  };

  /** Levels from the root type down to the type `item` holds (a child of a root is 1). */
  private depthOf(item: Y.Item): number {
    let depth = 1;
    for (let parent = (item.parent as Y.AbstractType<unknown>)._item; parent; parent = (parent.parent as Y.AbstractType<unknown>)._item) {
      if (++depth > this.limits.maxDepth) break;
    }
    return depth;
  }
}
