import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../../test/support/memory-storage.ts';
import { silentLogger } from '../logger.ts';
import { type CommitSource, GroupCommit } from './group-commit.ts';

/** A write log reduced to what GroupCommit sees: updates handed over, commits reported back. */
class Source implements CommitSource {
  pending: Uint8Array[] = [];
  appended = 0;
  durable = 0;
  constructor(readonly docId: string) {}
  add(commits: GroupCommit): void {
    this.pending.push(new Uint8Array([0, 0]));
    this.appended += 1;
    commits.request(this);
  }
  cut() {
    if (this.pending.length === 0) return null;
    const updates = this.pending;
    this.pending = [];
    return { updates, through: this.appended };
  }
  committed(through: number): void {
    this.durable = through;
  }
  failed(err: unknown): void {
    throw err;
  }
}

/** Waits, one event-loop turn at a time (vi.waitFor polls far more slowly), until `done()`. */
async function turnsUntil(done: () => boolean): Promise<void> {
  for (let turn = 0; !done(); turn++) {
    if (turn > 10_000) throw new Error('never happened');
    await nextTurn();
  }
}

async function setUp(minIntervalMs: number) {
  const storage = memoryStorage();
  await storage.createDoc({ id: 'doc', title: 'T', createdAt: 1, updatedAt: 1 });
  const batches: { at: number; updates: number }[] = [];
  const append = storage.appendBatch.bind(storage);
  vi.spyOn(storage, 'appendBatch').mockImplementation((entries, now) => {
    batches.push({ at: performance.now(), updates: entries.reduce((n, e) => n + e.updates.length, 0) });
    return append(entries, now);
  });
  return { source: new Source('doc'), commits: new GroupCommit(storage, silentLogger, undefined, minIntervalMs), batches };
}

describe('GroupCommit', () => {
  it('commits at the end of each turn that brought updates', async () => {
    const { source, commits, batches } = await setUp(0);
    for (let turn = 0; turn < 3; turn++) {
      source.add(commits);
      await vi.waitFor(() => expect(source.durable).toBe(turn + 1));
    }
    expect(batches.map((b) => b.updates)).toEqual([1, 1, 1]);
  });

  it('with an interval, folds the updates of later turns into one commit no sooner than the interval allows', async () => {
    const { source, commits, batches } = await setUp(200);
    source.add(commits);
    await turnsUntil(() => source.durable === 1);
    for (let turn = 0; turn < 3; turn++) {
      source.add(commits);
      await nextTurn();
    }
    expect(source.durable).toBe(1);
    await vi.waitFor(() => expect(source.durable).toBe(4));
    expect(batches.map((b) => b.updates)).toEqual([1, 3]);
    // Rounds start 200 ms apart; each batch is timed a little after its round started.
    expect(batches[1]!.at - batches[0]!.at).toBeGreaterThanOrEqual(199);
  });
});
