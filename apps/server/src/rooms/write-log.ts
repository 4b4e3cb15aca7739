import type { Logger } from '../logger.ts';
import type { Storage } from '../storage/storage.ts';

export interface WriteLogOptions {
  docId: string;
  storage: Storage;
  log: Logger;
  /** Compact once this many stored updates sit after the snapshot. */
  compactAfterUpdates: number;
  /** The document's full state now; it must contain every update handed to append(). */
  snapshot: () => Uint8Array;
  /** Storage refused a write; the owner must stop promising durability. */
  onFailure: (err: unknown) => void;
}

/**
 * A room's path to storage: updates go in with append(), are written in group commits, and
 * work queued with afterDurable() runs once every update appended before it is stored.
 *
 * - Group commit: appends of one event-loop turn share one transaction (setImmediate runs
 *   after the turn's I/O callbacks); a commit in flight collects the next batch meanwhile.
 * - Order: waiters run in the order they were queued, each once its writes are stored.
 * - Compaction runs beside the appends, never in their way: a snapshot through seq S only
 *   replaces rows <= S, so later appends are unaffected.
 */
export class WriteLog {
  private pending: Uint8Array[] = [];
  /** Updates appended so far, and how many of them are stored. */
  private appended = 0;
  private durable = 0;
  private waiters: { target: number; run: () => void }[] = [];
  private flushScheduled = false;
  private flushing: Promise<void> | null = null;
  private compacting: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly opts: WriteLogOptions,
    /** Sequence number of the last stored update, and the last one the snapshot covers. */
    private lastSeq: number,
    private snapshotSeq: number,
  ) {}

  get seq(): number {
    return this.lastSeq;
  }

  append(update: Uint8Array): void {
    if (this.stopped) return;
    this.pending.push(update);
    this.appended += 1;
    this.scheduleFlush();
  }

  afterDurable(run: () => void): void {
    if (this.durable >= this.appended) run();
    else this.waiters.push({ target: this.appended, run });
  }

  /** Resolves when everything appended so far is stored and no compaction is running. */
  async flushed(): Promise<void> {
    while (!this.stopped && (this.pending.length > 0 || this.flushing || this.compacting)) {
      if (this.pending.length > 0 && !this.flushing) this.startFlush();
      await (this.flushing ?? this.compacting);
    }
  }

  /** Folds the stored tail into a snapshot now (for unload and shutdown). */
  async compact(): Promise<void> {
    await this.flushed();
    if (!this.stopped && this.lastSeq > this.snapshotSeq) await this.runCompaction();
  }

  /** Drops whatever is pending; nothing more is written. */
  stop(): void {
    this.stopped = true;
    this.pending = [];
    this.waiters = [];
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (!this.flushing) this.startFlush();
    });
  }

  private startFlush(): void {
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = null;
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0 && !this.stopped) {
      const batch = this.pending;
      const through = this.appended;
      this.pending = [];
      try {
        this.lastSeq = await this.opts.storage.appendUpdates(this.opts.docId, batch, Date.now());
      } catch (err) {
        if (!this.stopped) this.fail(err);
        return;
      }
      if (this.stopped) return;
      this.durable = through;
      this.releaseWaiters();
      if (!this.compacting && this.lastSeq - this.snapshotSeq >= this.opts.compactAfterUpdates) {
        void this.runCompaction();
      }
    }
  }

  private runCompaction(): Promise<void> {
    // Taken now, the snapshot holds every stored update (and maybe some not yet stored,
    // which is harmless: Yjs updates are idempotent).
    const through = this.lastSeq;
    const snapshot = this.opts.snapshot();
    this.compacting = this.opts.storage
      .compact(this.opts.docId, snapshot, through)
      .then(
        () => {
          this.snapshotSeq = Math.max(this.snapshotSeq, through);
          this.opts.log.debug('compacted', { throughSeq: through });
        },
        (err: unknown) => {
          if (!this.stopped) this.fail(err);
        },
      )
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }

  private fail(err: unknown): void {
    this.opts.log.error('storage write failed', { err });
    this.stop();
    this.opts.onFailure(err);
  }

  private releaseWaiters(): void {
    let i = 0;
    while (i < this.waiters.length && this.waiters[i]!.target <= this.durable) this.waiters[i++]!.run();
    this.waiters.splice(0, i);
  }
}
