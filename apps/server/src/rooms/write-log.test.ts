import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { GatedStorage } from '../../test/support/gated-storage.ts';
import { memoryStorage } from '../../test/support/memory-storage.ts';
import { silentLogger } from '../logger.ts';
import { GroupCommit } from './group-commit.ts';
import { WriteLog } from './write-log.ts';

describe('WriteLog compaction threshold', () => {
  it('never compacts before COMPACT_AFTER_UPDATES stored updates, and always by 1.5 times that', async () => {
    const storage = memoryStorage();
    const commits = new GroupCommit(storage, silentLogger);
    const compactedAt: number[] = [];
    // Twenty logs draw twenty jittered thresholds.
    for (let n = 0; n < 20; n++) {
      const docId = `doc-${n}`;
      await storage.createDoc({ id: docId, title: 'T', createdAt: 1, updatedAt: 1 });
      const doc = new Y.Doc();
      const log = new WriteLog(
        {
          docId,
          storage,
          commits,
          log: silentLogger,
          compactAfterUpdates: 10,
          snapshot: () => Y.encodeStateAsUpdate(doc),
          onFailure: () => {},
        },
        0,
        0,
      );
      for (let i = 1; i <= 15; i++) {
        const probe = new Y.Doc();
        probe.getText('t').insert(0, `${i}`);
        log.append(Y.encodeStateAsUpdate(probe));
        await log.flushed();
        const state = (await storage.loadDocState(docId))!;
        if (state.snapshot) {
          compactedAt.push(i);
          break;
        }
      }
    }
    expect(compactedAt).toHaveLength(20);
    for (const at of compactedAt) {
      expect(at).toBeGreaterThanOrEqual(10);
      expect(at).toBeLessThanOrEqual(14);
    }
  });
});

describe('GroupCommit', () => {
  it('commits a room beside another room’s commit in flight, and a room’s own commits one after another', async () => {
    const storage = new GatedStorage();
    const commits = new GroupCommit(storage, silentLogger);
    const logs = await Promise.all(
      ['a', 'b'].map(async (docId) => {
        await storage.createDoc({ id: docId, title: 'T', createdAt: 1, updatedAt: 1 });
        return new WriteLog(
          { docId, storage, commits, log: silentLogger, compactAfterUpdates: 1000, snapshot: () => new Uint8Array(), onFailure: () => {} },
          0,
          0,
        );
      }),
    );
    const [a, b] = logs as [WriteLog, WriteLog];
    const edit = (text: string) => {
      const probe = new Y.Doc();
      probe.getText('t').insert(0, text);
      return Y.encodeStateAsUpdate(probe);
    };
    a.append(edit('a1'));
    await vi.waitFor(() => expect(storage.gates).toHaveLength(1)); // a's commit in flight
    b.append(edit('b1'));
    await vi.waitFor(() => expect(storage.gates).toHaveLength(2)); // b's starts beside it
    a.append(edit('a2'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(storage.gates).toHaveLength(2); // a's next waits for a's first
    storage.openAll();
    await vi.waitFor(() => expect(storage.gates).toHaveLength(1)); // now a2 goes
    storage.openAll();
    await Promise.all([a.flushed(), b.flushed()]);
    expect((await storage.loadDocState('a'))!.updates).toHaveLength(2);
    expect((await storage.loadDocState('a'))!.lastSeq).toBe(2);
    expect((await storage.loadDocState('b'))!.lastSeq).toBe(1);
  });
});
