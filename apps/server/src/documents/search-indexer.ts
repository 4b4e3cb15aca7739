// Keeps the search index (storage SearchStore) current from the stored state of each document.
//
// When: an edit (the rooms' onEdit), a create or a rename (DocumentsService calls
// titleChanged) marks the document dirty. It is indexed once edits pause for QUIET_MS, or
// MAX_DELAY_MS after the first pending edit if they never pause, so text is searchable
// within about 4 s of typing (API.md promises 5). A burst of keystrokes costs one index
// write, not one per stored update.
//
// What: the title from storage and the plain text (doc-text.ts) from the open room's Y.Doc,
// read once the edits that made it due are stored (room.afterDurable), so the index does not
// run ahead of what a crash would keep. With no room open, the text is built from the
// stored rows, and a document whose rows do not load is skipped (logged, counted), never
// indexed as empty.
//
// Restarts: the store records the seq and updatedAt each entry was read at. Pending work is
// dropped at shutdown, and start-up re-indexes every document whose entry is missing (a
// database from before migration 8) or older than its stored state, in the background, one
// document per event-loop turn so sockets and requests keep being served.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from '../logger.ts';
import type { SearchIndexMetrics } from '../metrics/metrics.ts';
import type { EditEvent } from '../rooms/room.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import { buildStoredDoc } from '../rooms/stored-state.ts';
import type { DocumentStore, StoredDocState } from '../storage/document-store.ts';
import { DocDamagedError } from '../storage/errors.ts';
import type { SearchStore } from '../storage/search-store.ts';
import { plainText } from './doc-text.ts';

/** Index this long after the last edit of a burst… */
export const SEARCH_INDEX_QUIET_MS = 1000;
/** …but no later than this after the first one (continuous typing never pauses). */
export const SEARCH_INDEX_MAX_DELAY_MS = 4000;
/**
 * Stored rows up to this size are turned into text here (well under a millisecond); larger
 * ones go to storedText's worker. A new or short document would otherwise start a worker
 * thread (a whole V8 isolate, about 40 MB) to read a few bytes.
 */
const TEXT_HERE_MAX_BYTES = 64 * 1024;
/** Documents the start-up backfill asks storage for at a time. */
const BACKFILL_PAGE = 100;

export interface SearchIndexerOptions {
  storage: Pick<DocumentStore, 'getDoc' | 'loadDocState'> & SearchStore;
  /** The open rooms (a function: the registry is built after the indexer, which it calls). */
  rooms: () => Pick<RoomRegistry, 'loaded'>;
  logger: Logger;
  metrics?: SearchIndexMetrics;
  /**
   * The plain text of stored rows, off the main thread (ContentService.storedText): building
   * a large document's Y.Doc is seconds of work. Rejects with DocDamagedError as
   * buildStoredDoc throws it; null when it cannot be had now (busy): indexed later. Without
   * it the text is built here.
   */
  storedText?: (docId: string, state: StoredDocState) => Promise<string | null>;
  quietMs?: number;
  maxDelayMs?: number;
}

interface Pending {
  /** When the first edit not yet indexed happened. */
  first: number;
  /** When the last one did. */
  last: number;
  timer: NodeJS.Timeout;
}

export class SearchIndexer {
  private readonly log: Logger;
  private readonly quietMs: number;
  private readonly maxDelayMs: number;
  private readonly pending = new Map<string, Pending>();
  /** Index writes run one at a time, in the order they became due. */
  private queue: Promise<void> = Promise.resolve();
  private backfill: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly opts: SearchIndexerOptions) {
    this.log = opts.logger.child({ component: 'search' });
    this.quietMs = opts.quietMs ?? SEARCH_INDEX_QUIET_MS;
    this.maxDelayMs = Math.max(opts.maxDelayMs ?? SEARCH_INDEX_MAX_DELAY_MS, this.quietMs);
  }

  /**
   * RoomRegistry's onEdit: runs inside Yjs' afterTransaction for every keystroke, so it only
   * notes the time; the timer, not each edit, moves the deadline.
   */
  readonly handleEdit = ({ room }: EditEvent): void => {
    this.touch(room.docId);
  };

  /** The document was created or renamed (DocumentsService). */
  titleChanged(docId: string): void {
    this.touch(docId);
  }

  /** Starts re-indexing, in the background, the documents whose entry is missing or stale. */
  start(): void {
    this.backfill ??= this.runBackfill().catch((err: unknown) => this.log.error('search backfill stopped', { err }));
  }

  /** Drops pending work (start-up redoes it) and waits for the index write in progress. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    await Promise.all([this.backfill, this.queue]);
  }

  private touch(docId: string): void {
    if (this.closed) return;
    const now = Date.now();
    const p = this.pending.get(docId);
    if (p) {
      p.last = now;
      return;
    }
    this.pending.set(docId, { first: now, last: now, timer: setTimeout(() => this.due(docId), this.quietMs) });
  }

  private due(docId: string): void {
    const p = this.pending.get(docId);
    if (!p) return;
    const now = Date.now();
    const at = Math.min(p.last + this.quietMs, p.first + this.maxDelayMs);
    if (at > now) {
      p.timer = setTimeout(() => this.due(docId), at - now);
      return;
    }
    this.pending.delete(docId);
    // Edits after this point mark the document pending again, so none is missed.
    const room = this.opts.rooms().loaded(docId);
    if (room) room.afterDurable(() => this.enqueue(docId));
    else this.enqueue(docId);
  }

  private enqueue(docId: string): void {
    this.queue = this.queue.then(async () => {
      await this.index(docId);
    });
  }

  private async runBackfill(): Promise<void> {
    let after = '';
    let indexed = 0;
    while (!this.closed) {
      const ids = await this.opts.storage.listUnindexedDocs(after, BACKFILL_PAGE);
      if (ids.length === 0) break;
      for (const docId of ids) {
        // One document per turn: a long text is a few milliseconds of synchronous work.
        await nextTurn();
        if (this.closed) return;
        if (await this.index(docId)) indexed += 1;
      }
      after = ids.at(-1) ?? after;
    }
    if (indexed > 0) this.log.info('search index caught up with stored documents', { indexed });
  }

  /** Writes the document's entry; false when it was not (gone, trashed, damaged, failed). */
  private async index(docId: string): Promise<boolean> {
    if (this.closed) return false;
    const { storage, metrics } = this.opts;
    const started = performance.now();
    try {
      const doc = await storage.getDoc(docId);
      // Deleted (the entry went with it) or in the trash (its entry is hidden until restored).
      if (!doc) return false;
      const text = await this.textOf(docId);
      if (text === null) {
        this.log.warn('search indexing postponed: conversions unavailable (busy or stopping)', { docId });
        this.touch(docId);
        return false;
      }
      if (text === undefined || !(await storage.indexDoc(docId, doc.title, text))) return false;
      metrics?.indexed((performance.now() - started) / 1000);
      return true;
    } catch (err) {
      metrics?.failed();
      if (err instanceof DocDamagedError) {
        this.log.warn('document is damaged: not indexed for search', { docId, reason: err.reason });
      } else {
        this.log.error('could not index document for search', { docId, err });
      }
      return false;
    }
  }

  /** The live text when a room is open (never behind storage), else the stored one. */
  private async textOf(docId: string): Promise<string | null | undefined> {
    const room = this.opts.rooms().loaded(docId);
    if (room) return plainText(room.doc);
    const state = await this.opts.storage.loadDocState(docId);
    if (!state) return undefined;
    if (this.opts.storedText && storedBytes(state) > TEXT_HERE_MAX_BYTES) return this.opts.storedText(docId, state);
    const { doc } = buildStoredDoc(docId, state);
    try {
      return plainText(doc);
    } finally {
      doc.destroy();
    }
  }
}

const storedBytes = (state: StoredDocState): number => state.updates.reduce((n, u) => n + u.byteLength, state.snapshot?.byteLength ?? 0);
