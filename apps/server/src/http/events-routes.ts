// GET /api/events: the signed-in user's SSE stream (API.md §4, docs/protocol.md "SSE").
import type { RequestHandler } from 'express';
import { Router } from 'express';
import { hashSessionToken, readSessionToken } from '../auth/session-tokens.ts';
import { SseStream } from '../events/sse-stream.ts';
import type { StreamRegistry } from '../events/stream-registry.ts';
import type { UserEventLog } from '../events/user-event-log.ts';
import type { Logger } from '../logger.ts';
import { HttpError } from './http-error.ts';
import { authOf } from './request-auth.ts';

export interface EventsRoutesOptions {
  streams: StreamRegistry;
  eventLog: UserEventLog;
  logger: Logger;
  /** A client letting more than this queue up unsent is dropped. */
  maxBufferedBytes: number;
}

/** The browser's reconnect header wins over the query (which holds the first connect's id). */
function lastEventIdOf(header: string | undefined, query: unknown): string | undefined {
  const raw = header ?? (typeof query === 'string' ? query : undefined);
  // Empty means "no id" (an EventSource that has seen no id sends no header at all).
  return raw?.trim() || undefined;
}

/** Mount behind requireUser. */
export function eventsRouter({ streams, eventLog, logger, maxBufferedBytes }: EventsRoutesOptions): Router {
  const router = Router();
  const log = logger.child({ component: 'sse' });

  router.get('/', async (req, res) => {
    if (!streams.isAccepting) throw new HttpError('UNAVAILABLE', 'Server is shutting down');
    // Express routes HEAD here too: it gets the headers, and no stream that could never send.
    if (req.method === 'HEAD') {
      res.status(200).type('text/event-stream').setHeader('Cache-Control', 'no-cache, no-transform');
      res.end();
      return;
    }
    const { user, session } = authOf(res);
    const lastEventId = lastEventIdOf(req.get('last-event-id'), req.query.lastEventId);
    const stream = new SseStream(res, {
      userId: user.id,
      sessionId: session.tokenHash,
      maxBufferedBytes,
      logger: log,
      onClose: (s) => streams.remove(s),
    });
    stream.open();
    // Subscribed before the backlog is read: an event stored meanwhile is queued, not lost.
    if (!streams.add(stream)) return;
    try {
      stream.start(await eventLog.cursor(user.id, lastEventId));
    } catch (err) {
      // Headers are out: the only way to signal failure is to end; the browser retries.
      log.error('could not read the event log', { userId: user.id, err });
      stream.end();
    }
  });

  return router;
}

/**
 * Mounted in front of the logout route: once logout has answered, the streams opened with
 * that session end (the socket side closes with 4401 in the same place).
 */
export function endStreamsOnLogout(streams: StreamRegistry): RequestHandler {
  return (req, res, next) => {
    const token = readSessionToken(req.headers.cookie);
    if (token) {
      res.once('finish', () => {
        if (res.statusCode < 300) streams.closeSession(hashSessionToken(token));
      });
    }
    next();
  };
}
