import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AuthService } from './auth/auth-service.ts';
import { allowedOrigins } from './auth/origin.ts';
import { defaultMaxBufferedBytes, defaultRateLimits, type ServerConfig } from './config.ts';
import { createApp } from './http/app.ts';
import { createLogger, type Logger } from './logger.ts';
import type { MetricsAccess } from './metrics/metrics-route.ts';
import { createMetrics, type ServerMetrics } from './metrics/metrics.ts';
import { RoomRegistry } from './rooms/room-registry.ts';
import { SqliteStorage } from './storage/sqlite-storage.ts';
import type { Storage } from './storage/storage.ts';
import { attachDocSockets } from './ws/doc-socket.ts';

export interface ServerDeps {
  logger?: Logger;
  /** Defaults to SQLite at DATA_DIR/inkwell.db. */
  storage?: Storage;
  heartbeatMs?: number;
  /** Who counts as local for GET /metrics (tests stand in for a remote host with it). */
  metricsIsLocalAddress?: MetricsAccess['isLocalAddress'];
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
  /** This instance's Prometheus series (its own registry; GET /metrics renders it). */
  readonly metrics: ServerMetrics;
}

export const DB_FILE_NAME = 'inkwell.db';

export function createServer(config: ServerConfig, deps: ServerDeps = {}): InkwellServer {
  const logger = deps.logger ?? createLogger(config.logLevel);
  // One registry per instance: tests run several servers in one process.
  const metrics = createMetrics();
  const pauseMs = config.faultCompactionPauseMs;
  const storage =
    deps.storage ??
    new SqliteStorage(join(config.dataDir, DB_FILE_NAME), {
      synchronous: config.sqliteSynchronous,
      checkpointIntervalMs: 1000,
      onCheckpointError: (message) => logger.warn('WAL checkpoint failed', { message }),
      insideCompaction: pauseMs
        ? () => {
            logger.warn('fault injection: pausing inside compaction', { pauseMs });
            // Block the whole process mid-transaction so a test can kill it right there.
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);
          }
        : undefined,
    });
  const registry = new RoomRegistry({
    storage,
    logger,
    compactAfterUpdates: config.compactAfterUpdates,
    commitMetrics: metrics.commits,
  });
  const auth = new AuthService(storage);
  let url = '';
  let origins = new Set<string>();
  const secureCookies = config.publicUrl?.startsWith('https:') ?? false;
  const app = createApp({
    storage,
    registry,
    logger,
    auth,
    origins: () => origins,
    secureCookies,
    webRoot: config.webRoot,
    metrics,
    metricsAccess: { token: config.metricsToken, isLocalAddress: deps.metricsIsLocalAddress },
  });
  const http = createHttpServer(app);
  // Slowloris guard for plain HTTP; upgraded sockets are not affected.
  http.headersTimeout = 20_000;
  http.requestTimeout = 60_000;
  const sockets = attachDocSockets(http, {
    registry,
    storage,
    auth,
    origins: () => origins,
    logger,
    maxPayloadBytes: config.maxPayloadBytes,
    heartbeatMs: deps.heartbeatMs ?? 30_000,
    rateLimits: config.rateLimits ?? defaultRateLimits(config.maxPayloadBytes),
    maxBufferedBytes: config.maxBufferedBytes ?? defaultMaxBufferedBytes(config.maxPayloadBytes),
    metrics: metrics.sockets,
  });
  metrics.setConnectionsSource(() => sockets.connections);
  metrics.setRoomsSource(() => registry.openRooms);

  let closing: Promise<void> | undefined;

  return {
    http,
    registry,
    storage,
    metrics,
    get url() {
      return url;
    },
    get connections() {
      return sockets.connections;
    },
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => {
          http.off('error', reject);
          const { port } = http.address() as AddressInfo;
          const host = config.host.includes(':') ? `[${config.host}]` : config.host;
          url = `http://${host}:${port}`;
          origins = allowedOrigins(config.publicUrl, url);
          resolve(url);
        });
      }),
    close: () =>
      (closing ??= (async () => {
        sockets.stopAccepting();
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        await registry.shutdown();
        http.closeAllConnections();
        await stopped;
        await storage.close();
        metrics.stop();
      })()),
  };
}
