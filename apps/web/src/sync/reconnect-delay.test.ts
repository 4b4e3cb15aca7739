import { CloseCode } from '@inkwell/protocol';
import { describe, expect, it } from 'vitest';
import { RECONNECT_CAP_MS, reconnectDelay, SERVER_BACKOFF_MS } from './reconnect-delay.ts';

describe('reconnectDelay', () => {
  it('spreads attempts over a window that doubles up to the cap', () => {
    expect(reconnectDelay(1, 1006, () => 0.999)).toBeCloseTo(499.5);
    expect(reconnectDelay(3, 1006, () => 0.999)).toBeCloseTo(1998);
    expect(reconnectDelay(30, 1006, () => 0.999)).toBeCloseTo(0.999 * RECONNECT_CAP_MS);
    expect(reconnectDelay(5, 1006, () => 0)).toBe(0);
  });

  it('waits at least a second, still jittered, when the server asked for a pause', () => {
    expect(reconnectDelay(1, CloseCode.TRY_AGAIN_LATER, () => 0)).toBe(SERVER_BACKOFF_MS);
    expect(reconnectDelay(1, CloseCode.PROTOCOL_VIOLATION, () => 0.5)).toBe(SERVER_BACKOFF_MS + 250);
  });

  it('spreads 300 clients cut at once over the window rather than bunching them', () => {
    const delays = Array.from({ length: 300 }, () => reconnectDelay(2, 1006));
    // Ten 100 ms buckets over the 1 s window: none is empty, none holds a third of everyone.
    const buckets = new Array(10).fill(0);
    for (const d of delays) buckets[Math.min(9, Math.floor(d / 100))] += 1;
    expect(Math.min(...buckets)).toBeGreaterThan(0);
    expect(Math.max(...buckets)).toBeLessThan(100);
  });
});
