// Who last edited each document, for the list's "Edited 5 min ago by Ben".
//
// The rooms' onEdit runs inside Yjs' afterTransaction for every keystroke, so an edit only
// overwrites one map entry; a single timer writes what gathered in one transaction every
// FLUSH_MS. A crash loses at most that long of "who", never text, and the next edit fixes it.
import type { Logger } from '../logger.ts';
import type { EditEvent } from '../rooms/room-options.ts';
import type { DocumentStore, EditRecord } from '../storage/document-store.ts';

/** Last editors are written at most this often. */
export const LAST_EDITORS_FLUSH_MS = 2000;

export interface LastEditorsOptions {
  storage: Pick<DocumentStore, 'recordEdits'>;
  logger: Logger;
  flushMs?: number;
  now?: () => number;
}

export class LastEditors {
  private readonly pending = new Map<string, EditRecord>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly log: Logger;
  private readonly flushMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: LastEditorsOptions) {
    this.log = opts.logger.child({ component: 'last-editors' });
    this.flushMs = opts.flushMs ?? LAST_EDITORS_FLUSH_MS;
    this.now = opts.now ?? Date.now;
  }

  readonly handleEdit = ({ room, user }: EditEvent): void => {
    this.pending.set(room.docId, { docId: room.docId, userId: user.id, at: this.now() });
    if (!this.timer) {
      this.timer = setTimeout(this.flush, this.flushMs);
      this.timer.unref();
    }
  };

  /** Writes what is pending now and waits for every write (shutdown, tests). */
  async close(): Promise<void> {
    this.flush();
    await this.writing;
  }

  private readonly flush = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const edits = [...this.pending.values()];
    this.pending.clear();
    this.writing = this.writing.then(() =>
      this.opts.storage.recordEdits(edits).catch((err: unknown) => this.log.warn('could not record last editors', { err })),
    );
  };
}
