import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
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
