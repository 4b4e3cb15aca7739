import { describe, expect, it } from 'vitest';
import { formatRelativeTime, formatTimeUntil } from './relative-time.ts';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe('formatRelativeTime', () => {
  it('says "just now" for the last few seconds and for clock skew into the future', () => {
    expect(formatRelativeTime(ago(3), NOW)).toBe('just now');
    expect(formatRelativeTime(ago(-20), NOW)).toBe('just now');
  });

  it('uses the largest whole unit', () => {
    expect(formatRelativeTime(ago(50), NOW)).toBe('1 minute ago');
    expect(formatRelativeTime(ago(5 * 60), NOW)).toBe('5 minutes ago');
    expect(formatRelativeTime(ago(3 * 3600), NOW)).toBe('3 hours ago');
    expect(formatRelativeTime(ago(26 * 3600), NOW)).toBe('yesterday');
    expect(formatRelativeTime(ago(400 * 86400), NOW)).toBe('last year');
  });

  it('does not throw on a malformed time', () => {
    expect(formatRelativeTime('not a date', NOW)).toBe('at an unknown time');
  });
});

describe('formatTimeUntil', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  it('counts days up to a month', () => {
    expect(formatTimeUntil('2026-12-30T12:00:00Z', now)).toBe('in 29 days');
    expect(formatTimeUntil('2026-12-31T11:59:59Z', now)).toBe('in 30 days');
    expect(formatTimeUntil('2026-12-31T12:00:01Z', now)).toBe('in 30 days');
    expect(formatTimeUntil('2027-03-01T12:00:00Z', now)).toBe('in 3 months');
    expect(formatTimeUntil('2026-12-02T13:00:00Z', now)).toBe('tomorrow');
    expect(formatTimeUntil('2026-12-01T15:20:00Z', now)).toBe('in 3 hours');
  });

  it('says soon when the time is close or past', () => {
    expect(formatTimeUntil('2026-12-01T12:00:30Z', now)).toBe('soon');
    expect(formatTimeUntil('2026-11-01T12:00:00Z', now)).toBe('soon');
  });
});
