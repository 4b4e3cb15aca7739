// Request ids and access logs. Every request gets an id (the caller's X-Request-Id when it is
// a sane token, so a proxy's id carries through, otherwise a fresh one), echoed in the
// response header and carried by a child logger that handlers and the error handler use.
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.ts';
import type { HttpMetrics } from '../metrics/metrics.ts';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const SANE_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** Polled by monitoring; logged at debug so they do not drown the access log. */
const QUIET_PATHS = new Set(['/healthz', '/metrics']);

/** The logger of this request (with its id); the server's logger outside a request. */
export function requestLogger(res: Response, fallback: Logger): Logger {
  return (res.locals.log as Logger | undefined) ?? fallback;
}

/** A bounded route label: the matched express pattern, never the raw path. */
function routeOf(req: Request): string {
  const pattern = req.route?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  return req.baseUrl ? `${req.baseUrl}/*` : 'unmatched';
}

export function requestLog(logger: Logger, metrics?: HttpMetrics): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const reqId = typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, reqId);
    const log = logger.child({ reqId });
    res.locals.log = log;
    const started = performance.now();
    res.on('finish', () => {
      const ms = performance.now() - started;
      // Read the matched route late: routers set req.route while they run.
      metrics?.observe(req.method, routeOf(req), res.statusCode, ms / 1000);
      const fields = { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      if (QUIET_PATHS.has(req.path)) log.debug('request', fields);
      else log.info('request', fields);
    });
    next();
  };
}
