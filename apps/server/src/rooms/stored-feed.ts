// Which stored updates a room holds, by seq, and how it gets the ones other instances stored
// (REDIS_URL): from the bus as they are published, or from the log when one went missing.
// Everything applied here has the origin STORED_ELSEWHERE, which the room relays and never
// stores again. Alone on its document a room only ever adds its own commits here.
import * as Y from 'yjs';
import { STORED_ELSEWHERE } from '../cluster/bus.ts';
import { SeqTracker } from '../cluster/seq-tracker.ts';
import type { Logger } from '../logger.ts';
import type { DocumentStore } from '../storage/document-store.ts';

/**
 * Beside other instances: how long the first missing seq may stay missing before the room
 * reads the stored log. Gaps are normal for a moment (each instance publishes after its own
 * commit, so their messages cross); a message Redis really lost is rare (a dropped connection
 * makes every room catch up anyway), so this waits long enough never to read for nothing.
 */
const CATCH_UP_AFTER_MS = 1000;

export interface StoredFeedOptions {
  docId: string;
  doc: Y.Doc;
  storage: DocumentStore;
  log: Logger;
  /** The last seq the room was loaded with. */
  lastSeq: number;
  /** A catch-up found `missed` updates the room had not received (metrics). */
  onCatchUp?: (missed: number) => void;
  isClosed(): boolean;
}

export class StoredFeed {
  private readonly seqs: SeqTracker;
  private catchUpTimer: NodeJS.Timeout | undefined;
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;

  constructor(private readonly opts: StoredFeedOptions) {
    this.seqs = new SeqTracker(opts.lastSeq);
  }

  /** Every seq up to this one is held: what a compaction may fold. */
  get through(): number {
    return this.seqs.through;
  }

  /** The room's own commit stored `count` updates from seq `from` on. */
  committed(from: number, count: number): void {
    this.seqs.add(from, from + count - 1);
  }

  /**
   * Updates another instance stored, with the seqs from, from + 1, …: applied to the doc (the
   * room relays them and never stores them again). A seq still missing after a while is read
   * from storage.
   */
  apply(from: number, updates: Uint8Array[]): void {
    try {
      Y.transact(
        this.opts.doc,
        () => {
          updates.forEach((update, i) => {
            if (!this.seqs.holds(from + i, from + i)) Y.applyUpdate(this.opts.doc, update, STORED_ELSEWHERE);
          });
        },
        STORED_ELSEWHERE,
      );
      this.seqs.add(from, from + updates.length - 1);
    } catch (err) {
      // Stored by an instance of ours, so this is a bug or damage: read the log instead.
      this.opts.log.error('an update from another instance did not apply; reading the stored log', { from, err });
      void this.catchUp();
      return;
    }
    if (this.seqs.hasGap) this.scheduleCatchUp();
  }

  /** Another instance stored everything through `seq` (it kept some of it off the bus): read what is missing now. */
  storedThrough(seq: number): void {
    if (seq > this.seqs.through) void this.catchUp();
  }

  private scheduleCatchUp(): void {
    if (this.catchUpTimer || this.opts.isClosed()) return;
    // The gap this timer is about: the first seq missing now. Another gap seen when it fires
    // (traffic goes on) gets its own full wait.
    const missing = this.seqs.through + 1;
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = undefined;
      if (this.seqs.through < missing) void this.catchUp();
      else if (this.seqs.hasGap) this.scheduleCatchUp();
    }, CATCH_UP_AFTER_MS);
    this.catchUpTimer.unref();
  }

  /**
   * Reads what other instances stored that the room has not received (after a gap, a
   * subscription, or the bus coming back) and applies it. Resolves when done; one at a time.
   */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    const run = async (): Promise<void> => {
      do {
        this.catchUpAgain = false;
        const since = await this.opts.storage.readUpdatesSince(this.opts.docId, this.seqs.through);
        if (this.opts.isClosed() || !since || since.lastSeq <= this.seqs.through) continue;
        if (!since.snapshotNeeded) {
          const missing = since.updates.filter(({ seq }) => !this.seqs.holds(seq, seq));
          if (missing.length === 0) continue;
          this.opts.onCatchUp?.(missing.length);
          Y.transact(
            this.opts.doc,
            () => {
              for (const { data } of missing) Y.applyUpdate(this.opts.doc, data, STORED_ELSEWHERE);
            },
            STORED_ELSEWHERE,
          );
          for (const { seq } of missing) this.seqs.add(seq, seq);
          continue;
        }
        this.opts.onCatchUp?.(since.lastSeq - this.seqs.through);
        // What this room lacks was folded into the snapshot meanwhile: the whole stored state
        // (what the room holds already is skipped by Yjs).
        const state = await this.opts.storage.loadDocState(this.opts.docId);
        if (this.opts.isClosed() || !state) return;
        Y.transact(
          this.opts.doc,
          () => {
            if (state.snapshot) Y.applyUpdate(this.opts.doc, state.snapshot, STORED_ELSEWHERE);
            for (const update of state.updates) Y.applyUpdate(this.opts.doc, update, STORED_ELSEWHERE);
          },
          STORED_ELSEWHERE,
        );
        this.seqs.advanceTo(state.lastSeq);
      } while (this.catchUpAgain && !this.opts.isClosed());
    };
    this.catchingUp = run()
      .catch((err: unknown) => this.opts.log.error('catching up from storage failed', { err }))
      .finally(() => {
        this.catchingUp = null;
      });
    return this.catchingUp;
  }

  close(): void {
    clearTimeout(this.catchUpTimer);
  }
}
