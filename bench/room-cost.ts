// CPU per update on a room's hot path, in-process (no sockets, no load generator): what one
// stored-and-relayed edit costs us, and what an update from another instance costs.
//   pnpm --filter @inkwell/server exec tsx ../../bench/room-cost.ts [--updates 20000] [--peers 9]
// Each round: `peers + 1` editors' Yjs docs make one-character edits in turn; the local path
// hands each to Room.handleMessage (stored in a real SQLite file, relayed after the commit),
// the remote path to Room.receive as a bus message (applied and relayed, never stored).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from '../apps/server/node_modules/yjs/dist/yjs.mjs';
import { silentLogger } from '../apps/server/src/logger.ts';
import type { Identity } from '../apps/server/src/rooms/connection.ts';
import { Room } from '../apps/server/src/rooms/room.ts';
import type { RoomSocket } from '../apps/server/src/rooms/room-socket.ts';
import { SqliteStorage } from '../apps/server/src/storage/sqlite-storage.ts';
import { syncUpdate } from '../packages/protocol/src/wire/index.ts';

const { values: a } = parseArgs({ options: { updates: { type: 'string', default: '20000' }, peers: { type: 'string', default: '9' } } });
const N = Number(a.updates);
const identity: Identity = { user: { id: 'u', name: 'U', color: '#000000' }, role: 'editor', sessionId: 's' };
const PEERS = Number(a.peers);

class CountingSocket implements RoomSocket {
  static n = 0;
  readonly id = `s${++CountingSocket.n}`;
  readonly isOpen = true;
  frames = 0;
  send(): void {
    this.frames += 1;
  }
  close(): void {}
}

function editors(n: number): { doc: Y.Doc; updates: Uint8Array[] }[] {
  return Array.from({ length: n }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = 1000 + i;
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    return { doc, updates };
  });
}

/** N one-character edits from the editors in turn, each seeing the others' (like real peers). */
function makeEdits(count: number, n: number): Uint8Array[] {
  const eds = editors(n);
  const all: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const e = eds[i % n]!;
    const text = e.doc.getText('content');
    text.insert(Math.floor((text.length * ((i * 7919) % 100)) / 100), 'x');
    const u = e.updates.pop()!;
    all.push(u);
    for (const o of eds) if (o !== e) Y.applyUpdate(o.doc, u);
  }
  return all;
}

async function measure(kind: 'local' | 'remote', edits: Uint8Array[]): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'room-cost-'));
  const storage = new SqliteStorage(path.join(dir, 'inkwell.db'));
  await storage.createDoc({ id: 'doc', title: 'T', createdAt: 1, updatedAt: 1 });
  const room = (await Room.load('doc', {
    storage,
    logger: silentLogger,
    compactAfterUpdates: 1_000_000,
    onStorageFailure: () => {},
    onPoisoned: () => {},
  }))!;
  const sockets = Array.from({ length: PEERS + 1 }, () => new CountingSocket());
  for (const s of sockets) room.join(s, identity);
  const frames = edits.map((u) => syncUpdate(u));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < edits.length; i++) {
    if (kind === 'local') room.handleMessage(sockets[i % sockets.length]!, frames[i]!);
    else room.receive({ kind: 'update', from: i + 1, updates: [edits[i]!] });
    // A commit per edit or two, as at 1,000 edits/s: let the group commit run.
    if (i % 2 === 1) await new Promise((r) => setImmediate(r));
  }
  await room.flushed();
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  const sent = sockets.reduce((s, x) => s + x.frames, 0);
  console.log(
    `${kind}: ${((cpu.user + cpu.system) / edits.length).toFixed(1)} µs CPU per update (user ${(cpu.user / edits.length).toFixed(1)}, sys ${(cpu.system / edits.length).toFixed(1)}), wall ${((wall * 1000) / edits.length).toFixed(1)} µs, ${(sent / edits.length).toFixed(2)} frames per update`,
  );
  room.close(1001, 'done');
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}

const edits = makeEdits(N, PEERS + 1);
for (let r = 0; r < 3; r++) {
  await measure('local', edits);
  await measure('remote', edits);
}
