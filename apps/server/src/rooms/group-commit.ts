import type { Logger } from '../logger.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { DocNotFoundError } from '../storage/errors.ts';

/**
 * What the write path reports for monitoring (metrics/metrics.ts implements it). Byte counts
 * let the owner keep "applied in memory but not yet stored" exact: every appended byte is
 * later either committed or dropped.
 */
export interface CommitMetrics {
  /** An update entered a write log. */
  appended(bytes: number): void;
  /** One group commit stored `updates` updates holding `bytes` bytes, in `seconds`. */
  committed(seconds: number, updates: number, bytes: number): void;
  /** A group commit failed (its updates are dropped separately). */
  failed(): void;
  /** Appended updates that will never be stored (the log stopped, or the commit failed). */
  dropped(bytes: number): void;
  /** Per update: from its append to the end of the afterDurable work its commit released. */
  relayed(seconds: number): void;
}

const noop = () => {};
export const NO_COMMIT_METRICS: CommitMetrics = { appended: noop, committed: noop, failed: noop, dropped: noop, relayed: noop };

export const byteLengthOf = (updates: readonly Uint8Array[]): number => {
  let n = 0;
  for (const u of updates) n += u.byteLength;
  return n;
};

/** What GroupCommit needs from a room's write log. */
export interface CommitSource {
  readonly docId: string;
  /** Hands over the pending updates (emptying them) and how many appends they complete; null when none. */
  cut(): { updates: Uint8Array[]; through: number } | null;
  committed(through: number, lastSeq: number): void;
  failed(err: unknown): void;
}

/**
 * One transaction per event-loop turn for every room of the server. Rooms ask for a commit
 * when they have updates; after the turn's I/O callbacks (setImmediate), whatever all of them
 * hold is written with DocumentStore.appendBatch. While a commit is in flight, new requests wait for
 * the next round, which starts as soon as it lands. Fewer, larger transactions cost far less
 * CPU than one per room and update, and no update waits longer than the turn it arrived in plus
 * the commit ahead of it (plus, when minIntervalMs is set, what is left of that interval).
 */
export class GroupCommit {
  private readonly waiting = new Set<CommitSource>();
  private scheduled = false;
  private running = false;
  private lastRoundAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly storage: DocumentStore,
    private readonly log: Logger,
    /** Also read by the write logs that share this commit. */
    readonly metrics: CommitMetrics = NO_COMMIT_METRICS,
    /**
     * A round starts at least this long (ms) after the previous one started (COMMIT_INTERVAL_MS).
     * 0: at the end of the turn the first update arrived in. Under load a few ms fold more updates
     * into each transaction (less CPU per update) at the price of that wait on every relay.
     */
    private readonly minIntervalMs = 0,
  ) {}

  request(source: CommitSource): void {
    this.waiting.add(source);
    if (this.scheduled || this.running) return;
    this.schedule();
  }

  private schedule(): void {
    this.scheduled = true;
    const wait = this.lastRoundAt + this.minIntervalMs - performance.now();
    if (wait <= 0) setImmediate(() => void this.round());
    // Checked again when the timer fires: a timer counts from libuv's loop time, taken when the
    // turn began, so it can fire early against performance.now() by however long that turn ran.
    else setTimeout(() => this.schedule(), Math.ceil(wait));
  }

  private async round(): Promise<void> {
    this.scheduled = false;
    this.running = true;
    this.lastRoundAt = performance.now();
    const cuts = [...this.waiting].flatMap((source) => {
      const cut = source.cut();
      return cut ? [{ source, ...cut }] : [];
    });
    this.waiting.clear();
    try {
      if (cuts.length > 0) {
        const bytes = cuts.map((c) => byteLengthOf(c.updates));
        const started = performance.now();
        const seqs = await this.storage
          .appendBatch(
            cuts.map((c) => ({ docId: c.source.docId, updates: c.updates })),
            Date.now(),
          )
          .catch((err: unknown) => {
            this.log.error('group commit failed', { err, docs: cuts.length });
            this.metrics.failed();
            cuts.forEach((c, i) => {
              this.metrics.dropped(bytes[i]!);
              c.source.failed(err);
            });
            return null;
          });
        if (seqs) {
          let stored = 0;
          let storedBytes = 0;
          cuts.forEach((c, i) => {
            if (seqs[i] === undefined) this.metrics.dropped(bytes[i]!);
            else [stored, storedBytes] = [stored + c.updates.length, storedBytes + bytes[i]!];
          });
          this.metrics.committed((performance.now() - started) / 1000, stored, storedBytes);
          cuts.forEach((c, i) => {
            const seq = seqs[i];
            if (seq === undefined) c.source.failed(new DocNotFoundError(c.source.docId));
            else c.source.committed(c.through, seq);
          });
        }
      }
    } finally {
      this.running = false;
      if (this.waiting.size > 0 && !this.scheduled) this.schedule();
    }
  }
}
