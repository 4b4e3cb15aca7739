import { describe, expect, it } from 'vitest';
import type { VersionReason } from '../storage/version-store.ts';
import { versionsToThin } from './version-thinning.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// A whole UTC day, so hour and day buckets are easy to name.
const NOW = Date.UTC(2026, 11, 20, 12, 0, 0);

const v = (id: string, ago: number, reason: VersionReason = 'auto') => ({ id, reason, createdAt: NOW - ago });

describe('versionsToThin', () => {
  it('keeps every auto version of the last 24 hours', () => {
    const versions = Array.from({ length: 144 }, (_, i) => v(`a${i}`, i * 10 * MIN));
    expect(versionsToThin(versions, NOW)).toEqual([]);
  });

  it('keeps the newest auto version of each hour between a day and a week old', () => {
    const versions = [
      v('h1-newest', DAY + 10 * MIN),
      v('h1-older', DAY + 20 * MIN),
      v('h1-oldest', DAY + 50 * MIN),
      v('h2', DAY + 70 * MIN),
      v('h6-a', 6 * DAY + 5 * MIN),
      v('h6-b', 6 * DAY + 15 * MIN),
    ];
    expect(versionsToThin(versions, NOW).sort()).toEqual(['h1-older', 'h1-oldest', 'h6-b']);
  });

  it('keeps the newest auto version of each day past a week', () => {
    const versions = [
      v('w1', 8 * DAY), // 12:00 on its day
      v('w1-morning', 8 * DAY + 3 * HOUR),
      v('w2', 9 * DAY + HOUR),
      v('old', 400 * DAY),
      v('old-same-day', 400 * DAY + HOUR),
    ];
    expect(versionsToThin(versions, NOW).sort()).toEqual(['old-same-day', 'w1-morning']);
  });

  it('never drops named or restore versions, and they do not take a bucket', () => {
    const versions = [
      v('named', 3 * DAY + 10 * MIN, 'manual'),
      v('backup', 3 * DAY + 11 * MIN, 'before-restore'),
      v('auto-a', 3 * DAY + 12 * MIN),
      v('auto-b', 3 * DAY + 13 * MIN),
      v('named-old', 30 * DAY, 'manual'),
      v('named-old-2', 30 * DAY + MIN, 'manual'),
    ];
    expect(versionsToThin(versions, NOW)).toEqual(['auto-b']);
  });

  it('does not depend on the order it is given', () => {
    const versions = [v('b', DAY + 20 * MIN), v('a', DAY + 10 * MIN)];
    expect(versionsToThin(versions, NOW)).toEqual(['b']);
    expect(versionsToThin([...versions].reverse(), NOW)).toEqual(['b']);
  });
});
