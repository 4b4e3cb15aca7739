// The per-user event log behind GET /api/events: every event is stored (with the user's next
// id) before it is published to that user's open streams, and a reconnecting client's
// Last-Event-ID is turned into a replay or a reset.
import { SSE_EVENTS, SSE_LOG_MAX_AGE_MS, SSE_LOG_MAX_EVENTS, type SseEventData, type SseEventName } from '@inkwell/protocol';
import type { EventRetention, EventStore, UserEventRecord } from '../storage/event-store.ts';
import type { Cursor } from './sse-stream.ts';
import type { StreamRegistry } from './stream-registry.ts';

/** One event for one user, typed by the protocol's SSE_EVENTS. */
export type UserEvent = { [E in SseEventName]: { userId: string; event: E; data: SseEventData<E> } }[SseEventName];

export const DEFAULT_RETENTION: EventRetention = { maxAgeMs: SSE_LOG_MAX_AGE_MS, maxEvents: SSE_LOG_MAX_EVENTS };

/** Event ids are decimal integers; anything else from a client is garbage (→ reset). */
const EVENT_ID = /^\d{1,15}$/;

export interface UserEventLogOptions {
  storage: EventStore;
  streams: StreamRegistry;
  retention?: EventRetention;
  now?: () => number;
  /**
   * Hands stored events to the streams. By default straight to this instance's streams;
   * beside other instances, the server tells every instance (itself included) to read them.
   */
  deliver?: (records: UserEventRecord[]) => void;
}

export class UserEventLog {
  private readonly retention: EventRetention;
  private readonly now: () => number;
  /** Appends run one at a time, so events reach every stream in id order. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: UserEventLogOptions) {
    this.retention = opts.retention ?? DEFAULT_RETENTION;
    this.now = opts.now ?? Date.now;
  }

  /** Stores and publishes events (one transaction). Rejects when storage does. */
  publish(events: readonly UserEvent[]): Promise<UserEventRecord[]> {
    return this.publishWith(() => events);
  }

  /**
   * Like publish, but `build` runs in turn with every other append: state it reads (an unread
   * count) cannot be overtaken by a later append, so the last event a client gets is current.
   */
  publishWith(build: () => readonly UserEvent[] | Promise<readonly UserEvent[]>): Promise<UserEventRecord[]> {
    const run = async (): Promise<UserEventRecord[]> => {
      const events = await build();
      if (events.length === 0) return [];
      const inputs = events.map((e) => ({
        userId: e.userId,
        name: e.event,
        // Parsing what we send keeps the wire true to the protocol's schemas.
        data: JSON.stringify(SSE_EVENTS[e.event].parse(e.data)),
      }));
      const records = await this.opts.storage.appendUserEvents(inputs, this.now(), this.retention);
      if (this.opts.deliver) this.opts.deliver(records);
      else for (const record of records) this.opts.streams.publish(record);
      return records;
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** A user's kept events after `afterId`, in order (SseStream.catchUp). */
  async after(userId: string, afterId: number): Promise<UserEventRecord[]> {
    return (await this.opts.storage.readUserEvents(userId, afterId, this.now(), this.retention)).events;
  }

  /** Resolves when every append started so far has finished (shutdown). */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  /**
   * What a client that last saw `lastEventId` gets (API.md §4). No id: nothing, it starts
   * live. An id we issued whose successors are all kept: those, in order. Garbage, an id
   * never issued, or one older than the log keeps: a reset.
   */
  async cursor(userId: string, lastEventId: string | undefined): Promise<Cursor> {
    const afterId = lastEventId !== undefined && EVENT_ID.test(lastEventId) ? Number(lastEventId) : undefined;
    const fresh = lastEventId === undefined;
    // A fresh or garbage id reads no backlog, only the last id issued.
    const read = await this.opts.storage.readUserEvents(userId, afterId ?? Number.MAX_SAFE_INTEGER, this.now(), this.retention);
    const { lastId, events } = read;
    if (fresh) return { reset: false, replay: [], lastId };
    if (afterId === undefined || afterId > lastId) return { reset: true, replay: [], lastId };
    // Ids are consecutive per user: anything but afterId + 1 first means events were pruned.
    if (afterId < lastId && events[0]?.id !== afterId + 1) return { reset: true, replay: [], lastId };
    return { reset: false, replay: events, lastId };
  }
}
