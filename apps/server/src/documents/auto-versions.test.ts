import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { silentLogger } from '../logger.ts';
import type { EditEvent, Room } from '../rooms/room.ts';
import { AutoVersions, type Schedule } from './auto-versions.ts';

const INTERVAL = 600_000;

/** A manual clock: timers run when the test moves time on, never by themselves. */
function manualClock() {
  let now = 0;
  const timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  const schedule: Schedule = (fn, ms) => {
    const timer = { at: now + ms, fn, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  return {
    schedule,
    pending: () => timers.filter((t) => !t.cancelled && t.at > now).length,
    async advance(ms: number) {
      now += ms;
      for (const t of timers.filter((t) => !t.cancelled && t.at <= now)) {
        t.cancelled = true;
        t.fn();
      }
      // Let the versions the timers started finish.
      for (let i = 0; i < 10; i++) await Promise.resolve();
    },
  };
}

const edit = (docId: string, userId: string): EditEvent => ({
  room: { docId, afterDurable: () => {}, close: () => {} },
  user: { id: userId, name: userId, color: '#000' },
  transaction: {} as Y.Transaction,
});

function setup(loaded = new Set(['d1', 'd2'])) {
  const clock = manualClock();
  const taken: { docId: string; authors: string[]; fromRoom: boolean }[] = [];
  const auto: AutoVersions = new AutoVersions({
    intervalMs: INTERVAL,
    schedule: clock.schedule,
    logger: silentLogger,
    isLoaded: (docId) => loaded.has(docId),
    // As DocumentVersions.store does: every stored version takes the authors.
    takeVersion: async (docId, room) => {
      await Promise.resolve();
      taken.push({ docId, authors: auto.takeAuthors(docId), fromRoom: room !== undefined });
    },
  });
  return { auto, clock, taken, loaded };
}

const room = (docId: string) => ({ docId }) as Room;

describe('AutoVersions', () => {
  it('takes a version an interval after the first edit, with everyone who edited since', async () => {
    const { auto, clock, taken } = setup();
    auto.handleEdit(edit('d1', 'ana'));
    await clock.advance(INTERVAL / 2);
    auto.handleEdit(edit('d1', 'ben'));
    auto.handleEdit(edit('d1', 'ana'));
    expect(taken).toEqual([]);
    await clock.advance(INTERVAL / 2);
    expect(taken).toEqual([{ docId: 'd1', authors: ['ana', 'ben'], fromRoom: false }]);
    expect(auto.hasChanges('d1')).toBe(false);
  });

  it('takes nothing while a document is not edited, and again an interval after the next edit', async () => {
    const { auto, clock, taken } = setup();
    auto.handleEdit(edit('d1', 'ana'));
    await clock.advance(INTERVAL);
    await clock.advance(5 * INTERVAL);
    expect(taken).toHaveLength(1);
    auto.handleEdit(edit('d1', 'ben'));
    await clock.advance(INTERVAL - 1);
    expect(taken).toHaveLength(1);
    await clock.advance(1);
    expect(taken.map((t) => t.authors)).toEqual([['ana'], ['ben']]);
  });

  it('keeps one version per interval while editing goes on', async () => {
    const { auto, clock, taken } = setup();
    for (let minute = 0; minute < 30; minute++) {
      auto.handleEdit(edit('d1', 'ana'));
      await clock.advance(60_000);
    }
    expect(taken).toHaveLength(3);
  });

  it('starts over when any other version is stored (named or before a restore)', async () => {
    const { auto, clock, taken } = setup();
    auto.handleEdit(edit('d1', 'ana'));
    await clock.advance(INTERVAL / 2);
    expect(auto.takeAuthors('d1')).toEqual(['ana']);
    expect(clock.pending()).toBe(0);
    await clock.advance(INTERVAL);
    expect(taken).toEqual([]);
    expect(auto.takeAuthors('d1')).toEqual([]);
  });

  it('takes a version from the unloading room when it changed, and none when it did not', async () => {
    const { auto, taken, clock } = setup();
    await auto.handleUnload(room('d1'));
    expect(taken).toEqual([]);
    auto.handleEdit(edit('d1', 'ana'));
    await auto.handleUnload(room('d1'));
    expect(taken).toEqual([{ docId: 'd1', authors: ['ana'], fromRoom: true }]);
    // The interval's timer went with it.
    await clock.advance(INTERVAL);
    expect(taken).toHaveLength(1);
  });

  it('never takes two versions when the timer and the unload meet', async () => {
    const { auto, clock, taken } = setup();
    auto.handleEdit(edit('d1', 'ana'));
    const advancing = clock.advance(INTERVAL);
    await Promise.all([auto.handleUnload(room('d1')), advancing]);
    expect(taken).toHaveLength(1);
  });

  it('keeps documents apart', async () => {
    const { auto, clock, taken } = setup();
    auto.handleEdit(edit('d1', 'ana'));
    await clock.advance(INTERVAL / 2);
    auto.handleEdit(edit('d2', 'ben'));
    await clock.advance(INTERVAL / 2);
    expect(taken.map((t) => t.docId)).toEqual(['d1']);
    await clock.advance(INTERVAL / 2);
    expect(taken.map((t) => [t.docId, t.authors])).toEqual([
      ['d1', ['ana']],
      ['d2', ['ben']],
    ]);
  });

  it('forgets a document whose room went without an unload, and one put in the trash', async () => {
    const { auto, clock, taken, loaded } = setup();
    auto.handleEdit(edit('d1', 'ana'));
    auto.handleEdit(edit('d2', 'ben'));
    loaded.delete('d1');
    auto.forget('d2');
    await clock.advance(INTERVAL);
    expect(taken).toEqual([]);
    expect(auto.hasChanges('d1')).toBe(false);
    expect(auto.hasChanges('d2')).toBe(false);
  });

  it('stops its timers on close but still takes the unload version of a changed room', async () => {
    const { auto, clock, taken } = setup();
    auto.handleEdit(edit('d1', 'ana'));
    await auto.close();
    expect(clock.pending()).toBe(0);
    // Frames that arrive while the rooms drain still count.
    auto.handleEdit(edit('d2', 'ben'));
    expect(clock.pending()).toBe(0);
    await auto.handleUnload(room('d1'));
    await auto.handleUnload(room('d2'));
    expect(taken.map((t) => [t.docId, t.authors])).toEqual([
      ['d1', ['ana']],
      ['d2', ['ben']],
    ]);
  });

  it('logs a failed version instead of rejecting, and tries again at the next unload', async () => {
    const clock = manualClock();
    let fail = true;
    const auto = new AutoVersions({
      intervalMs: INTERVAL,
      schedule: clock.schedule,
      logger: silentLogger,
      isLoaded: () => true,
      takeVersion: async (docId) => {
        if (fail) throw new Error('disk full');
        auto.takeAuthors(docId);
      },
    });
    auto.handleEdit(edit('d1', 'ana'));
    await expect(auto.handleUnload(room('d1'))).resolves.toBeUndefined();
    expect(auto.hasChanges('d1')).toBe(true);
    fail = false;
    await auto.handleUnload(room('d1'));
    expect(auto.hasChanges('d1')).toBe(false);
  });
});
