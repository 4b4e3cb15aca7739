import { z } from 'zod';
import { invalidationSchema } from './messages/invalidate.ts';
import { notificationSchema } from './notifications.ts';
import { publicUserSchema } from './users.ts';

// The SSE stream, GET /api/events (API.md §4, docs/protocol.md). Each event's `event:` field
// is a key of SSE_EVENTS and its `data:` is one line of JSON matching the schema.
export const SSE_EVENTS = {
  /** Refetch the named thing over HTTP. */
  invalidate: invalidationSchema,
  /** A new notification, in full. */
  notification: z.object({ notification: notificationSchema }),
  /** The caller's unread count changed. */
  unread: z.object({ count: z.number().int().nonnegative() }),
  /**
   * A person's public profile changed (a rename): sent to that person and to everyone who
   * shares a document with them. Tabs refetch what shows people (members, comments, the
   * list); that person's own tabs also take the new name into their awareness at once.
   */
  user: z.object({ user: publicUserSchema }),
  /** The client's last event id is older than the log keeps, or was never issued: refetch everything. */
  reset: z.object({}),
} as const;

export type SseEventName = keyof typeof SSE_EVENTS;
export type SseEventData<E extends SseEventName> = z.infer<(typeof SSE_EVENTS)[E]>;
export type SseEvent = { [E in SseEventName]: { id: string; event: E; data: SseEventData<E> } }[SseEventName];

export function isSseEventName(name: string): name is SseEventName {
  return Object.hasOwn(SSE_EVENTS, name);
}

/** `retry:` sent first: how long browsers wait before reconnecting. */
export const SSE_RETRY_MS = 3000;
/** A `: ping` comment goes out at least this often. */
export const SSE_HEARTBEAT_MS = 15_000;
/** The per-user log keeps events this long, and at most this many a user. */
export const SSE_LOG_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
export const SSE_LOG_MAX_EVENTS = 1000;
