import { parseRelayMessage, type RelayMessage } from './relay-message.ts';
import { SnapshotStore } from './snapshot-store.ts';
import {
  type EventSourceFactory,
  isNewerEventId,
  SseConnection,
  type StreamMessage,
  type StreamStatus,
  type Timers,
} from './sse-connection.ts';

// One SSE stream per browser, not per tab. Browsers allow six HTTP/1.1 connections per
// origin, and an EventSource holds one for as long as it lives: seven tabs with a stream
// each would leave the seventh's page and API requests queued forever. So the tabs of one
// account elect a leader with the Web Locks API (the lock is released by the browser when
// the tab closes or crashes, and the next tab waiting for it gets it); the leader holds the
// only EventSource and relays what it receives to the other tabs over a BroadcastChannel.
// A tab that takes over resumes from the last event id it saw relayed, so nothing is lost
// between the old leader's last event and the new stream. Without Web Locks or
// BroadcastChannel every tab simply opens its own stream, which is correct, just costlier.

/** `leader` holds the stream for the browser, `follower` listens to it, `solo` has its own. */
export type StreamRole = 'starting' | 'leader' | 'follower' | 'solo';

export interface EventStreamSnapshot {
  role: StreamRole;
  status: StreamStatus;
}

/** The part of navigator.locks used here. */
export interface LockManagerLike {
  request(name: string, options: { signal: AbortSignal }, callback: () => Promise<void>): Promise<unknown>;
}

/** The part of BroadcastChannel used here. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface EventStreamOptions {
  /** GET /api/events */
  url: string;
  /** The account: lock and channel are per account, so two accounts never share a stream. */
  scope: string;
  createSource: EventSourceFactory;
  /** navigator.locks; null where the browser has none (then: one stream per tab). */
  locks: LockManagerLike | null;
  /** `name => new BroadcastChannel(name)`; null where there is none (one stream per tab). */
  createChannel: ((name: string) => ChannelLike) | null;
  onMessage(message: StreamMessage): void;
  /** The server refused the stream (seen by the leader, told to every tab): check the session. */
  onRefused?(): void;
  timers?: Timers;
  random?: () => number;
}

const sameSnapshot = (a: EventStreamSnapshot, b: EventStreamSnapshot) => a.role === b.role && a.status === b.status;

export class EventStream {
  readonly snapshot = new SnapshotStore<EventStreamSnapshot>({ role: 'starting', status: 'connecting' }, sameSnapshot);

  private connection: SseConnection | null = null;
  private channel: ChannelLike | null = null;
  private readonly abort = new AbortController();
  private releaseLock: (() => void) | null = null;
  private lastEventId: string | undefined;
  private started = false;
  private stopped = false;

  constructor(private readonly options: EventStreamOptions) {}

  get lockName(): string {
    return `inkwell-events:${this.options.scope}`;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    const { locks, createChannel } = this.options;
    if (!locks || !createChannel) {
      this.open('solo');
      return;
    }
    this.channel = createChannel(this.lockName);
    this.channel.addEventListener('message', (event) => this.handleRelay(event.data));
    this.setSnapshot({ role: 'follower' });
    // Asks whoever leads for its status; nobody answers if no tab leads yet.
    this.channel.postMessage({ type: 'hello' } satisfies RelayMessage);
    locks
      .request(this.lockName, { signal: this.abort.signal }, () => {
        if (this.stopped) return Promise.resolve();
        this.open('leader');
        // Held until stop(); the browser releases it anyway when the tab goes away.
        return new Promise<void>((resolve) => (this.releaseLock = resolve));
      })
      .catch(() => {
        // AbortError: stopped while waiting in the queue. Nothing else rejects.
      });
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.abort.abort();
    this.connection?.close();
    this.connection = null;
    this.releaseLock?.();
    this.releaseLock = null;
    this.channel?.close();
    this.channel = null;
    this.snapshot.clear();
  }

  private open(role: 'leader' | 'solo'): void {
    this.setSnapshot({ role, status: 'connecting' });
    this.connection = new SseConnection({
      url: this.options.url,
      createSource: this.options.createSource,
      lastEventId: this.lastEventId,
      onMessage: (message) => {
        if (message.type === 'event' && message.event.id !== '') this.lastEventId = message.event.id;
        this.post(message);
        this.options.onMessage(message);
      },
      onStatus: (status) => {
        this.setSnapshot({ status });
        this.post({ type: 'status', status });
      },
      onRefused: () => {
        this.post({ type: 'refused' });
        this.options.onRefused?.();
      },
      ...(this.options.timers ? { timers: this.options.timers } : {}),
      ...(this.options.random ? { random: this.options.random } : {}),
    });
  }

  private post(message: RelayMessage): void {
    if (this.snapshot.get().role === 'leader') this.channel?.postMessage(message);
  }

  private handleRelay(data: unknown): void {
    if (this.stopped) return;
    const message = parseRelayMessage(data);
    if (!message) return;
    const { role, status } = this.snapshot.get();
    if (message.type === 'hello') {
      if (role === 'leader') this.post({ type: 'status', status });
      return;
    }
    // Only a follower takes the leader's word; a leader hears no one else's stream.
    if (role !== 'follower') return;
    switch (message.type) {
      case 'status':
        this.setSnapshot({ status: message.status });
        return;
      case 'refused':
        this.options.onRefused?.();
        return;
      case 'resync':
        this.options.onMessage(message);
        return;
      case 'event': {
        const { event } = message;
        if (event.id !== '') {
          if (!isNewerEventId(event.id, this.lastEventId)) return;
          this.lastEventId = event.id;
        }
        this.options.onMessage(message);
        return;
      }
    }
  }

  private setSnapshot(patch: Partial<EventStreamSnapshot>): void {
    this.snapshot.set({ ...this.snapshot.get(), ...patch });
  }
}
