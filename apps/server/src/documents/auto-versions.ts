// Automatic history (API.md §6): while a document is being edited, an `auto` version every
// `intervalMs` if it changed since its last version of any kind, and one when its room unloads
// (last client gone, or shutdown) if it changed. It also remembers who edited since the last
// version, which every version stores as its authors.
//
// Only documents edited since their last version have an entry here (cleared whenever a
// version is stored), so an idle server holds nothing. The interval runs from the first edit
// after a version: continuous typing gives one version per interval, a single edit one version
// (an interval later, or at unload, whichever comes first). What is remembered is lost with the
// process; a restart starts clean (versions then list no authors for what went before).
import type { Logger } from '../logger.ts';
import type { EditEvent, Room } from '../rooms/room.ts';

/** Runs `fn` after `ms`; returns the cancel function. Injected by tests (a manual clock). */
export type Schedule = (fn: () => void, ms: number) => () => void;

/** setTimeout, unref'd: a pending automatic version never keeps the process alive. */
export const realSchedule: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export interface AutoVersionsDeps {
  intervalMs: number;
  /**
   * Stores an `auto` version of the document now, from `room` when given (an unloading room
   * is no longer listed as loaded). It calls takeAuthors, like every version store does.
   */
  takeVersion(docId: string, room: Room | undefined): Promise<void>;
  /** Whether the document's room is open; a timer for a room that went skips its version. */
  isLoaded(docId: string): boolean;
  logger: Logger;
  schedule?: Schedule;
}

interface Changed {
  /** User ids in the order their first edit came. */
  authors: Set<string>;
  cancel: () => void;
}

export class AutoVersions {
  private readonly changed = new Map<string, Changed>();
  /** The version being taken per document, so a timer and an unload never store two. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly schedule: Schedule;
  private readonly log: Logger;
  private closed = false;

  constructor(private readonly deps: AutoVersionsDeps) {
    this.schedule = deps.schedule ?? realSchedule;
    this.log = deps.logger.child({ component: 'auto-versions' });
  }

  /** RegistryOptions.onEdit: a person changed the document. */
  readonly handleEdit = (event: EditEvent): void => {
    const docId = event.room.docId;
    let entry = this.changed.get(docId);
    if (!entry) {
      // After close() (shutdown) edits still count, for the unload's version, but start no timer.
      const cancel = this.closed ? () => {} : this.schedule(() => this.due(docId), this.deps.intervalMs);
      entry = { authors: new Set(), cancel };
      this.changed.set(docId, entry);
    }
    entry.authors.add(event.user.id);
  };

  /** RegistryOptions.onUnload: the last version before the room goes, if it changed. */
  readonly handleUnload = (room: Room): Promise<void> => this.run(room.docId, room);

  /** Whether the document changed since its last version. */
  hasChanges(docId: string): boolean {
    return this.changed.has(docId);
  }

  /**
   * Called as a version of any kind is stored: who edited since the previous one. The
   * document counts as unchanged from here on.
   */
  takeAuthors(docId: string): string[] {
    const entry = this.changed.get(docId);
    if (!entry) return [];
    entry.cancel();
    this.changed.delete(docId);
    return [...entry.authors];
  }

  /** The document left (trash): nothing more is taken of it. */
  forget(docId: string): void {
    this.takeAuthors(docId);
  }

  /** Stops every timer (shutdown; unloads still take their version) and waits for versions being taken. */
  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.changed.values()) entry.cancel();
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  private due(docId: string): void {
    if (this.deps.isLoaded(docId)) {
      void this.run(docId, undefined);
      return;
    }
    // The room went without an unload (evicted, or dropped after a failure): its edits are
    // in storage or were never acknowledged, and the next edit starts over.
    this.forget(docId);
  }

  private run(docId: string, room: Room | undefined): Promise<void> {
    const before = this.running.get(docId) ?? Promise.resolve();
    const next = before
      .then(() => (this.changed.has(docId) ? this.deps.takeVersion(docId, room) : undefined))
      .catch((err: unknown) => this.log.error('could not store an automatic version', { docId, err }))
      .finally(() => {
        if (this.running.get(docId) === next) this.running.delete(docId);
      });
    this.running.set(docId, next);
    return next;
  }
}
