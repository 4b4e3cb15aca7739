import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('allows a burst, refuses past it, and refills with time', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 100; // one token back
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 10_000; // never more than the capacity
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('spends several tokens at once for large items', () => {
    let now = 0;
    const bucket = new TokenBucket(1000, 1000, () => now);
    expect(bucket.take(800)).toBe(true);
    expect(bucket.take(300)).toBe(false);
    now += 100;
    expect(bucket.take(300)).toBe(true);
  });

  it('goes into debt when spending past its level, and says when it has refilled', () => {
    let now = 0;
    const bucket = new TokenBucket(100, 50, () => now);
    expect(bucket.spend(80)).toBe(-30);
    expect(bucket.take()).toBe(false);
    expect(bucket.msUntil(0)).toBe(300);
    expect(bucket.msUntil(25)).toBe(550);
    now += 300;
    expect(bucket.level).toBe(0);
    expect(bucket.isFull).toBe(false);
    now += 500;
    expect(bucket.isFull).toBe(true);
    expect(bucket.msUntil(1000)).toBe(0); // never more than the capacity
  });
});
