import type { Logger } from '../logger.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { byteLengthOf, type CommitMetrics, type CommitSource, type GroupCommit } from './group-commit.ts';

export interface WriteLogOptions {
  docId: string;
  storage: DocumentStore;
  commits: GroupCommit;
  log: Logger;
  /** Compact once at least this many stored updates sit after the snapshot (up to 50 % more). */
  compactAfterUpdates: number;
  /** The document's full state now; it must contain every update handed to append(). */
  snapshot: () => Uint8Array;
  /** Storage refused a write; the owner must stop promising durability. */
  onFailure: (err: unknown) => void;
  /** A commit stored `updates` with the seqs from, from + 1, … (before the work it releases runs). */
  onCommitted?: (from: number, updates: Uint8Array[]) => void;
  /**
   * The seq through which the snapshot() state holds every stored update. Alone on its
   * document that is the last seq this log stored (the default); beside other instances it
   * is what the room has received of theirs, which may lag (cluster/seq-tracker.ts).
   */
  compactThrough?: () => number;
}

/**
 * A room's path to storage: updates go in with append(), are written by the server's
 * GroupCommit (one transaction per turn for all rooms), and work queued with afterDurable()
 * runs once every update appended before it is stored, in the order it was queued.
 *
 * Compaction runs beside the appends, never in their way: a snapshot through seq S only
 * replaces rows <= S, so later appends are unaffected.
 */
export class WriteLog implements CommitSource {
  readonly docId: string;
  private pending: Uint8Array[] = [];
  /** performance.now() of each pending update's append, and of the cut being committed. */
  private pendingTimes: number[] = [];
  private inFlight: { through: number; times: number[]; updates: Uint8Array[] }[] = [];
  private readonly metrics: CommitMetrics;
  /** Updates appended so far, and how many of them are stored. */
  private appended = 0;
  private durable = 0;
  private waiters: { target: number; run: () => void }[] = [];
  /** flushed() callers; unlike waiters they are also released when the log stops. */
  private settle: { target: number; resolve: () => void }[] = [];
  private compacting: Promise<void> | null = null;
  private stopped = false;
  /** Tail length that triggers the next compaction (jittered, see committed()). */
  private compactAt: number;

  constructor(
    private readonly opts: WriteLogOptions,
    /** Sequence number of the last stored update, and the last one the snapshot covers. */
    private lastSeq: number,
    private snapshotSeq: number,
  ) {
    this.docId = opts.docId;
    this.metrics = opts.commits.metrics;
    this.compactAt = this.jitteredThreshold();
  }

  // Rooms that fill at the same rate would otherwise all compact in the same turn (a burst of
  // snapshot encodes and deletes that stalls every relay): each threshold is drawn between
  // the configured one and 50 % more. Never below it: COMPACT_AFTER_UPDATES=10 means "after
  // 10", not "after 8" (the ±25 % this replaced made durability.test's compaction-kill case
  // fail whenever it drew 8 or 9).
  private jitteredThreshold(): number {
    return Math.max(1, Math.floor(this.opts.compactAfterUpdates * (1 + Math.random() / 2)));
  }

  get seq(): number {
    return this.lastSeq;
  }

  append(update: Uint8Array): void {
    if (this.stopped) return;
    this.pending.push(update);
    this.pendingTimes.push(performance.now());
    this.metrics.appended(update.byteLength);
    this.appended += 1;
    this.opts.commits.request(this);
  }

  afterDurable(run: () => void): void {
    if (this.durable >= this.appended) run();
    else this.waiters.push({ target: this.appended, run });
  }

  /** Resolves when everything appended so far is stored and no compaction is running. */
  async flushed(): Promise<void> {
    if (!this.stopped && this.durable < this.appended) {
      const target = this.appended;
      await new Promise<void>((resolve) => this.settle.push({ target, resolve }));
    }
    while (this.compacting) await this.compacting;
  }

  /** Folds the stored tail into a snapshot now (for unload and shutdown). */
  async compact(): Promise<void> {
    await this.flushed();
    if (!this.stopped && this.lastSeq > this.snapshotSeq) await this.runCompaction();
  }

  /** Drops whatever is pending; nothing more is written or relayed. */
  stop(): void {
    this.stopped = true;
    this.metrics.dropped(byteLengthOf(this.pending));
    this.pending = [];
    this.pendingTimes = [];
    this.inFlight = [];
    this.waiters = [];
    for (const s of this.settle.splice(0)) s.resolve();
  }

  cut(): { updates: Uint8Array[]; through: number } | null {
    if (this.stopped || this.pending.length === 0) return null;
    const updates = this.pending;
    this.pending = [];
    this.inFlight.push({ through: this.appended, times: this.pendingTimes, updates });
    this.pendingTimes = [];
    return { updates, through: this.appended };
  }

  committed(through: number, lastSeq: number): void {
    if (this.stopped) return;
    this.lastSeq = lastSeq;
    this.durable = through;
    const released: WriteLog['inFlight'] = [];
    while (this.inFlight.length > 0 && this.inFlight[0]!.through <= through) released.push(this.inFlight.shift()!);
    if (this.opts.onCommitted) {
      // The commit's seqs end at lastSeq and are consecutive (appendBatch).
      let seq = lastSeq + 1;
      for (const cut of released) seq -= cut.updates.length;
      for (const cut of released) {
        this.opts.onCommitted(seq, cut.updates);
        seq += cut.updates.length;
      }
    }
    let i = 0;
    while (i < this.waiters.length && this.waiters[i]!.target <= through) this.waiters[i++]!.run();
    this.waiters.splice(0, i);
    this.observeRelays(released);
    const settled = this.settle.filter((s) => s.target <= through);
    this.settle = this.settle.filter((s) => s.target > through);
    for (const s of settled) s.resolve();
    if (!this.compacting && this.lastSeq - this.snapshotSeq >= this.compactAt) {
      this.compactAt = this.jitteredThreshold();
      void this.runCompaction();
    }
  }

  // Relay latency: from each update's append to now, when the work its commit released
  // (relays, acknowledgements, sync answers) has run.
  private observeRelays(released: WriteLog['inFlight']): void {
    if (released.length === 0) return;
    const end = performance.now();
    for (const cut of released) for (const t of cut.times) this.metrics.relayed((end - t) / 1000);
  }

  failed(err: unknown): void {
    if (this.stopped) return;
    this.opts.log.error('storage write failed', { err });
    this.stop();
    this.opts.onFailure(err);
  }

  private runCompaction(): Promise<void> {
    // Taken now, the snapshot holds every stored update through `through` (and maybe some
    // not yet stored, which is harmless: Yjs updates are idempotent). Beside other instances
    // one of them compacts a document at a time (the storage's document lock); when another
    // holds it, this one leaves it to them.
    const through = this.opts.compactThrough?.() ?? this.lastSeq;
    const snapshot = this.opts.snapshot();
    this.compacting = this.opts.storage
      .withDocLock(this.docId, () => this.opts.storage.compact(this.docId, snapshot, through))
      .then(
        (outcome) => {
          if (!outcome.acquired) return;
          this.snapshotSeq = Math.max(this.snapshotSeq, through);
          this.opts.log.debug('compacted', { throughSeq: through });
        },
        (err: unknown) => this.failed(err),
      )
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }
}
