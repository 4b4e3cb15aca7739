// Damaged storage is loud, never blank (API.md §5): a document whose stored rows do not load
// is refused with 503 DOC_DAMAGED at the upgrade and on HTTP reads, the process stays up,
// other documents keep working, the rows stay untouched, and a repaired document loads again.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { CloseCode } from '@inkwell/protocol';
import { syncStep1 } from '@inkwell/protocol/wire';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DB_FILE_NAME } from '../src/server.ts';
import {
  api,
  cleanup,
  closeCode,
  connect,
  createDoc,
  rawSocket,
  startProcess,
  startServer,
  tempDir,
  upgradeStatus,
} from './support/helpers.ts';
import { flipOne, seeded } from './support/seeded.ts';

afterEach(cleanup);

interface Rows {
  snapshot: Buffer | undefined;
  updates: { seq: number; data: Buffer }[];
  lastSeq: number;
}

function withDb<T>(dataDir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, DB_FILE_NAME));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function readRows(dataDir: string, docId: string): Rows {
  return withDb(dataDir, (db) => ({
    snapshot: (db.prepare('SELECT state FROM doc_snapshots WHERE doc_id = ?').get(docId) as { state: Buffer } | undefined)?.state,
    updates: db.prepare('SELECT seq, data FROM doc_updates WHERE doc_id = ? ORDER BY seq').all(docId) as Rows['updates'],
    lastSeq: (db.prepare('SELECT last_seq FROM documents WHERE id = ?').get(docId) as { last_seq: number }).last_seq,
  }));
}

const half = (bytes: Uint8Array): Buffer => Buffer.from(bytes.subarray(0, Math.floor(bytes.length / 2)));

/** Cuts the document's snapshot row in half. */
function cutSnapshot(dataDir: string, docId: string): void {
  withDb(dataDir, (db) => {
    const { state } = db.prepare('SELECT state FROM doc_snapshots WHERE doc_id = ?').get(docId) as { state: Buffer };
    db.prepare('UPDATE doc_snapshots SET state = ? WHERE doc_id = ?').run(half(state), docId);
  });
}

/** Appends one more edit to the document's log as the server would, with its bytes cut in half. */
function appendCutUpdate(dataDir: string, docId: string, text: string): void {
  withDb(dataDir, (db) => {
    const { state } = db.prepare('SELECT state FROM doc_snapshots WHERE doc_id = ?').get(docId) as { state: Buffer };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const before = Y.encodeStateVector(doc);
    doc.getText('text').insert(doc.getText('text').length, text);
    const update = Y.encodeStateAsUpdate(doc, before);
    const { last_seq } = db.prepare('SELECT last_seq FROM documents WHERE id = ?').get(docId) as { last_seq: number };
    db.prepare('INSERT INTO doc_updates (doc_id, seq, data) VALUES (?, ?, ?)').run(docId, last_seq + 1, half(update));
    db.prepare('UPDATE documents SET last_seq = ? WHERE id = ?').run(last_seq + 1, docId);
  });
}

/** Appends one intact edit to the document's log (after the snapshot and any earlier row). */
function appendUpdate(dataDir: string, docId: string, text: string): void {
  withDb(dataDir, (db) => {
    const { state } = db.prepare('SELECT state FROM doc_snapshots WHERE doc_id = ?').get(docId) as { state: Buffer };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    for (const row of db.prepare('SELECT data FROM doc_updates WHERE doc_id = ? ORDER BY seq').all(docId) as { data: Buffer }[]) {
      Y.applyUpdate(doc, row.data);
    }
    const before = Y.encodeStateVector(doc);
    doc.getText('text').insert(doc.getText('text').length, text);
    const { last_seq } = db.prepare('SELECT last_seq FROM documents WHERE id = ?').get(docId) as { last_seq: number };
    db.prepare('INSERT INTO doc_updates (doc_id, seq, data) VALUES (?, ?, ?)').run(docId, last_seq + 1, Y.encodeStateAsUpdate(doc, before));
    db.prepare('UPDATE documents SET last_seq = ? WHERE id = ?').run(last_seq + 1, docId);
  });
}

/** Whether `update` decodes on its own but throws when Yjs integrates it into an empty doc. */
/**
 * A snapshot that decodes but makes Yjs throw while integrating it: such rows killed the
 * server once (they passed a decode-only check, then threw outside any request). Found among
 * byte flips of a snapshot with several people's edits.
 */
function snapshotThatThrows(snapshot: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  for (const client of [101, 202, 303]) {
    const other = new Y.Doc();
    other.clientID = client;
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    other.getText('text').insert(client % 7, `edit by ${client} `);
    other.getText('text').delete(2, 3);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
  }
  const intact = Y.encodeStateAsUpdate(doc);
  const rand = seeded(3);
  for (let i = 0; i < 5000; i++) {
    const candidate = flipOne(intact, rand);
    if (decodesButThrows(candidate)) return candidate;
  }
  throw new Error('no byte flip of the snapshot decodes and then throws');
}

function decodesButThrows(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
  } catch {
    return false;
  }
  try {
    Y.applyUpdate(new Y.Doc(), update);
    return false;
  } catch {
    return true;
  }
}

/** A server process on `dataDir`, as `npm start` runs it. */
async function spawnOn(dataDir: string) {
  const proc = startProcess({ DATA_DIR: dataDir });
  const url = await proc.url;
  return { proc, url, wsBase: `${url.replace('http', 'ws')}/ws/doc` };
}

/**
 * A stock client of `docId` is refused (it retries; it never syncs an empty document), and the
 * upgrade answers 503 DOC_DAMAGED. Returns the stock client, still retrying.
 */
async function expectRefused(wsBase: string, docId: string) {
  const stock = connect(wsBase, docId);
  await new Promise<void>((resolve) => stock.provider.once('connection-error', () => resolve()));
  expect(stock.provider.synced).toBe(false);
  const refused = await upgradeStatus(`${wsBase}/${docId}`);
  expect(refused.status).toBe(503);
  expect(JSON.parse(refused.body).error.code).toBe('DOC_DAMAGED');
  return stock;
}

const serverDir = fileURLToPath(new URL('..', import.meta.url));

/** `pnpm run doctor` as its script runs it: tsx src/doctor.ts in apps/server. */
function doctor(dataDir: string, ...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/doctor.ts', '--data-dir', dataDir, ...args],
      { cwd: serverDir },
      (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, output: stdout + stderr });
      },
    );
  });
}

/** Two documents with text, stored as snapshots by a server that has stopped again. */
async function twoDocuments(opts: { version?: boolean } = {}): Promise<{ dataDir: string; damaged: string; healthy: string }> {
  const dataDir = tempDir();
  const first = await startServer({ dataDir });
  const [damaged, healthy] = [await createDoc(first.url, 'Damaged'), await createDoc(first.url, 'Healthy')];
  for (const [id, text] of [
    [damaged.id, 'the text that must not vanish'],
    [healthy.id, 'a healthy document'],
  ] as const) {
    const a = connect(first.wsBase, id);
    const b = connect(first.wsBase, id);
    await Promise.all([a.synced, b.synced]);
    a.text.insert(0, text);
    // Relayed means stored (persist before relay).
    await vi.waitFor(() => expect(b.text.toString()).toBe(text));
  }
  if (opts.version) {
    const res = await api(first.url, `/api/docs/${damaged.id}/versions`, { method: 'POST', body: { label: 'kept' } });
    expect(res.status).toBe(201);
  }
  await first.server.close(); // compacts: each document is one snapshot row
  // The shutdown also took an automatic version of each edited document; without `version`
  // the documents must have none (the doctor rebuilds from a version when there is one).
  if (!opts.version) withDb(dataDir, (db) => db.prepare("DELETE FROM doc_versions WHERE reason = 'auto'").run());
  return { dataDir, damaged: damaged.id, healthy: healthy.id };
}

async function damagedDocsGauge(url: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^inkwell_docs_damaged (\S+)$/m.exec(text);
  return match ? Number(match[1]) : undefined;
}

describe('damaged storage', () => {
  it('refuses a document whose snapshot is cut in half with 503 DOC_DAMAGED, serves the others, and loads it once repaired', async () => {
    const { dataDir, damaged, healthy } = await twoDocuments();
    const intact = readRows(dataDir, damaged);
    cutSnapshot(dataDir, damaged);
    const cut = readRows(dataDir, damaged);

    const { server, url, wsBase } = await startServer({ dataDir });
    const refused = await upgradeStatus(`${wsBase}/${damaged}`);
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body).error.code).toBe('DOC_DAMAGED');
    // A second attempt checks again (and is refused again): no room was left behind.
    expect((await upgradeStatus(`${wsBase}/${damaged}`)).status).toBe(503);
    expect(server.registry.openRooms).toBe(0);

    // HTTP: reading the state (a version of it) is refused; metadata still answers.
    const version = await api<{ error: { code: string } }>(url, `/api/docs/${damaged}/versions`, { method: 'POST', body: {} });
    expect(version.status).toBe(503);
    expect(version.body.error.code).toBe('DOC_DAMAGED');
    expect((await api(url, `/api/docs/${damaged}`)).status).toBe(200);
    expect(await damagedDocsGauge(url)).toBe(1);

    // The other document is unaffected.
    const other = connect(wsBase, healthy);
    await other.synced;
    expect(other.text.toString()).toBe('a healthy document');

    // Nothing was written to the damaged document.
    expect(readRows(dataDir, damaged)).toEqual(cut);

    // Repaired behind the running server's back: the next load checks again and succeeds.
    withDb(dataDir, (db) => db.prepare('UPDATE doc_snapshots SET state = ? WHERE doc_id = ?').run(intact.snapshot, damaged));
    const back = connect(wsBase, damaged);
    await back.synced;
    expect(back.text.toString()).toBe('the text that must not vanish');
    expect(await damagedDocsGauge(url)).toBe(0);
  });

  it('closes the room and refuses the next load when a snapshot whose checksum matches still does not build', async () => {
    // Served unbuilt because its CRC-32 matches: bytes the server itself wrote. Only a Yjs
    // that cannot read its own output could get here; made up by writing the checksum of a
    // snapshot that throws while integrating.
    const { dataDir, damaged, healthy } = await twoDocuments();
    const breaker = snapshotThatThrows(readRows(dataDir, damaged).snapshot!);
    withDb(dataDir, (db) =>
      db.prepare('UPDATE doc_snapshots SET state = ?, checksum = ? WHERE doc_id = ?').run(Buffer.from(breaker), crc32(breaker), damaged),
    );

    const { server, url, wsBase } = await startServer({ dataDir });
    const ws = await rawSocket(wsBase, damaged);
    const closed = closeCode(ws);
    ws.send(syncStep1(new Y.Doc()));
    expect(await closed).toBe(CloseCode.INTERNAL_ERROR);
    // From now on it is built before it is served, which refuses it.
    const refused = await upgradeStatus(`${wsBase}/${damaged}`);
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body).error.code).toBe('DOC_DAMAGED');
    expect(await damagedDocsGauge(url)).toBe(1);
    expect(server.registry.openRooms).toBe(0);

    const other = connect(wsBase, healthy);
    await other.synced;
    expect(other.text.toString()).toBe('a healthy document');
  });

  it('keeps a spawned server alive when the newest log row is cut in half, and leaves the rows byte-identical', async () => {
    const { dataDir, damaged, healthy } = await twoDocuments();
    appendCutUpdate(dataDir, damaged, ' and more');
    const cut = readRows(dataDir, damaged);
    expect(cut.updates).toHaveLength(1);

    const { proc, url, wsBase } = await spawnOn(dataDir);
    const stock = await expectRefused(wsBase, damaged);
    const version = await api<{ error: { code: string } }>(url, `/api/docs/${damaged}/versions`, { method: 'POST', body: {} });
    expect(version.status).toBe(503);
    expect(version.body.error.code).toBe('DOC_DAMAGED');

    const other = connect(wsBase, healthy);
    await other.synced;
    expect(other.text.toString()).toBe('a healthy document');
    other.text.insert(0, 'still ');
    expect(await damagedDocsGauge(url)).toBe(1);
    expect(proc.child.exitCode).toBeNull();
    expect(proc.output()).toMatch(/document is damaged/);
    expect(proc.output()).toMatch(/update seq 2/);

    stock.destroy();
    expect(await proc.stop()).toBe(0);
    expect(readRows(dataDir, damaged)).toEqual(cut);
  });

  it('refuses a snapshot that decodes but makes Yjs throw while integrating it, and the process stays up', async () => {
    const { dataDir, damaged, healthy } = await twoDocuments();
    const breaker = snapshotThatThrows(readRows(dataDir, damaged).snapshot!);
    // The stored checksum no longer matches, so the room is built before anything is served.
    withDb(dataDir, (db) => db.prepare('UPDATE doc_snapshots SET state = ? WHERE doc_id = ?').run(Buffer.from(breaker), damaged));

    const { proc, wsBase } = await spawnOn(dataDir);
    const stock = await expectRefused(wsBase, damaged);

    const other = connect(wsBase, healthy);
    await other.synced;
    expect(other.text.toString()).toBe('a healthy document');
    expect(proc.child.exitCode).toBeNull();
    stock.destroy();
    expect(await proc.stop()).toBe(0);
    expect(readRows(dataDir, damaged).snapshot).toEqual(Buffer.from(breaker!));
  });

  it('doctor reports a damaged log row (exit 1), and --salvage keeps the rows that load and sets the damaged one aside', async () => {
    const { dataDir, damaged, healthy } = await twoDocuments();
    appendUpdate(dataDir, damaged, ' and more');
    appendCutUpdate(dataDir, damaged, ' lost');
    const cutRow = readRows(dataDir, damaged).updates.at(-1)!;

    const report = await doctor(dataDir);
    expect(report.code).toBe(1);
    expect(report.output).toMatch(/database file: ok/);
    expect(report.output).toMatch(new RegExp(`DAMAGED\\s+${damaged}`));
    expect(report.output).toMatch(/update seq 3: /);
    expect(report.output).toMatch(new RegExp(`ok\\s+${healthy}`));
    expect(report.output).toMatch(/2 documents checked, 1 damaged/);

    const salvaged = await doctor(dataDir, '--salvage', damaged);
    expect(salvaged.output).toMatch(/built from: snapshot, update seq 2/);
    expect(salvaged.output).toMatch(/kept aside in damaged_rows:\s+update seq 3/);
    expect(salvaged.code).toBe(0);
    expect((await doctor(dataDir)).code).toBe(0);
    const kept = withDb(dataDir, (db) => db.prepare('SELECT doc_id, kind, seq, data FROM damaged_rows').all());
    expect(kept).toEqual([{ doc_id: damaged, kind: 'update', seq: 3, data: cutRow.data }]);
    // Salvaging a document that loads is refused.
    expect((await doctor(dataDir, '--salvage', healthy)).code).toBe(1);
    // Document ids may begin with '-': taken as the value, not as an option (a usage error is 2).
    const dashed = await doctor(dataDir, '--salvage', '-x1');
    expect(dashed.output).toMatch(/salvage refused: no document -x1/);
    expect(dashed.code).toBe(1);

    const { wsBase } = await startServer({ dataDir });
    const back = connect(wsBase, damaged);
    await back.synced;
    expect(back.text.toString()).toBe('the text that must not vanish and more');
  });

  it('doctor --salvage rebuilds a document whose only snapshot is cut in half from its newest version', async () => {
    const { dataDir, damaged } = await twoDocuments({ version: true });
    cutSnapshot(dataDir, damaged);
    const report = await doctor(dataDir);
    expect(report.code).toBe(1);
    expect(report.output).toMatch(/snapshot: /);

    const salvaged = await doctor(dataDir, '--salvage', damaged);
    expect(salvaged.code).toBe(0);
    expect(salvaged.output).toMatch(/built from: version \S+ \(kept\)/);
    expect(salvaged.output).toMatch(/kept aside in damaged_rows:\s+snapshot/);

    const { wsBase } = await startServer({ dataDir });
    const back = connect(wsBase, damaged);
    await back.synced;
    expect(back.text.toString()).toBe('the text that must not vanish');
  });
});
