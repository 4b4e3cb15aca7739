// Loading a document's stored rows (docs/protocol.md, "Rooms and lifetime", "Damaged storage"):
// a room is built only from rows that load, and a fresh client is answered with the stored
// bytes themselves, which are the whole document and already durable.
import { crc32 } from 'node:zlib';
import * as Y from 'yjs';
import type { StoredDocState } from '../storage/document-store.ts';
import { type DamagedRow, DocDamagedError } from '../storage/errors.ts';
import { missingDependency } from './update-dependencies.ts';

/** An update that changes nothing: no structs, an empty delete set. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

/** A state vector without clients: the client has nothing yet. */
export const isEmptyStateVector = (sv: Uint8Array): boolean => sv.length === 1 && sv[0] === 0;

/** The stored snapshot and tail as one Yjs update, without building a Y.Doc. */
export function storedUpdate(state: Pick<StoredDocState, 'snapshot' | 'updates'>): Uint8Array {
  const parts = state.snapshot ? [state.snapshot, ...state.updates] : state.updates;
  return parts.length === 0 ? EMPTY_UPDATE : parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
}

/**
 * The stored rows as they are, when they may be served before they are built: a snapshot with
 * no tail whose bytes still match the CRC-32 recorded when the server encoded it from a live
 * document (storage compact()). Such bytes are not damaged storage: they are what a healthy
 * room wrote. Otherwise null: build first (buildStoredDoc), which names a damaged row.
 */
export function trustedStoredUpdate(state: StoredDocState): Uint8Array | null {
  const { snapshot, snapshotChecksum, updates } = state;
  if (!snapshot || updates.length > 0 || snapshotChecksum == null) return null;
  return crc32(snapshot) === snapshotChecksum ? snapshot : null;
}

/** A document built from its stored rows (buildStoredDoc). */
export interface BuiltDoc {
  doc: Y.Doc;
  /** The stored rows as one update: the whole of `doc` until something changes it. */
  update: Uint8Array;
  /**
   * The snapshot on its own leaves structs waiting for changes that were never stored. Written
   * before the server refused such updates (update-guard.ts); loaded as it always was.
   */
  legacyPending: boolean;
}

/**
 * Builds a document from its stored rows.
 * Throws DocDamagedError, naming the row, when they do not load: a row that does not decode
 * (cut short, overwritten), rows that decode but make Yjs throw while integrating them, or a
 * state that leaves structs or deletions waiting for changes that are not stored (a lost
 * row). The doc is built here, not later, so that nothing a room does with it can meet a
 * damaged state (a throw there would be outside any request, and fatal). Only the rows,
 * never a verdict, are remembered: every load checks again.
 */
export function buildStoredDoc(docId: string, state: StoredDocState): BuiltDoc {
  let update: Uint8Array;
  try {
    update = storedUpdate(state);
  } catch (err) {
    throw damagedRow(docId, state, err);
  }
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
  } catch (err) {
    doc.destroy();
    throw damagedRow(docId, state, err);
  }
  let legacyPending = false;
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    // Tolerated when the snapshot alone has it (with no tail, `update` is the snapshot).
    legacyPending = state.snapshot !== null && (state.updates.length === 0 || pendingOf(state.snapshot) !== null);
    if (!legacyPending) {
      doc.destroy();
      throw new DocDamagedError(docId, { kind: 'state' }, pendingOf(update) ?? 'changes wait for rows that are not stored');
    }
  }
  return { doc, update, legacyPending };
}

/**
 * Checks that a document's stored rows load (buildStoredDoc) and returns them as one update.
 */
export function checkStoredState(docId: string, state: StoredDocState): Uint8Array {
  const built = buildStoredDoc(docId, state);
  built.doc.destroy();
  return built.update;
}

function damagedRow(docId: string, state: StoredDocState, err: unknown): DocDamagedError {
  const row = firstUndecodableRow(state);
  return new DocDamagedError(docId, row?.row ?? { kind: 'state' }, row?.reason ?? errorMessage(err));
}

/** What `update` would leave pending in an empty document (null: nothing, or it does not decode). */
function pendingOf(update: Uint8Array): string | null {
  try {
    return missingDependencyOf(Y.decodeUpdate(update));
  } catch (err) {
    return errorMessage(err);
  }
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
