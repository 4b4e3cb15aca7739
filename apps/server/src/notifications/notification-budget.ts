// How many notifications one person may cause another: a burst, refilled per minute. Past it
// the caller drops the notification (and logs it), so a hostile or buggy client cannot flood
// anyone's bell, whether through mentions in the text or in comments.

export interface MentionBudget {
  burst: number;
  perMinute: number;
}

export const DEFAULT_MENTION_BUDGET: MentionBudget = { burst: 10, perMinute: 10 };

/** Buckets kept before idle (full) ones are swept. */
const MAX_BUCKETS = 10_000;

export class NotificationBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly budget: MentionBudget = DEFAULT_MENTION_BUDGET,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one notification from `authorId` to `userId`; false when over the budget. */
  take(authorId: string, userId: string): boolean {
    const key = `${authorId}\n${userId}`;
    const now = this.now();
    const refill = (b: { tokens: number; at: number }) =>
      Math.min(this.budget.burst, b.tokens + ((now - b.at) / 60_000) * this.budget.perMinute);
    if (this.buckets.size >= MAX_BUCKETS) {
      for (const [k, b] of this.buckets) if (refill(b) >= this.budget.burst) this.buckets.delete(k);
    }
    const bucket = this.buckets.get(key) ?? { tokens: this.budget.burst, at: now };
    bucket.tokens = refill(bucket);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
