// `pnpm run doctor`: checks the SQLite database and every document's stored Yjs state the way
// a room load does (rooms/stored-state.ts), and with --salvage rebuilds one damaged document
// from what still loads. The CLI is doctor.ts at the top of src.
//
// Safety: checking only reads. A salvage writes only the damaged document's rows, in one
// IMMEDIATE transaction that checks the rows again first and refuses a document that loads.
// A running server never opens a damaged document (its loads are refused, so it holds no
// room and writes nothing there), so a salvage is safe while the server runs; the next open
// loads the salvaged state. When integrity_check itself fails, stop the server and work on a
// copy of the file.
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { checkStoredState } from '../rooms/stored-state.ts';
import { missingDependency } from '../rooms/update-dependencies.ts';
import type { StoredDocState } from '../storage/document-store.ts';
import { type DamagedRow, DocDamagedError, describeRow } from '../storage/errors.ts';

export interface RowProblem {
  row: DamagedRow;
  reason: string;
}

export interface DocReport {
  id: string;
  title: string;
  /** Snapshot (0 or 1) plus update rows. */
  rows: number;
  /** Empty when the document loads. */
  problems: RowProblem[];
}

export interface DoctorReport {
  /** PRAGMA integrity_check: ['ok'] when the file is sound. */
  integrity: string[];
  docs: DocReport[];
}

export const isHealthy = (report: DoctorReport): boolean =>
  report.integrity.length === 1 && report.integrity[0] === 'ok' && report.docs.every((d) => d.problems.length === 0);

interface DocRows {
  snapshot: { state: Uint8Array; throughSeq: number } | undefined;
  updates: { seq: number; data: Uint8Array }[];
  lastSeq: number;
}

const bytes = (buf: Buffer): Uint8Array => new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);

function readRows(db: Database.Database, docId: string, lastSeq: number): DocRows {
  const snap = db.prepare('SELECT state, through_seq FROM doc_snapshots WHERE doc_id = ?').get(docId) as
    | { state: Buffer; through_seq: number }
    | undefined;
  const updates = (
    db.prepare('SELECT seq, data FROM doc_updates WHERE doc_id = ? AND seq > ? ORDER BY seq').all(docId, snap?.through_seq ?? 0) as {
      seq: number;
      data: Buffer;
    }[]
  ).map((r) => ({ seq: r.seq, data: bytes(r.data) }));
  return { snapshot: snap && { state: bytes(snap.state), throughSeq: snap.through_seq }, updates, lastSeq };
}

/** The stored rows as a piece list, snapshot first, each with what it is. */
function pieces(rows: DocRows): { row: DamagedRow; data: Uint8Array }[] {
  const list: { row: DamagedRow; data: Uint8Array }[] = rows.updates.map((u) => ({ row: { kind: 'update', seq: u.seq }, data: u.data }));
  if (rows.snapshot) list.unshift({ row: { kind: 'snapshot' }, data: rows.snapshot.state });
  return list;
}

/**
 * Applies each update that decodes and integrates completely (nothing left pending) to `doc`,
 * in order, retrying the ones that waited for others until nothing more applies. Returns the
 * ones left out and why.
 */
function applyWhatLoads<T extends { data: Uint8Array }>(doc: Y.Doc, list: readonly T[]): { piece: T; reason: string }[] {
  const undecodable: { piece: T; reason: string }[] = [];
  let waiting: { piece: T; reason: string }[] = [];
  let todo = [...list];
  let progress = true;
  while (progress && todo.length > 0) {
    progress = false;
    waiting = [];
    for (const piece of todo) {
      let decoded: ReturnType<typeof Y.decodeUpdate>;
      try {
        decoded = Y.decodeUpdate(piece.data);
      } catch (err) {
        undecodable.push({ piece, reason: (err as Error).message });
        continue;
      }
      const missing = missingDependency(doc, decoded);
      if (missing) {
        waiting.push({ piece, reason: missing });
      } else {
        Y.applyUpdate(doc, piece.data);
        progress = true;
      }
    }
    todo = waiting.map((w) => w.piece);
  }
  return [...undecodable, ...waiting].sort((a, b) => list.indexOf(a.piece) - list.indexOf(b.piece));
}

/** What is wrong with one document's rows (empty: it loads, exactly as a room load decides). */
function examineRows(docId: string, rows: DocRows): RowProblem[] {
  const state: StoredDocState = { snapshot: rows.snapshot?.state ?? null, updates: rows.updates.map((u) => u.data), lastSeq: rows.lastSeq };
  try {
    checkStoredState(docId, state);
    return [];
  } catch (err) {
    if (!(err instanceof DocDamagedError)) throw err;
  }
  // Name every row that does not load, in order (the room's check stops at the first).
  const doc = new Y.Doc();
  try {
    const left = applyWhatLoads(doc, pieces(rows));
    if (left.length > 0) return left.map(({ piece, reason }) => ({ row: piece.row, reason }));
    return [{ row: { kind: 'state' }, reason: 'the rows do not load together' }];
  } finally {
    doc.destroy();
  }
}

/** Checks the file and every document; only reads. */
export function examine(db: Database.Database): DoctorReport {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const docs = (
    db.prepare('SELECT id, title, last_seq FROM documents ORDER BY created_at, rowid').all() as {
      id: string;
      title: string;
      last_seq: number;
    }[]
  ).map((d) => {
    const rows = readRows(db, d.id, d.last_seq);
    return { id: d.id, title: d.title, rows: (rows.snapshot ? 1 : 0) + rows.updates.length, problems: examineRows(d.id, rows) };
  });
  return { integrity, docs };
}

export interface SalvageResult {
  docId: string;
  /** What the new snapshot was built from, e.g. "version abc (label)", "snapshot", "update seq 4". */
  used: string[];
  /** Rows moved to damaged_rows. */
  keptAside: RowProblem[];
  /** Sum of the new state's clocks: how many operations it holds. */
  operations: number;
}

export class SalvageRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SalvageRefused';
  }
}

/**
 * Rebuilds a damaged document, in one IMMEDIATE transaction, from everything that still loads:
 * its newest version that loads, its snapshot, and its update rows, each applied when it
 * decodes and integrates. Yjs merges are unions, so this one state holds every candidate
 * (the version and the log alone, the snapshot and the log alone) and is the one keeping
 * the most content. It becomes the document's snapshot through last_seq; the update rows go,
 * and every stored row left out (snapshot or update) is kept in damaged_rows. The schema
 * keeps one snapshot per document, so there is no older snapshot to fall back on.
 */
export function salvage(db: Database.Database, docId: string, now: number): SalvageResult {
  return db
    .transaction((): SalvageResult => {
      const doc = db.prepare('SELECT last_seq FROM documents WHERE id = ?').get(docId) as { last_seq: number } | undefined;
      if (!doc) throw new SalvageRefused(`no document ${docId}`);
      const rows = readRows(db, docId, doc.last_seq);
      if (examineRows(docId, rows).length === 0) {
        throw new SalvageRefused(`document ${docId} is not damaged (it may be open in a running server): nothing to salvage`);
      }
      const ydoc = new Y.Doc();
      try {
        const used: string[] = [];
        const versions = db
          .prepare('SELECT id, label, state FROM doc_versions WHERE doc_id = ? ORDER BY created_at DESC, rowid DESC')
          .all(docId) as { id: string; label: string; state: Buffer }[];
        for (const v of versions) {
          if (applyWhatLoads(ydoc, [{ data: bytes(v.state) }]).length === 0) {
            used.push(`version ${v.id} (${v.label})`);
            break;
          }
        }
        const stored = pieces(rows);
        const left = applyWhatLoads(ydoc, stored);
        for (const piece of stored) if (!left.some((l) => l.piece === piece)) used.push(describeRow(piece.row));
        const state = Y.encodeStateAsUpdate(ydoc);
        // What the server will load next: it must pass the same check.
        checkStoredState(docId, { snapshot: state, updates: [], lastSeq: doc.last_seq });

        const keep = db.prepare('INSERT INTO damaged_rows (doc_id, kind, seq, data, reason, kept_at) VALUES (?, ?, ?, ?, ?, ?)');
        for (const { piece, reason } of left) {
          const seq = piece.row.kind === 'update' ? piece.row.seq : (rows.snapshot?.throughSeq ?? 0);
          keep.run(docId, piece.row.kind === 'update' ? 'update' : 'snapshot', seq, piece.data, reason, now);
        }
        db.prepare(
          `INSERT INTO doc_snapshots (doc_id, state, through_seq, checksum) VALUES (?, ?, ?, NULL)
           ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq, checksum = NULL`,
        ).run(docId, state, doc.last_seq);
        db.prepare('DELETE FROM doc_updates WHERE doc_id = ?').run(docId);
        let operations = 0;
        for (const clock of Y.decodeStateVector(Y.encodeStateVector(ydoc)).values()) operations += clock;
        return { docId, used, keptAside: left.map(({ piece, reason }) => ({ row: piece.row, reason })), operations };
      } finally {
        ydoc.destroy();
      }
    })
    .immediate();
}

/** A person's report: one line per document, then a summary. */
export function formatReport(report: DoctorReport): string {
  const lines: string[] = [];
  const fileOk = report.integrity.length === 1 && report.integrity[0] === 'ok';
  lines.push(
    fileOk ? 'database file: ok (integrity_check)' : `database file: DAMAGED (integrity_check)\n  ${report.integrity.join('\n  ')}`,
  );
  for (const d of report.docs) {
    const head = `${d.id}  ${JSON.stringify(d.title)}  ${d.rows} row${d.rows === 1 ? '' : 's'}`;
    if (d.problems.length === 0) lines.push(`ok       ${head}`);
    else {
      lines.push(`DAMAGED  ${head}`);
      for (const p of d.problems) lines.push(`           ${describeRow(p.row)}: ${p.reason}`);
    }
  }
  const damaged = report.docs.filter((d) => d.problems.length > 0);
  lines.push(
    `${report.docs.length} document${report.docs.length === 1 ? '' : 's'} checked, ${damaged.length} damaged` +
      (damaged.length > 0 ? `; repair one with: pnpm run doctor --salvage ${damaged[0]!.id}` : ''),
  );
  return lines.join('\n');
}

export function formatSalvage(result: SalvageResult): string {
  const lines = [
    `salvaged ${result.docId}: new snapshot with ${result.operations} operations`,
    `  built from: ${result.used.join(', ') || 'nothing (empty)'}`,
  ];
  if (result.keptAside.length > 0) {
    lines.push('  kept aside in damaged_rows:');
    for (const k of result.keptAside) lines.push(`    ${describeRow(k.row)}: ${k.reason}`);
  }
  return lines.join('\n');
}
