// One open GET /api/events response. The stream starts in "replaying" mode: live events are
// queued while the backlog is read from storage, then the backlog and the queue are written
// in id order with duplicates skipped, and from then on live events go straight out.
import type { ServerResponse } from 'node:http';
import { SSE_RETRY_MS } from '@inkwell/protocol';
import type { Logger } from '../logger.ts';
import type { UserEventRecord } from '../storage/event-store.ts';

/** What the log says a (re)connecting client gets before live events. */
export interface Cursor {
  /** The client's id is unknown, in the future, or older than the log keeps. */
  reset: boolean;
  /** Events after the client's id, in order (empty on reset). */
  replay: UserEventRecord[];
  /** The last id issued to the user when the backlog was read. */
  lastId: number;
}

export interface SseStreamOptions {
  userId: string;
  /** The session the stream was opened with (logout ends it). */
  sessionId: string;
  /** Unsent bytes past which the client is taken for dead and dropped. */
  maxBufferedBytes: number;
  logger: Logger;
  onClose: (stream: SseStream) => void;
}

// `data:` is one line of JSON: JSON.stringify never emits a raw line break.
const eventFrame = (r: UserEventRecord): string => `id: ${r.id}\nevent: ${r.name}\ndata: ${r.data}\n\n`;

export class SseStream {
  readonly userId: string;
  readonly sessionId: string;
  /** Live events that arrived while the backlog was being read; null once live. */
  private queued: UserEventRecord[] | null = [];
  /** Highest id written to this client (-1: none yet). */
  private lastSent = -1;
  private closed = false;
  /** catchUp(): the read in flight, whether another was asked for meanwhile, and how to read. */
  private catching: Promise<void> | null = null;
  private catchUpAgain = false;
  private pendingRead: ((afterId: number) => Promise<UserEventRecord[]>) | null = null;

  constructor(
    private readonly res: ServerResponse,
    private readonly opts: SseStreamOptions,
  ) {
    this.userId = opts.userId;
    this.sessionId = opts.sessionId;
    // A reset connection must not become an unhandled 'error' that takes the process down.
    res.on('error', () => res.destroy());
    // A client that went away while the request was being authenticated has already had
    // its 'close': the stream is born closed and is never registered.
    if (!res.socket || res.socket.destroyed) this.closed = true;
    else res.once('close', this.handleClose);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends the headers at once (so the client sees the stream open) and the retry hint. */
  open(): void {
    if (this.closed) return;
    const { res } = this;
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    // no-transform: proxies must not compress or rewrite the stream.
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    // nginx would otherwise buffer the response and deliver events in bursts.
    res.setHeader('X-Accel-Buffering', 'no');
    res.setHeader('Connection', 'keep-alive');
    res.socket?.setNoDelay(true);
    res.flushHeaders();
    this.write(`retry: ${SSE_RETRY_MS}\n\n`);
  }

  /** A live event for this stream's user. */
  deliver(record: UserEventRecord): void {
    if (this.closed) return;
    if (this.queued) this.queued.push(record);
    else this.send(record);
  }

  /**
   * Beside other instances: new events were stored for this user (here or elsewhere), so the
   * stream reads what follows the last id it sent, in order. Ids are consecutive per user and
   * committed in order, so reading "after the last one sent" never skips one. Reads run one at
   * a time; one asked for during the backlog runs after it.
   */
  catchUp(read: (afterId: number) => Promise<UserEventRecord[]>): void {
    if (this.closed) return;
    this.pendingRead = read;
    if (this.queued) return;
    if (this.catching) {
      this.catchUpAgain = true;
      return;
    }
    const run = async (): Promise<void> => {
      do {
        this.catchUpAgain = false;
        const records = await (this.pendingRead ?? read)(this.lastSent);
        for (const record of records) this.send(record);
      } while (this.catchUpAgain && !this.closed);
    };
    this.catching = run()
      .catch((err: unknown) => this.opts.logger.warn('could not read events for an SSE stream', { userId: this.userId, err }))
      .finally(() => {
        this.catching = null;
      });
  }

  /** Writes the backlog (or a reset), then what was queued meanwhile, and goes live. */
  start(cursor: Cursor): void {
    if (this.closed || !this.queued) return;
    if (cursor.reset) {
      // The reset carries the newest id, so the client's next reconnect resumes from here.
      this.write(`id: ${cursor.lastId}\nevent: reset\ndata: {}\n\n`);
      this.lastSent = cursor.lastId;
    }
    for (const record of cursor.replay) this.send(record);
    const queued = this.queued;
    this.queued = null;
    for (const record of queued) this.send(record);
    if (this.lastSent < cursor.lastId && !this.closed) {
      // An id with no data dispatches nothing but sets the browser's Last-Event-ID (WHATWG
      // "dispatch the event", step 1), so a client that saw no event yet still resumes
      // from the right place after a reconnect.
      this.write(`id: ${cursor.lastId}\n\n`);
      this.lastSent = cursor.lastId;
    }
    // Events stored elsewhere while the backlog was read.
    if (this.pendingRead) this.catchUp(this.pendingRead);
  }

  ping(): void {
    if (!this.closed) this.write(': ping\n\n');
  }

  /** Ends the response politely; the browser reconnects after `retry` unless told otherwise. */
  end(): void {
    if (this.closed) return;
    this.res.end();
    this.handleClose();
  }

  private send(record: UserEventRecord): void {
    // Backlog and queue overlap when an event was stored before the backlog was read but
    // published after the stream subscribed: skip what this client already has.
    if (record.id <= this.lastSent) return;
    this.lastSent = record.id;
    this.write(eventFrame(record));
  }

  private write(chunk: string): void {
    if (this.closed) return;
    this.res.write(chunk);
    // Back-pressure: a client that stops reading would make us buffer without bound.
    const buffered = this.res.writableLength;
    if (buffered > this.opts.maxBufferedBytes) {
      this.opts.logger.warn('dropping a slow SSE client', { userId: this.userId, bufferedBytes: buffered });
      this.res.destroy();
      this.handleClose();
    }
  }

  private readonly handleClose = (): void => {
    if (this.closed) return;
    this.closed = true;
    this.queued = null;
    this.opts.onClose(this);
  };
}
