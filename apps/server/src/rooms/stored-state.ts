// Cold load (docs/protocol.md, "Rooms and lifetime"): a room keeps the stored snapshot and
// tail as bytes until something needs its Y.Doc. A fresh client is answered from those bytes,
// which are the whole document and already durable.
import { syncStep2FromUpdate } from '@inkwell/protocol/wire';
import * as Y from 'yjs';
import type { StoredDocState } from '../storage/document-store.ts';
import { type DamagedRow, DocDamagedError } from '../storage/errors.ts';
import { missingDependency } from './update-dependencies.ts';

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

/**
 * Checks that a document's stored rows load, and returns them as one update (storedUpdate).
 * Throws DocDamagedError, naming the row, when they do not: a row that does not decode (cut
 * short, overwritten), or a merged state that would leave structs or deletions waiting for
 * changes that are not stored (a lost row). Nothing is built: the rows are decoded, merged
 * and walked (update-dependencies.ts), not integrated into a Y.Doc.
 *
 * A snapshot that has missing dependencies on its own is tolerated: it was written before
 * the server refused such updates (update-guard.ts), and a room has always loaded it that
 * way. Only the rows, never a verdict, are remembered: every load checks again.
 */
export function checkStoredState(docId: string, state: StoredDocState): Uint8Array {
  let merged: Uint8Array;
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    merged = storedUpdate(state);
    decoded = Y.decodeUpdate(merged);
  } catch (err) {
    const row = firstUndecodableRow(state);
    throw new DocDamagedError(docId, row?.row ?? { kind: 'state' }, row?.reason ?? errorMessage(err));
  }
  const missing = missingDependencyOf(decoded);
  // Tolerated when the snapshot alone has it (when there is no tail, `merged` is the snapshot).
  const legacy = () =>
    state.snapshot !== null && (state.updates.length === 0 || missingDependencyOf(Y.decodeUpdate(state.snapshot)) !== null);
  if (missing && !legacy()) {
    throw new DocDamagedError(docId, { kind: 'state' }, missing);
  }
  return merged;
}

/** The first stored row (snapshot, then the log in order) that does not decode. */
export function firstUndecodableRow(state: StoredDocState): { row: DamagedRow; reason: string } | undefined {
  const firstSeq = state.lastSeq - state.updates.length + 1;
  const rows: [DamagedRow, Uint8Array][] = state.updates.map((bytes, i) => [{ kind: 'update', seq: firstSeq + i }, bytes]);
  if (state.snapshot) rows.unshift([{ kind: 'snapshot' }, state.snapshot]);
  for (const [row, bytes] of rows) {
    const reason = undecodable(bytes);
    if (reason) return { row, reason };
  }
  return undefined;
}

/** Why `update` does not decode, or null when it does. */
export function undecodable(update: Uint8Array): string | null {
  try {
    Y.decodeUpdate(update);
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}

/** What an update would leave pending in an empty document (null: nothing). */
export function missingDependencyOf(decoded: ReturnType<typeof Y.decodeUpdate>): string | null {
  const empty = new Y.Doc();
  try {
    return missingDependency(empty, decoded);
  } finally {
    empty.destroy();
  }
}

const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Told the outcome of every check of a document's stored state (server.ts logs a damaged one
 * and counts it in the inkwell_docs_damaged gauge; a readable one leaves the gauge).
 */
export interface StoredStateReport {
  damaged(err: DocDamagedError): void;
  readable(docId: string): void;
}
