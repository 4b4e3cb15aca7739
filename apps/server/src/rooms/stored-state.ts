// Cold load (docs/protocol.md, "Rooms and lifetime"): a room keeps the stored snapshot and
// tail as bytes until something needs its Y.Doc. A fresh client is answered from those bytes,
// which are the whole document and already durable.
import { syncStep2FromUpdate } from '@inkwell/protocol/wire';
import * as Y from 'yjs';
import type { StoredDocState } from '../storage/document-store.ts';

/** An update that changes nothing: no structs, an empty delete set. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

/** A state vector without clients: the client has nothing yet. */
export const isEmptyStateVector = (sv: Uint8Array): boolean => sv.length === 1 && sv[0] === 0;

/**
 * One sync step 2 frame with the whole stored state. One frame, not a step 2 followed by the
 * tail: clients count as synced when the step 2 arrives.
 */
export function storedStep2(state: StoredDocState): Uint8Array {
  return syncStep2FromUpdate(storedUpdate(state));
}

/** The stored snapshot and tail as one Yjs update, without building a Y.Doc. */
export function storedUpdate(state: Pick<StoredDocState, 'snapshot' | 'updates'>): Uint8Array {
  const parts = state.snapshot ? [state.snapshot, ...state.updates] : state.updates;
  return parts.length === 0 ? EMPTY_UPDATE : parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
}

/** Applies snapshot then tail to `doc` in one transaction with `origin`. */
export function applyStoredState(doc: Y.Doc, state: StoredDocState, origin: unknown): void {
  Y.transact(
    doc,
    () => {
      if (state.snapshot) Y.applyUpdate(doc, state.snapshot, origin);
      for (const update of state.updates) Y.applyUpdate(doc, update, origin);
    },
    origin,
  );
}
