import type { StreamMessage, StreamStatus } from './sse-connection.ts';
import { parseSseEvent } from './sse-connection.ts';

// What the leader tab and the other tabs of one account say to each other over their
// BroadcastChannel. Another tab may run an older or newer build of the app (one reloaded
// after a deploy, one not), so what arrives is checked like anything from outside.
export type RelayMessage =
  | StreamMessage
  /** The stream's state, so every tab can show "reconnecting". */
  | { type: 'status'; status: StreamStatus }
  /** The server refused the stream: every tab checks whether its session still stands. */
  | { type: 'refused' }
  /** A tab that just started asks the leader for its status. */
  | { type: 'hello' };

const STATUSES: ReadonlySet<string> = new Set<StreamStatus>(['connecting', 'live', 'reconnecting']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function parseRelayMessage(data: unknown): RelayMessage | null {
  if (!isRecord(data)) return null;
  switch (data['type']) {
    case 'hello':
    case 'refused':
    case 'resync':
      return { type: data['type'] };
    case 'status': {
      const status = data['status'];
      return typeof status === 'string' && STATUSES.has(status) ? { type: 'status', status: status as StreamStatus } : null;
    }
    case 'event': {
      const event = data['event'];
      if (!isRecord(event) || typeof event['event'] !== 'string' || typeof event['id'] !== 'string') return null;
      // Re-validated through the protocol's schema, as if it had come off the wire.
      const parsed = parseSseEvent(event['event'], event['id'], JSON.stringify(event['data']));
      return parsed ? { type: 'event', event: parsed } : null;
    }
    default:
      return null;
  }
}
