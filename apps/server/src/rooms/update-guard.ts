import { MAX_NESTING_DEPTH } from '@inkwell/protocol';
import { MalformedMessageError } from '@inkwell/protocol/wire';
import * as Y from 'yjs';
import { missingDependency } from './update-dependencies.ts';

/**
 * An update that depends on changes the server does not have. Not a protocol violation: a
 * client can send one in a race with its own sync step after a reconnect, and reconnecting
 * (which syncs everything) fixes it, so the connection is closed with a code clients retry.
 */
export class MissingDependencyError extends Error {}

/**
 * Checks every update a client sends before its effects are stored or relayed. Acceptance is
 * all-or-nothing: an update is refused before any of it is integrated, or, when a problem can
 * only show during integration, nothing of it is stored or relayed and the room reports
 * itself poisoned (the caller drops the in-memory doc and reloads what was stored).
 *
 * - Structure: the update is decoded in full before it is applied, because Y.applyUpdate
 *   can integrate part of a truncated update before it throws.
 * - References: Yjs trusts that a struct refers only to earlier structs of its own client
 *   (its origin, right origin and parent); one that points at itself or later makes
 *   Y.applyUpdate throw halfway through, after it integrated the structs before it. Such an
 *   update is refused up front.
 * - Missing dependencies: Yjs integrates what it can and keeps the rest "pending" in memory.
 *   Pending state is not reproducible (the update log holds only what was integrated, and a
 *   snapshot re-encodes the pending part, which integrates differently after a reload), so an
 *   update that would leave anything pending is refused up front (update-dependencies.ts)
 *   with MissingDependencyError.
 *   A stock client never sends one except in a race with its own sync step 2 right after a
 *   reconnect; it reconnects and its sync step sends everything.
 * - Nesting: an update that creates types nested deeper than MAX_NESTING_DEPTH poisons the
 *   room (Yjs cannot take back an integrated update).
 * - Anything else that throws inside Y.applyUpdate, or leaves pending state after all,
 *   poisons the room too: a safety net, which the fuzz test (test/update-atomicity.test.ts)
 *   never reaches.
 */
export class UpdateGuard {
  /** Set when the current apply() failed after integration began. */
  violation: string | null = null;
  private applying = false;
  private pendingBefore = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly limits = { maxDepth: MAX_NESTING_DEPTH },
  ) {
    // afterTransaction fires before the doc's 'update' event, so the room can hold back
    // the update of a violating transaction.
    doc.on('afterTransaction', this.checkTransaction);
  }

  /**
   * Applies `update` with `origin`. Throws MalformedMessageError when it is refused with no
   * effect at all; returns 'poisoned' when part of it was integrated before it broke a rule
   * (nothing of it may be stored or relayed, and the doc must be discarded).
   */
  apply(update: Uint8Array, origin: unknown): 'ok' | 'poisoned' {
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(update);
    } catch (err) {
      throw new MalformedMessageError(`invalid update: ${(err as Error).message}`);
    }
    const forward = forwardReference(decoded.structs);
    if (forward) throw new MalformedMessageError(`invalid update: ${forward}`);
    const missing = missingDependency(this.doc, decoded);
    if (missing) throw new MissingDependencyError(missing);

    this.violation = null;
    this.pendingBefore = this.pendingBytes();
    this.applying = true;
    try {
      // One outer transaction: if Y.applyUpdate throws halfway, the violation is known
      // before the transaction ends and emits what was integrated (the room drops it).
      Y.transact(
        this.doc,
        () => {
          try {
            Y.applyUpdate(this.doc, update, origin);
          } catch (err) {
            this.violation = `update could not be applied: ${(err as Error).message}`;
          }
        },
        origin,
      );
    } finally {
      this.applying = false;
    }
    return this.violation ? 'poisoned' : 'ok';
  }

  pendingBytes(): number {
    const { pendingStructs, pendingDs } = this.doc.store;
    return (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
  }

  private readonly checkTransaction = (tr: Y.Transaction): void => {
    if (!this.applying || this.violation) return;
    this.checkDepth(tr);
    // Pending state from before this rule (old snapshots) may shrink, never grow.
    if (!this.violation && this.pendingBytes() > this.pendingBefore) this.violation = 'update left changes waiting for dependencies';
  };

  private checkDepth(tr: Y.Transaction): void {
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
  }

  /** Levels from the root type down to the type `item` holds (a child of a root is 1). */
  private depthOf(item: Y.Item): number {
    let depth = 1;
    for (let parent = (item.parent as Y.AbstractType<unknown>)._item; parent; parent = (parent.parent as Y.AbstractType<unknown>)._item) {
      if (++depth > this.limits.maxDepth) break;
    }
    return depth;
  }
}

/**
 * A struct that refers to a struct of its own client at or after itself, described; null when
 * there is none. Every struct a client creates refers only to what existed before it, and its
 * own clock counts up, so such a reference is never legitimate.
 */
function forwardReference(structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): string | null {
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { client, clock } = struct.id;
    const parent = struct.parent instanceof Y.ID ? struct.parent : null;
    for (const ref of [struct.origin, struct.rightOrigin, parent]) {
      if (ref && ref.client === client && ref.clock >= clock) {
        return `struct ${client}:${clock} refers to ${ref.client}:${ref.clock}, which it cannot depend on`;
      }
    }
  }
  return null;
}
