// GET /metrics: the Prometheus exposition, for the machine itself or for a scraper that
// holds METRICS_TOKEN.
//
// Who may read it:
// - a client on the loopback interface (127.0.0.0/8, ::1, ::ffff:127.x) whose request was
//   not relayed by a proxy: a reverse proxy on the same host would make every visitor look
//   local, so a request carrying Forwarded / X-Forwarded-For / X-Real-IP does not count as
//   local;
// - anyone with `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time);
// - nobody else: 401 when a token is configured (say which credentials are wanted), 403 when
//   none is (the endpoint is documented in API.md, so hiding it behind a 404 buys nothing).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { ServerMetrics } from '../metrics/metrics.ts';
import { HttpError } from './http-error.ts';

export interface MetricsAccess {
  /** Bearer token that opens /metrics to other hosts; unset keeps it loopback-only. */
  token?: string;
  /** Whether a client address is this machine; tests inject a stand-in for a remote host. */
  isLocalAddress?: (address: string | undefined) => boolean;
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  if (address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

function isLocalRequest(req: Request, isLocalAddress: (address: string | undefined) => boolean): boolean {
  if (PROXY_HEADERS.some((h) => req.headers[h] !== undefined)) return false;
  return isLocalAddress(req.socket.remoteAddress);
}

// Hashing first gives both sides one length, so timingSafeEqual never leaks the token's length.
const digest = (value: string) => createHash('sha256').update(value).digest();

function hasToken(req: Request, token: string): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), digest(token));
}

export function metricsRoute(metrics: ServerMetrics, access: MetricsAccess = {}): RequestHandler {
  const isLocalAddress = access.isLocalAddress ?? isLoopbackAddress;
  return async (req, res) => {
    if (!isLocalRequest(req, isLocalAddress)) {
      if (!access.token) throw new HttpError('FORBIDDEN', 'Metrics are served to this machine only (set METRICS_TOKEN to allow others)');
      if (!hasToken(req, access.token)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        throw new HttpError('UNAUTHORIZED', 'Metrics need Authorization: Bearer <METRICS_TOKEN>');
      }
    }
    const body = await metrics.render();
    res.setHeader('Content-Type', metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  };
}
