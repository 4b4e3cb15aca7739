// API.md §5 with a real process: what another client has seen survives kill -9, including a
// kill in the middle of a compaction; bad input never reaches the stored document.
import { once } from 'node:events';
import { join } from 'node:path';
import { CloseCode, MAX_NESTING_DEPTH } from '@inkwell/protocol';
import { syncUpdate } from '@inkwell/protocol/wire';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DB_FILE_NAME } from '../src/server.ts';
import { SqliteStorage } from '../src/storage/sqlite-storage.ts';
import { cleanup, closeCode, connect, createDoc, rawSocket, startProcess, tempDir } from './support/helpers.ts';

afterEach(cleanup);

const wsOf = (url: string) => `${url.replace('http', 'ws')}/ws/doc`;

async function killHard(proc: ReturnType<typeof startProcess>): Promise<void> {
  const exited = once(proc.child, 'exit');
  proc.child.kill('SIGKILL');
  await exited;
}

/** Opens the document with a fresh client on a fresh process and returns its text. */
async function textAfterRestart(dataDir: string, docId: string, env: Record<string, string> = {}): Promise<string> {
  const proc = startProcess({ DATA_DIR: dataDir, ...env });
  const c = connect(wsOf(await proc.url), docId);
  await c.synced;
  return c.text.toString();
}

describe('durability', () => {
  it('keeps every update another client has seen when the server is killed with SIGKILL', async () => {
    const dataDir = tempDir();
    const proc = startProcess({ DATA_DIR: dataDir });
    const url = await proc.url;
    const doc = await createDoc(url);
    const a = connect(wsOf(url), doc.id);
    const b = connect(wsOf(url), doc.id);
    await Promise.all([a.synced, b.synced]);

    const N = 200;
    let expected = '';
    for (let i = 0; i < N; i++) {
      const piece = `${i};`;
      a.text.insert(a.text.length, piece); // one update each
      expected += piece;
    }
    await vi.waitFor(() => expect(b.text.toString()).toBe(expected), { timeout: 10_000 });
    await killHard(proc);
    a.destroy();
    b.destroy();

    expect(await textAfterRestart(dataDir, doc.id)).toBe(expected);
  });

  it('loads a complete document after a kill in the middle of a compaction', async () => {
    const dataDir = tempDir();
    const proc = startProcess({ DATA_DIR: dataDir, COMPACT_AFTER_UPDATES: '10' }, [
      'test/support/fault-main.ts',
      '--compaction-pause-ms=30000',
    ]);
    const url = await proc.url;
    const doc = await createDoc(url);
    const a = connect(wsOf(url), doc.id);
    const b = connect(wsOf(url), doc.id);
    await Promise.all([a.synced, b.synced]);
    // Separate commits, one edit at a time, until the tail crosses the threshold and the
    // server freezes inside the compaction transaction.
    const paused = () => proc.output().includes('pausing inside compaction');
    for (let i = 0; !paused(); i++) {
      expect(i).toBeLessThan(50);
      a.text.insert(a.text.length, `${i},`);
      const target = a.text.toString();
      await vi.waitFor(() => expect(b.text.toString() === target || paused()).toBe(true), { timeout: 10_000 });
    }
    const seen = b.text.toString();
    const written = a.text.toString();
    await killHard(proc);
    a.destroy();
    b.destroy();

    // The snapshot write and the deletion are one transaction: killed in between, neither
    // happened, and snapshot + tail is still the whole document: all that B saw, and
    // nothing A did not write.
    const restored = await textAfterRestart(dataDir, doc.id);
    // The threshold is jittered ±25 % (8 to 12 updates here), so at least 7 pieces were seen.
    expect(seen.split(',').length).toBeGreaterThan(7);
    expect(restored.startsWith(seen)).toBe(true);
    expect(written.startsWith(restored)).toBe(true);
  });

  it('refuses each kind of bad input without disturbing the stored document or other editors', async () => {
    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir, MAX_PAYLOAD_BYTES: String(64 * 1024) };
    const proc = startProcess(env);
    const url = await proc.url;
    const doc = await createDoc(url);
    const a = connect(wsOf(url), doc.id);
    const b = connect(wsOf(url), doc.id);
    await Promise.all([a.synced, b.synced]);
    a.text.insert(0, 'intact');
    await vi.waitFor(() => expect(b.text.toString()).toBe('intact'));

    const truncated = (() => {
      const w = new Y.Doc();
      w.getText('text').insert(0, 'never stored');
      const u = Y.encodeStateAsUpdate(w);
      return syncUpdate(u.slice(0, u.length - 4));
    })();
    const deeplyNested = (() => {
      const w = new Y.Doc();
      w.transact(() => {
        let parent: Y.XmlFragment | Y.XmlElement = w.getXmlFragment('default');
        for (let i = 0; i <= MAX_NESTING_DEPTH * 4; i++) {
          const child = new Y.XmlElement('blockquote');
          parent.insert(0, [child]);
          parent = child;
        }
      });
      return syncUpdate(Y.encodeStateAsUpdate(w));
    })();
    const missingDependencies = (() => {
      const w = new Y.Doc();
      w.getText('text').insert(0, 'unseen ');
      const sv = Y.encodeStateVector(w);
      w.getText('text').insert(7, 'orphan');
      return syncUpdate(Y.encodeStateAsUpdate(w, sv));
    })();

    const cases: { name: string; frame: Uint8Array | string; code: number }[] = [
      { name: 'truncated update', frame: truncated, code: CloseCode.PROTOCOL_VIOLATION },
      { name: 'garbage bytes', frame: new Uint8Array([0, 2, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9]), code: CloseCode.PROTOCOL_VIOLATION },
      { name: 'unknown message type', frame: new Uint8Array([77, 0, 0]), code: CloseCode.PROTOCOL_VIOLATION },
      { name: 'text frame', frame: '{"type":"hello"}', code: CloseCode.PROTOCOL_VIOLATION },
      { name: 'empty frame', frame: new Uint8Array(), code: CloseCode.PROTOCOL_VIOLATION },
      { name: 'oversized frame', frame: new Uint8Array(65 * 1024), code: CloseCode.MESSAGE_TOO_BIG },
      { name: 'deeply nested update', frame: deeplyNested, code: CloseCode.PROTOCOL_VIOLATION },
      // Closed so that the client's next connection syncs what the update depends on
      // (protocol.md, "Validation and limits"); Yjs would otherwise keep it pending in memory.
      { name: 'missing dependencies', frame: missingDependencies, code: CloseCode.TRY_AGAIN_LATER },
    ];
    let expected = 'intact';
    for (const c of cases) {
      const evil = await rawSocket(wsOf(url), doc.id);
      const closed = closeCode(evil);
      evil.send(c.frame);
      expect(await closed, c.name).toBe(c.code);
      // The others keep editing (a refused nested update makes them reconnect to a reload).
      const mark = `+${c.name.split(' ')[0]}`;
      b.text.insert(b.text.length, mark);
      expected += mark;
      await vi.waitFor(() => expect(a.text.toString(), c.name).toBe(expected), { timeout: 10_000 });
    }
    const exited = once(proc.child, 'exit');
    proc.child.kill('SIGTERM');
    await exited;
    a.destroy();
    b.destroy();

    expect(await textAfterRestart(dataDir, doc.id, env)).toBe(expected);
    const storage = new SqliteStorage(join(dataDir, DB_FILE_NAME));
    const state = await storage.loadDocState(doc.id);
    await storage.close();
    const replica = new Y.Doc();
    if (state!.snapshot) Y.applyUpdate(replica, state!.snapshot);
    for (const u of state!.updates) Y.applyUpdate(replica, u);
    expect(replica.getXmlFragment('default').length).toBe(0);
  });
});
