import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_BODY_LIMIT_BYTES, Routes } from '@inkwell/protocol';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { AuthService } from '../auth/auth-service.ts';
import type { CommentsService } from '../documents/comments-service.ts';
import type { ContentService } from '../documents/content/content-service.ts';
import type { DocumentsService } from '../documents/documents-service.ts';
import type { ImagesService } from '../documents/images-service.ts';
import type { StreamRegistry } from '../events/stream-registry.ts';
import type { UserEventLog } from '../events/user-event-log.ts';
import type { Logger } from '../logger.ts';
import type { ServerMetrics } from '../metrics/metrics.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import { accountRouter } from './account-routes.ts';
import { authRouter } from './auth-routes.ts';
import { contentRouter, isMarkdownImport, readsOwnBody } from './content-routes.ts';
import { docsRouter } from './docs-routes.ts';
import { endStreamsOnLogout, eventsRouter } from './events-routes.ts';
import { errorHandler, HttpError, notFound } from './http-error.ts';
import { imagesRouter, isImageUpload } from './images-routes.ts';
import { type MetricsAccess, metricsRoute } from './metrics-route.ts';
import { notificationsRouter } from './notifications-routes.ts';
import { rejectForeignOrigins, requireUser } from './request-auth.ts';
import { requestLog, requestLogger } from './request-log.ts';
import { searchRouter } from './search-routes.ts';
import { trashRouter } from './trash-routes.ts';

export interface AppOptions {
  registry: RoomRegistry;
  documents: DocumentsService;
  comments: CommentsService;
  /** Export, import and the content API. */
  content: ContentService;
  /** Images uploaded into documents (API.md §8). */
  images: ImagesService;
  logger: Logger;
  auth: AuthService;
  /** Origins allowed to change state (known once the server listens). */
  origins: () => Set<string>;
  secureCookies: boolean;
  webRoot?: string;
  /** The SSE stream and notifications. */
  events: {
    streams: StreamRegistry;
    eventLog: UserEventLog;
    notifications: NotificationService;
    /** A stream's client letting more than this queue up unsent is dropped. */
    maxBufferedBytes: number;
  };
  /** Serves GET /metrics and records HTTP request timings when given. */
  metrics?: ServerMetrics;
  metricsAccess?: MetricsAccess;
}

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  next();
};

// A body that is not JSON would otherwise reach the handlers as `undefined` and be taken
// for an empty request. The exceptions are a Markdown import (text/markdown) and an image
// upload (the image's bytes).
const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json') && !isMarkdownImport(req) && !isImageUpload(req)) {
    return next(new HttpError('UNSUPPORTED_MEDIA_TYPE', 'Request body must be application/json'));
  }
  next();
};

export function createApp(opts: AppOptions): Express {
  const { registry, documents, comments, logger, auth, origins, secureCookies, webRoot, events, metrics } = opts;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLog(logger.child({ component: 'http' }), metrics?.http));
  app.use(securityHeaders);

  app.get(Routes.healthz, (_req, res) => {
    res.json({ ok: true });
  });
  // Before the SPA fallback, which would answer a browser's GET /metrics with the app.
  if (metrics) app.get(Routes.metrics, metricsRoute(metrics, opts.metricsAccess));

  const api = express.Router();
  // Origin first: a cross-site request is refused before its body is read.
  api.use(rejectForeignOrigins(origins));
  const jsonBody = express.json({ limit: JSON_BODY_LIMIT_BYTES });
  // Import and content writes take more than the JSON limit and read their bodies themselves.
  api.use(requireJsonBody, (req, res, next) => (readsOwnBody(req) || isImageUpload(req) ? next() : jsonBody(req, res, next)));
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.post('/auth/logout', endStreamsOnLogout(events.streams));
  api.use(authRouter({ auth, registry, secureCookies }));
  api.use(
    Routes.me.slice('/api'.length),
    requireUser(auth, secureCookies),
    accountRouter({ auth, registry, streams: events.streams, eventLog: events.eventLog, logger }),
  );
  // Content first: POST /docs/import is not a document id.
  api.use(
    '/docs',
    requireUser(auth, secureCookies),
    contentRouter(documents, opts.content),
    imagesRouter(documents, opts.images),
    docsRouter(documents, comments),
  );
  api.use('/search', requireUser(auth, secureCookies), searchRouter(documents));
  api.use('/trash', requireUser(auth, secureCookies), trashRouter(documents));
  api.use('/events', requireUser(auth, secureCookies), eventsRouter({ ...events, logger }));
  api.use('/notifications', requireUser(auth, secureCookies), notificationsRouter(events.notifications));
  api.use(notFound());
  app.use('/api', api);

  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    // Vite puts content-hashed files under /assets: they never change, cache them for good.
    app.use('/assets', express.static(join(webRoot, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
    app.use(express.static(webRoot, { index: false, maxAge: '1h' }));
    // SPA fallback: any other GET that wants HTML gets the app, which routes on the client.
    app.get('/{*splat}', (req, res, next) => {
      if (!req.accepts('html') || req.path.startsWith('/ws/')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(webRoot, 'index.html'));
    });
  } else if (webRoot) {
    logger.warn('web app not built; serving the API only', { webRoot });
  }

  app.use(notFound());
  // Errors are logged with the id of the request that raised them.
  app.use(((err, req, res, next) => errorHandler(requestLogger(res, logger))(err, req, res, next)) satisfies ErrorRequestHandler);
  return app;
}
