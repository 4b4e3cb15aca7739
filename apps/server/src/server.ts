import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AuthService } from './auth/auth-service.ts';
import { allowedOrigins } from './auth/origin.ts';
import type { Bus } from './cluster/bus.ts';
import { RedisBus } from './cluster/redis-bus.ts';
import { DEFAULT_DATABASE_POOL_SIZE, resolveTuning, type ServerConfig, type ServerTuning } from './config.ts';
import { CommentsService } from './documents/comments-service.ts';
import { ContentService } from './documents/content/content-service.ts';
import { ConversionPool, conversionWorkerEntry, type WorkerEntry } from './documents/content/conversion-pool.ts';
import { DocEvents } from './documents/doc-events.ts';
import { DocumentsService } from './documents/documents-service.ts';
import { ImagesService } from './documents/images-service.ts';
import { LastEditors } from './documents/last-editors.ts';
import { SearchIndexer } from './documents/search-indexer.ts';
import { StreamRegistry } from './events/stream-registry.ts';
import { UserEventLog } from './events/user-event-log.ts';
import { createApp } from './http/app.ts';
import type { MetricsAccess } from './http/metrics-route.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type ServerMetrics } from './metrics/metrics.ts';
import { CommentNotifier } from './notifications/comment-notifier.ts';
import { MentionNotifier } from './notifications/mention-notifier.ts';
import { NotificationBudget } from './notifications/notification-budget.ts';
import { NotificationService } from './notifications/notification-service.ts';
import { RoomRegistry } from './rooms/room-registry.ts';
import type { StoredStateReport } from './rooms/stored-state.ts';
import { createRpcHandlers } from './rpc/handlers.ts';
import { describeRow } from './storage/errors.ts';
import { PgStorage } from './storage/pg/pg-storage.ts';
import { SqliteStorage } from './storage/sqlite-storage.ts';
import type { Storage } from './storage/storage.ts';
import { DocSocketServer } from './ws/doc-socket-server.ts';

/** Collaborators a server is given instead of making its own; limits belong in config.tuning. */
export interface ServerDeps {
  logger?: Logger;
  /** Defaults to SQLite at DATA_DIR/inkwell.db (openSqliteStorage). */
  storage?: Storage;
  /** Who counts as local for GET /metrics (tests stand in for a remote host with it). */
  metricsIsLocalAddress?: MetricsAccess['isLocalAddress'];
  /** The conversion worker's script (tests run one that can fail on purpose). */
  conversionWorker?: WorkerEntry;
  /** The bus between instances; a RedisBus when REDIS_URL is set, none otherwise. */
  bus?: Bus & { start?: () => Promise<void> };
}

export interface InkwellServer {
  /** Starts listening; resolves with the real URL (useful with port 0). */
  listen(): Promise<string>;
  /** Stops accepting, stores every open document, closes sockets with 1001, closes storage. */
  close(): Promise<void>;
  readonly http: Server;
  readonly registry: RoomRegistry;
  readonly storage: Storage;
  readonly url: string;
  readonly connections: number;
  /** Open SSE streams (GET /api/events), for metrics. */
  readonly sseStreams: number;
  /** The SSE streams by user: counts, heartbeat, publish (tests). */
  readonly streams: StreamRegistry;
  /** Everything a person can do to a document; the HTTP routes and RPC handlers call it. */
  readonly documents: DocumentsService;
  /** Tells members about document changes (the documents service calls it after each one). */
  readonly docEvents: DocEvents;
  readonly notifications: NotificationService;
  /** This instance's Prometheus series (its own registry; GET /metrics renders it). */
  readonly metrics: ServerMetrics;
  /** The worker threads that convert imports, exports and content API bodies. */
  readonly conversions: ConversionPool;
}

export const DB_FILE_NAME = 'inkwell.db';

/**
 * The server's own storage: SQLite at DATA_DIR/inkwell.db. `insideCompaction` runs inside each
 * compaction transaction (crash tests block the process there).
 */
export function openSqliteStorage(
  config: Pick<ServerConfig, 'dataDir' | 'sqliteSynchronous'>,
  tuning: Pick<ServerTuning, 'checkpointIntervalMs'>,
  logger: Logger,
  hooks: { insideCompaction?: () => void } = {},
): SqliteStorage {
  return new SqliteStorage(join(config.dataDir, DB_FILE_NAME), {
    synchronous: config.sqliteSynchronous,
    checkpointIntervalMs: tuning.checkpointIntervalMs,
    onCheckpointError: (message) => logger.warn('WAL checkpoint failed', { message }),
    insideCompaction: hooks.insideCompaction,
  });
}

/**
 * The storage the config names: PostgreSQL when DATABASE_URL is set (connected and migrated
 * here, so it is async; PgOpenError when the database cannot be reached), else SQLite.
 */
export async function openStorage(config: ServerConfig, logger: Logger): Promise<Storage> {
  if (!config.databaseUrl) return openSqliteStorage(config, resolveTuning(config), logger);
  return PgStorage.open({
    url: config.databaseUrl,
    poolSize: config.databasePoolSize ?? DEFAULT_DATABASE_POOL_SIZE,
    onConnectionError: (err) => logger.warn('PostgreSQL connection lost', { message: err.message }),
  });
}

export function createServer(config: ServerConfig, deps: ServerDeps = {}): InkwellServer {
  const logger = deps.logger ?? createLogger(config.logLevel);
  // One registry per instance: tests run several servers in one process.
  const metrics = createMetrics();
  const tuning = resolveTuning(config);
  const storage = deps.storage ?? openSqliteStorage(config, tuning, logger);
  const streams = new StreamRegistry({ heartbeatMs: tuning.sseHeartbeatMs, maxPerUser: tuning.sseMaxStreamsPerUser });
  // Beside other instances (REDIS_URL): what crosses them, and how this one catches up.
  const bus = deps.bus ?? (config.redisUrl ? new RedisBus({ url: config.redisUrl, logger, metrics: metrics.bus }) : undefined);
  const readEvents = (userId: string, afterId: number) => eventLog.after(userId, afterId);
  const eventLog: UserEventLog = new UserEventLog({
    storage,
    streams,
    retention: tuning.sseRetention,
    deliver: bus
      ? (records) => {
          const userIds = [...new Set(records.map((r) => r.userId))];
          streams.catchUp(userIds, readEvents);
          bus.publishGlobal({ kind: 'userEvents', userIds });
        }
      : undefined,
  });
  const notifications = new NotificationService(storage, eventLog);
  const docEvents = new DocEvents(storage, eventLog, notifications, logger);
  // One budget for mentions in the text and in comments: either way it is one person's bell.
  const mentionBudget = new NotificationBudget(tuning.mentionBudget);
  const mentions = new MentionNotifier(storage, notifications, logger, mentionBudget);
  const commentNotifier = new CommentNotifier(storage, notifications, logger, mentionBudget);
  // Every check of a document's stored state, from a room load or an HTTP read: a damaged
  // one is logged (once per attempt) and counted until a load finds it readable again.
  const storedState: StoredStateReport = {
    damaged: (err) => {
      logger.error('document is damaged: refused to load it', { docId: err.docId, row: describeRow(err.row), reason: err.reason });
      metrics.damagedDocs.damaged(err.docId);
    },
    readable: (docId) => metrics.damagedDocs.readable(docId),
  };
  const conversions = new ConversionPool({
    workers: tuning.conversionWorkers,
    maxQueued: tuning.conversionQueue,
    jobTimeoutMs: tuning.conversionTimeoutMs,
    idleMs: tuning.conversionIdleMs,
    maxHeapMb: tuning.conversionMaxHeapMb,
    entry: deps.conversionWorker ?? conversionWorkerEntry(),
    logger,
  });
  const searchIndex = new SearchIndexer({
    storage,
    rooms: () => registry,
    logger,
    metrics: metrics.searchIndex,
    storedText: (docId, stored) => content.storedText(docId, stored),
  });
  const documents = new DocumentsService({
    storage,
    rooms: () => registry,
    docEvents,
    storedState,
    searchIndex,
    autoVersions: { intervalMs: tuning.autoVersionMs },
    trashRetentionDays: tuning.trashRetentionDays,
    logger,
  });
  const content = new ContentService({ storage, rooms: () => registry, documents, conversions, storedState });
  const lastEditors = new LastEditors({ storage, logger });
  const comments = new CommentsService({ storage, rooms: () => registry, notify: (activity) => commentNotifier.commented(activity) });
  const registry = new RoomRegistry({
    storage,
    logger,
    compactAfterUpdates: tuning.compactAfterUpdates,
    commitIntervalMs: tuning.commitIntervalMs,
    onEdit: (edit) => {
      mentions.handleEdit(edit);
      searchIndex.handleEdit(edit);
      documents.autoVersions.handleEdit(edit);
      lastEditors.handleEdit(edit);
    },
    // The last automatic version of a room is taken before it is stored and dropped.
    onUnload: documents.autoVersions.handleUnload,
    rpcHandlers: createRpcHandlers(documents, comments),
    commitMetrics: metrics.commits,
    storedState,
    onRpc: ({ method, outcome, seconds }) => metrics.rpc.observe(method, outcome, seconds),
    bus,
    onCatchUp: metrics.catchUps,
  });
  bus?.setHandlers({
    doc: (docId, message) => registry.receiveDoc(docId, message),
    global: (message) => {
      if (message.kind === 'userEvents') streams.catchUp(message.userIds, readEvents);
      else {
        registry.receiveGlobal(message);
        if (message.kind === 'closeSession') streams.closeSession(message.sessionId);
      }
    },
    resync: () => {
      void registry.catchUpAll();
      streams.catchUp(streams.userIds, readEvents);
    },
  });
  const auth = new AuthService(storage);
  let url = '';
  let origins = new Set<string>();
  const secureCookies = config.publicUrl?.startsWith('https:') ?? false;
  const app = createApp({
    registry,
    documents,
    comments,
    content,
    images: new ImagesService({ storage }),
    logger,
    auth,
    origins: () => origins,
    secureCookies,
    webRoot: config.webRoot,
    events: {
      streams,
      eventLog,
      notifications,
      maxBufferedBytes: tuning.sseMaxBufferedBytes,
    },
    metrics,
    metricsAccess: { token: config.metricsToken, isLocalAddress: deps.metricsIsLocalAddress },
  });
  // Slowloris guards, for upgrade requests too (their headers are read like any request's);
  // upgraded sockets are not affected.
  const http = createHttpServer(
    {
      headersTimeout: tuning.httpHeadersTimeoutMs,
      requestTimeout: tuning.httpRequestTimeoutMs,
      connectionsCheckingInterval: tuning.httpCheckIntervalMs,
    },
    app,
  );
  const sockets = new DocSocketServer(http, {
    registry,
    storage,
    auth,
    origins: () => origins,
    logger,
    maxPayloadBytes: config.maxPayloadBytes,
    tuning,
    metrics: metrics.sockets,
  });
  metrics.setConnectionsSource(() => sockets.connections);
  metrics.setRoomsSource(() => registry.openRooms);
  metrics.setSseStreamsSource(() => streams.size);

  let closing: Promise<void> | undefined;

  return {
    http,
    registry,
    storage,
    streams,
    documents,
    docEvents,
    notifications,
    conversions,
    get sseStreams() {
      return streams.size;
    },
    metrics,
    get url() {
      return url;
    },
    get connections() {
      return sockets.connections;
    },
    listen: async () => {
      // Joined before serving anyone: an instance that cannot reach Redis at start-up refuses
      // to start rather than serve half-joined (later outages are survived, see RedisBus).
      await bus?.start?.();
      return await new Promise<string>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => {
          http.off('error', reject);
          const { port } = http.address() as AddressInfo;
          const host = config.host.includes(':') ? `[${config.host}]` : config.host;
          url = `http://${host}:${port}`;
          origins = allowedOrigins(config.publicUrl, url);
          // Documents stored while no index kept up (older databases, edits pending at the
          // last shutdown) are indexed in the background.
          searchIndex.start();
          // Purges what has been in the trash past its retention, now and every interval.
          documents.trash.start(tuning.trashPurgeIntervalMs);
          resolve(url);
        });
      });
    },
    close: () =>
      (closing ??= (async () => {
        sockets.stopAccepting();
        // SSE responses never finish on their own: end them, or http.close() waits forever.
        streams.closeAll();
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        // Conversions in flight fail with 503 (nothing of theirs was applied); workers stop.
        await conversions.close();
        // No automatic version or purge starts from now on; the rooms' shutdown below still
        // takes the last version of each changed room, before storage closes.
        await documents.autoVersions.close();
        await documents.trash.stop();
        await registry.shutdown();
        // After the rooms' last edits, before storage closes.
        await lastEditors.close();
        // The last edits' mention notifications, and any event still being stored.
        await mentions.idle();
        await eventLog.idle();
        // Pending re-indexes are dropped: the next start-up finds those entries stale.
        await searchIndex.close();
        http.closeAllConnections();
        await stopped;
        await bus?.close();
        await storage.close();
        metrics.stop();
      })()),
  };
}
