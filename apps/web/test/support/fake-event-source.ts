import type { EventSourceLike } from '../../src/sync/sse-connection.ts';

// Node 20 has no EventSource. This one is driven by the test: it opens, delivers events and
// fails the way a browser's does (readyState CONNECTING while it retries by itself, CLOSED
// when the server's answer was not a stream).
export class FakeEventSource implements EventSourceLike {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;

  readyState = FakeEventSource.CONNECTING;
  private readonly listeners = new Map<string, Array<(event: Event) => void>>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  get isClosed(): boolean {
    return this.readyState === FakeEventSource.CLOSED;
  }

  open(): void {
    this.readyState = FakeEventSource.OPEN;
    this.dispatch('open', new Event('open'));
  }

  emit(name: string, id: string, data: unknown): void {
    const payload = typeof data === 'string' ? data : JSON.stringify(data);
    this.dispatch(name, new MessageEvent(name, { data: payload, lastEventId: id }));
  }

  /** The connection dropped; the browser will reconnect on its own. */
  drop(): void {
    this.readyState = FakeEventSource.CONNECTING;
    this.dispatch('error', new Event('error'));
  }

  /** The server answered 401 or 5xx: the browser gives up. */
  refuse(): void {
    this.readyState = FakeEventSource.CLOSED;
    this.dispatch('error', new Event('error'));
  }

  private dispatch(type: string, event: Event): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

/** A factory that remembers every source it made, newest last. */
export function eventSourceFactory() {
  const sources: FakeEventSource[] = [];
  return {
    sources,
    create: (url: string) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source;
    },
    latest: () => {
      const source = sources.at(-1);
      if (!source) throw new Error('no EventSource was created');
      return source;
    },
  };
}
