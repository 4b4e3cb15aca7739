// One clock for every bucket: a default `() => performance.now()` in the constructor would be
// a new closure per bucket, and a server holds three buckets per open connection.
const monotonicNow = (): number => performance.now();

/**
 * A token bucket: `capacity` tokens, refilled at `perSecond`. take(n) spends n tokens or
 * reports that the budget is exhausted. Time comes from a clock so tests need not sleep.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = monotonicNow,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  take(n = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

export interface RateLimits {
  /** Sustained frames per second per connection, and the burst allowed above it. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Sustained bytes per second per connection, and the burst (at least one largest frame). */
  bytesPerSecond: number;
  byteBurst: number;
}
