import { isSseEventName, SSE_EVENTS, type SseEvent, type SseEventName } from '@inkwell/protocol';

// One EventSource on GET /api/events (API.md §4), wrapped so the rest of the app sees parsed,
// de-duplicated events and three states. The browser itself reconnects after a dropped
// connection (waiting the server's `retry:`) and sends Last-Event-ID, so the server replays
// what we missed. It gives up only when an answer is not a stream (401, 5xx, a proxy's error
// page): then this class makes a new EventSource with backoff, carrying the last id in
// `?lastEventId=` because a new EventSource has no memory of the old one's id.

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

/** What the stream tells the app: a server event, or "you may have missed something, refetch". */
export type StreamMessage = { type: 'event'; event: SseEvent } | { type: 'resync' };

/** The part of the DOM EventSource this class uses (tests pass a fake; Node 20 has none). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const EVENT_SOURCE_CLOSED = 2;
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/** Backoff after the server refused a stream: 1 s, 2 s, 4 s… up to 30 s, each scaled by 0.5–1. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() / 2));
}

const DECIMAL_ID = /^\d{1,15}$/;

/**
 * True when `id` comes after `last`. The server's ids are decimal integers increasing per
 * user; an id we cannot compare is taken as new rather than risk dropping an event.
 */
export function isNewerEventId(id: string, last: string | undefined): boolean {
  if (last === undefined || !DECIMAL_ID.test(id) || !DECIMAL_ID.test(last)) return true;
  return Number(id) > Number(last);
}

/** Appends `?lastEventId=` for a fresh EventSource resuming where an earlier one stopped. */
export function streamUrl(base: string, lastEventId: string | undefined): string {
  if (lastEventId === undefined) return base;
  const separator = base.includes('?') ? '&' : '?';
  return `${base}${separator}lastEventId=${encodeURIComponent(lastEventId)}`;
}

/** Parses one SSE message; null for anything that does not match the protocol's schema. */
export function parseSseEvent(name: string, id: string, data: unknown): SseEvent | null {
  if (!isSseEventName(name) || typeof data !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = SSE_EVENTS[name].safeParse(json);
  if (!parsed.success) return null;
  return { id, event: name, data: parsed.data } as SseEvent;
}

export interface SseConnectionOptions {
  url: string;
  createSource: EventSourceFactory;
  /** Where to resume: the last id this tab saw (from its own stream or a relayed one). */
  lastEventId?: string;
  onMessage(message: StreamMessage): void;
  onStatus?(status: StreamStatus): void;
  /** The server answered with something other than a stream (often 401: the session ended). */
  onRefused?(): void;
  timers?: Timers;
  random?: () => number;
}

export class SseConnection {
  private source: EventSourceLike | null = null;
  private retryTimer: unknown = null;
  private refusals = 0;
  private closed = false;
  private lastId: string | undefined;
  /**
   * Refetch everything on the next open: on the first open with no id to resume from
   * (something may have changed between the page's first fetches and now) and after every
   * drop (the server may have failed to log an event it applied; refetching heals that).
   */
  private resyncOnOpen: boolean;
  private readonly timers: Timers;

  constructor(private readonly options: SseConnectionOptions) {
    this.lastId = options.lastEventId;
    this.resyncOnOpen = options.lastEventId === undefined;
    this.timers = options.timers ?? browserTimers;
    this.connect();
  }

  get lastEventId(): string | undefined {
    return this.lastId;
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
  }

  private connect(): void {
    this.retryTimer = null;
    if (this.closed) return;
    const source = this.options.createSource(streamUrl(this.options.url, this.lastId));
    this.source = source;
    source.addEventListener('open', () => this.handleOpen(source));
    source.addEventListener('error', () => this.handleError(source));
    for (const name of Object.keys(SSE_EVENTS) as SseEventName[]) {
      source.addEventListener(name, (event) => this.handleEvent(source, name, event));
    }
    this.options.onStatus?.(this.refusals === 0 && this.resyncOnOpen ? 'connecting' : 'reconnecting');
  }

  private handleOpen(source: EventSourceLike): void {
    if (source !== this.source) return;
    this.refusals = 0;
    this.options.onStatus?.('live');
    if (this.resyncOnOpen) {
      this.resyncOnOpen = false;
      this.options.onMessage({ type: 'resync' });
    }
  }

  private handleError(source: EventSourceLike): void {
    if (source !== this.source) return;
    this.resyncOnOpen = true;
    this.options.onStatus?.('reconnecting');
    // CONNECTING: the browser is already retrying on its own. CLOSED: it gave up for good.
    if (source.readyState !== EVENT_SOURCE_CLOSED) return;
    source.close();
    this.source = null;
    this.options.onRefused?.();
    const delay = retryDelayMs(this.refusals, this.options.random);
    this.refusals += 1;
    this.retryTimer = this.timers.setTimeout(() => this.connect(), delay);
  }

  private handleEvent(source: EventSourceLike, name: SseEventName, raw: Event): void {
    if (source !== this.source) return;
    const message = raw as MessageEvent<unknown>;
    const event = parseSseEvent(name, message.lastEventId, message.data);
    if (!event) return;
    // A replay after a leader change can repeat what another tab's stream already delivered.
    if (event.id !== '') {
      if (!isNewerEventId(event.id, this.lastId)) return;
      this.lastId = event.id;
    }
    this.options.onMessage({ type: 'event', event });
  }
}
