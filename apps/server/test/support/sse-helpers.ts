// A small SSE client for integration tests: a plain node:http request on its own connection,
// parsed as the WHATWG EventSource does (including `id:` lines with no data, which move the
// last event id without dispatching anything).
import { type IncomingHttpHeaders, request } from 'node:http';
import { vi } from 'vitest';
import { SqliteStorage } from '../../src/storage/sqlite-storage.ts';
import type { Storage } from '../../src/storage/storage.ts';
import { defer } from './helpers.ts';

export interface SseMessage {
  /** The last event id in force when this event was dispatched. */
  id: string;
  event: string;
  data: string;
}

export interface SseClient {
  status: number;
  headers: IncomingHttpHeaders;
  /** Every dispatched event so far, in order. */
  readonly events: SseMessage[];
  /** Comment lines (without the leading ':'), e.g. ' ping'. */
  readonly comments: string[];
  /** Everything received, as text. */
  readonly raw: string;
  readonly retry: number | undefined;
  /** What an EventSource would send as Last-Event-ID on reconnect. */
  readonly lastEventId: string;
  /** Resolves when the server ends or drops the stream. */
  readonly ended: Promise<void>;
  readonly isEnded: boolean;
  /** Waits until some event matches, and returns it. */
  waitFor(match: (e: SseMessage) => boolean): Promise<SseMessage>;
  /** Events with this name, their data parsed. */
  dataOf<T = unknown>(event: string): T[];
  close(): void;
}

export interface SseOptions {
  cookie?: string;
  lastEventId?: string;
  query?: string;
  headers?: Record<string, string>;
}

/** Opens GET /api/events and resolves once the response headers are in. */
export function openSse(base: string, opts: SseOptions = {}): Promise<SseClient> {
  const url = new URL(`/api/events${opts.query ?? ''}`, base);
  const headers: Record<string, string> = { accept: 'text/event-stream', ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.lastEventId !== undefined) headers['last-event-id'] = opts.lastEventId;

  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false });
    req.once('error', reject);
    req.once('response', (res) => {
      const events: SseMessage[] = [];
      const comments: string[] = [];
      let raw = '';
      let pending = '';
      let retry: number | undefined;
      let lastEventId = '';
      let idBuffer = '';
      let type = '';
      let data = '';
      let ended = false;
      let onEnded!: () => void;
      const endedPromise = new Promise<void>((r) => (onEnded = r));
      const finish = () => {
        if (ended) return;
        ended = true;
        onEnded();
      };

      const line = (text: string) => {
        if (text === '') {
          lastEventId = idBuffer;
          if (data !== '') events.push({ id: lastEventId, event: type || 'message', data: data.slice(0, -1) });
          type = '';
          data = '';
          return;
        }
        if (text.startsWith(':')) return void comments.push(text.slice(1));
        const colon = text.indexOf(':');
        const field = colon < 0 ? text : text.slice(0, colon);
        let value = colon < 0 ? '' : text.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'event') type = value;
        else if (field === 'data') data += `${value}\n`;
        else if (field === 'id' && !value.includes('\0')) idBuffer = value;
        else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
      };

      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        raw += chunk;
        pending += chunk;
        for (let nl = pending.search(/\r\n|\r|\n/); nl >= 0; nl = pending.search(/\r\n|\r|\n/)) {
          const sep = pending.startsWith('\r\n', nl) ? 2 : 1;
          line(pending.slice(0, nl));
          pending = pending.slice(nl + sep);
        }
      });
      res.once('end', finish);
      res.once('close', finish);
      res.once('error', finish);

      const client: SseClient = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments,
        get raw() {
          return raw;
        },
        get retry() {
          return retry;
        },
        get lastEventId() {
          return lastEventId;
        },
        ended: endedPromise,
        get isEnded() {
          return ended;
        },
        waitFor: async (match) => {
          await vi.waitFor(
            () => {
              if (!events.some(match)) throw new Error(`no matching event yet; got ${JSON.stringify(events.slice(-5))}`);
            },
            { timeout: 5000, interval: 5 },
          );
          return events.find(match)!;
        },
        dataOf: <T>(event: string) => events.filter((e) => e.event === event).map((e) => JSON.parse(e.data) as T),
        close: () => {
          req.destroy();
          res.destroy();
        },
      };
      defer(client.close);
      resolve(client);
    });
    req.end();
  });
}

/** Predicate for an `invalidate` event. */
export const invalidation =
  (entity: string, id: string, action: string) =>
  (e: SseMessage): boolean => {
    if (e.event !== 'invalidate') return false;
    const d = JSON.parse(e.data) as { entity: string; id: string; action: string };
    return d.entity === entity && d.id === id && d.action === action;
  };

type Holdable = 'readUserEvents' | 'getSession';

/**
 * Real SQLite storage one of whose reads can be held open, to force a race on purpose.
 * readUserEvents (the backlog): `before` waits, then reads, so events stored meanwhile are
 * in the backlog AND were published live; `after` reads, then waits, so they were published
 * live only. getSession: the request is stuck in authentication.
 */
export function holdableStorage(file: string): {
  storage: Storage;
  hold(method: Holdable, mode: 'before' | 'after'): { reading: Promise<void>; release(): void };
} {
  const inner = new SqliteStorage(file);
  const held = new Map<Holdable, { mode: 'before' | 'after'; gate: Promise<void>; started: () => void }>();
  const wrap =
    <A extends unknown[], R>(method: Holdable, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const h = held.get(method);
      held.delete(method);
      if (!h) return fn(...args);
      h.started();
      if (h.mode === 'before') await h.gate;
      const result = await fn(...args);
      if (h.mode === 'after') await h.gate;
      return result;
    };
  const wrapped: Partial<Storage> = {
    readUserEvents: wrap('readUserEvents', inner.readUserEvents.bind(inner)),
    getSession: wrap('getSession', inner.getSession.bind(inner)),
  };
  const storage = new Proxy(inner, {
    get(target, prop) {
      if (Object.hasOwn(wrapped, prop)) return wrapped[prop as keyof Storage];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    storage,
    hold(method, mode) {
      let release!: () => void;
      let started!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const reading = new Promise<void>((r) => (started = r));
      held.set(method, { mode, gate, started });
      return { reading, release };
    },
  };
}
