// Whether a document's stored rows can be loaded, decided from their bytes before anything is
// served from them (API.md §5: a damaged document is refused, never served empty or
// partial, and never written to).
//
// Damaged means one of:
// - a row (the snapshot or a log row) does not decode: truncated or corrupted bytes;
// - the rows decode but do not load completely: some struct or deletion depends on changes
//   that no row holds, so Yjs would keep it pending and show a document without it. The
//   server has refused such updates since the update guard (update-dependencies.ts), so
//   stored pending changes mean a row was lost or damaged in a way that still decodes.
//
// The check decodes the rows (Yjs's lazy struct reader, which throws on truncated bytes) and
// walks the structs' dependencies; it does not build a Y.Doc, which costs several times as
// much (docs/performance.md, "Damaged documents").
import * as Y from 'yjs';
import type { StoredDocState } from '../storage/document-store.ts';
import { missingDependency } from './update-dependencies.ts';

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;
type Struct = DecodedUpdate['structs'][number];

/** The damaged part: the snapshot, one log row (by its seq), or the rows taken together. */
export type DamagedPart = { kind: 'snapshot' } | { kind: 'update'; seq: number } | { kind: 'state' };

export interface StoredDamage {
  part: DamagedPart;
  reason: string;
}

export function describePart(part: DamagedPart): string {
  switch (part.kind) {
    case 'snapshot':
      return 'snapshot row';
    case 'update':
      return `update row seq ${part.seq}`;
    case 'state':
      return 'stored state';
    default: {
      const unreachable: never = part;
      throw new Error(`unknown part ${JSON.stringify(unreachable)}`);
    }
  }
}

/** A document refused because its stored state is damaged; HTTP and upgrades answer DOC_DAMAGED. */
export class DocDamagedError extends Error {
  constructor(
    readonly docId: string,
    readonly damage: StoredDamage,
  ) {
    super(`document ${docId}: ${describePart(damage.part)} ${damage.reason}`);
    this.name = 'DocDamagedError';
  }
}

/** Decodes one stored row; throws when its bytes are not a whole Yjs update. */
export function decodeRow(bytes: Uint8Array): DecodedUpdate {
  return Y.decodeUpdate(bytes);
}

/**
 * Why the decoded rows, applied together to an empty document, would leave something
 * pending; null when they load completely.
 */
export function missingInRows(rows: readonly DecodedUpdate[]): string | null {
  const byClient = new Map<number, Struct[]>();
  for (const row of rows) {
    for (const struct of row.structs) {
      const list = byClient.get(struct.id.client);
      if (list) list.push(struct);
      else byClient.set(struct.id.client, [struct]);
    }
  }
  const structs: Struct[] = [];
  for (const list of byClient.values()) {
    // Rows overlap (a snapshot may cover more than the rows it replaced, a client may resend
    // what it sent before): keep each client's structs in clock order, each one that reaches
    // past those before it. Skips (gaps) are left out: the struct after a gap shows it.
    if (rows.length > 1) list.sort((a, b) => a.id.clock - b.id.clock);
    let end = 0;
    for (const struct of list) {
      const structEnd = struct.id.clock + struct.length;
      if (struct instanceof Y.Skip || structEnd <= end) continue;
      structs.push(struct);
      end = structEnd;
    }
  }
  const ds = rows.length === 1 ? rows[0]!.ds : Y.mergeDeleteSets(rows.map((r) => r.ds));
  const empty = new Y.Doc();
  try {
    return missingDependency(empty, { structs, ds });
  } finally {
    empty.destroy();
  }
}

/** What is damaged in a document's stored state, or null when it loads completely. */
export function checkStoredState(state: StoredDocState): StoredDamage | null {
  const rows: DecodedUpdate[] = [];
  if (state.snapshot) {
    try {
      rows.push(decodeRow(state.snapshot));
    } catch (err) {
      return { part: { kind: 'snapshot' }, reason: `does not decode (${errorText(err)})` };
    }
  }
  // The tail's seqs are consecutive and end at lastSeq (DocumentStore).
  const firstSeq = state.lastSeq - state.updates.length + 1;
  for (const [i, update] of state.updates.entries()) {
    try {
      rows.push(decodeRow(update));
    } catch (err) {
      return { part: { kind: 'update', seq: firstSeq + i }, reason: `does not decode (${errorText(err)})` };
    }
  }
  const missing = missingInRows(rows);
  return missing ? { part: { kind: 'state' }, reason: `does not load completely: ${missing}` } : null;
}

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
