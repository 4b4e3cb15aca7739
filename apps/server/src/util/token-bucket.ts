// One clock for every bucket: a default `() => performance.now()` in the constructor would be
// a new closure per bucket, and a server holds three buckets per open connection.
const monotonicNow = (): number => performance.now();

/**
 * A token bucket: `capacity` tokens, refilled at `perSecond`. take(n) spends n tokens or
 * reports that the budget is exhausted; spend(n) always spends them and may leave the bucket
 * in debt, which refills like any other shortfall (for a caller that throttles rather than
 * refuses). Time comes from a clock so tests need not sleep.
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
    this.refill();
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** Spends `n` tokens whether or not they are there; returns the tokens left (< 0: in debt). */
  spend(n = 1): number {
    this.refill();
    this.tokens -= n;
    return this.tokens;
  }

  /** Tokens available now. */
  get level(): number {
    this.refill();
    return this.tokens;
  }

  get isFull(): boolean {
    return this.level >= this.capacity;
  }

  /** Milliseconds until the bucket holds `level` tokens (0 when it already does). */
  msUntil(level: number): number {
    const missing = Math.min(level, this.capacity) - this.level;
    return missing <= 0 ? 0 : Math.ceil((missing / this.perSecond) * 1000);
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
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
