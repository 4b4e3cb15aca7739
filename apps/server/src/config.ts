import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import {
  DEFAULT_MAX_PAYLOAD_BYTES,
  DEFAULT_TRASH_RETENTION_DAYS,
  SSE_HEARTBEAT_MS,
  SSE_LOG_MAX_AGE_MS,
  SSE_LOG_MAX_EVENTS,
} from '@inkwell/protocol';
import { isLogLevel, LOG_LEVELS, type LogLevel } from './logger.ts';
import type { MentionBudget } from './notifications/notification-budget.ts';
import { DEFAULT_COMPACT_AFTER_UPDATES } from './rooms/room-registry.ts';
import type { EventRetention } from './storage/event-store.ts';
import type { SqliteSynchronous } from './storage/sqlite-storage.ts';
import type { RateLimits } from './util/token-bucket.ts';

export interface ServerConfig {
  host: string;
  /** 0 picks a free port; the real one is returned by listen(). */
  port: number;
  /** Directory holding inkwell.db (created when missing). */
  dataDir: string;
  /** Origin the browser app is served from; defaults to http://HOST:PORT. */
  publicUrl?: string;
  logLevel: LogLevel;
  /** Built web app to serve with an SPA fallback; undefined serves the API only. */
  webRoot?: string;
  /** Largest WebSocket frame accepted; bigger frames close the socket with 1009. */
  maxPayloadBytes: number;
  /** SQLite `synchronous`: NORMAL survives process crashes, FULL also power loss. */
  sqliteSynchronous?: SqliteSynchronous;
  /** Limits and intervals; anything left out takes its default (resolveTuning). */
  tuning?: Partial<ServerTuning>;
  /** Bearer token that opens GET /metrics to other hosts (loopback never needs it). */
  metricsToken?: string;
  /** DATABASE_URL: store everything in this PostgreSQL database instead of SQLite (API.md §9). */
  databaseUrl?: string;
  /** DATABASE_POOL_SIZE: connections the PostgreSQL pool may open (default 10). */
  databasePoolSize?: number;
  /** REDIS_URL: joins the instances that share it (API.md §9, cluster/redis-bus.ts). */
  redisUrl?: string;
}

/**
 * Every limit, interval and budget the server runs with, in one place. Operators set a few of
 * them through the environment (configFromEnv); tests shorten others.
 */
export interface ServerTuning {
  /**
   * Document sockets: ping interval; a socket that has not answered the last ping is dropped
   * (so a dead peer goes within two intervals, and its caret with it).
   */
  heartbeatMs: number;
  /** Per-connection budget; past it the socket is no longer read until the budget refills. */
  rateLimits: RateLimits;
  /** A connection over its budget this long without a break is closed with 1013. */
  maxThrottledMs: number;
  /** Unsent bytes a client may let queue before it is dropped with 1013. */
  maxBufferedBytes: number;
  /** A connection asked to close for back-pressure gets this long to take its close frame. */
  slowClientGraceMs: number;
  /** Frames that may wait while the room loads; past this the socket is not read until it has. */
  maxFramesWhileLoading: number;
  /** Stored updates after a snapshot that trigger a compaction. */
  compactAfterUpdates: number;
  /** Group commits at most this often (ms); 0: one per event-loop turn (rooms/group-commit.ts). */
  commitIntervalMs: number;
  /** SQLite: checkpoint the WAL from a worker thread this often (ms). */
  checkpointIntervalMs: number;
  /**
   * Slowloris guards: a request (an upgrade request too) whose headers are not complete after
   * httpHeadersTimeoutMs, or which is not complete after httpRequestTimeoutMs, is dropped;
   * Node checks every httpCheckIntervalMs. Upgraded sockets are not affected.
   */
  httpHeadersTimeoutMs: number;
  httpRequestTimeoutMs: number;
  httpCheckIntervalMs: number;
  /** SSE: `: ping` interval. */
  sseHeartbeatMs: number;
  /** SSE: streams one user may hold open; past it the oldest is ended. */
  sseMaxStreamsPerUser: number;
  /** SSE: unsent bytes past which a stream's client is dropped. */
  sseMaxBufferedBytes: number;
  /** SSE: how much of each user's event log is kept. */
  sseRetention: EventRetention;
  /** Mention notifications (in the text and in comments) one author may cause one recipient. */
  mentionBudget: MentionBudget;
  /** An `auto` version of a document being edited at most this often (ms), if it changed. */
  autoVersionMs: number;
  /** Days a trashed document is kept before the automatic purge (fractions allowed, for tests). */
  trashRetentionDays: number;
  /** How often the automatic purge looks for expired documents in the trash. */
  trashPurgeIntervalMs: number;
  /**
   * Import, export and content API conversions run in worker threads (conversion-pool.ts):
   * at most this many, started when needed and stopped after conversionIdleMs without work.
   */
  conversionWorkers: number;
  /** Conversions that may wait for a worker; past it a request is refused with 503. */
  conversionQueue: number;
  /** A conversion running longer is stopped (503) and its worker replaced. */
  conversionTimeoutMs: number;
  conversionIdleMs: number;
  /** Heap of each worker; a conversion that needs more fails alone (500). */
  conversionMaxHeapMb: number;
}

/** AUTO_VERSION_MS when the environment does not say: 10 minutes. */
export const DEFAULT_AUTO_VERSION_MS = 600_000;

/** DATABASE_POOL_SIZE when the environment does not say. */
export const DEFAULT_DATABASE_POOL_SIZE = 10;

/** A shorter METRICS_TOKEN is refused: it is the only lock on /metrics from other hosts. */
export const MIN_METRICS_TOKEN_LENGTH = 16;

/** A slow reader may let twice the largest frame queue up before it is dropped. */
export const defaultMaxBufferedBytes = (maxPayloadBytes: number): number => 2 * maxPayloadBytes;

export function defaultRateLimits(maxPayloadBytes: number): RateLimits {
  return {
    // A stock client sends one frame per edit: 5,000 edits in a loop must get through within
    // the 10 s a connection may stay over budget (2,000 at once, then 1,000/s).
    messagesPerSecond: 1000,
    messageBurst: 2000,
    bytesPerSecond: 4 * 1024 * 1024,
    // A client may always send at least two of the largest frames back to back.
    byteBurst: Math.max(2 * maxPayloadBytes, 8 * 1024 * 1024),
  };
}

/** The tuning a server runs with: `config.tuning` over the defaults. */
export function resolveTuning(config: Pick<ServerConfig, 'maxPayloadBytes' | 'tuning'>): ServerTuning {
  return {
    heartbeatMs: 25_000,
    rateLimits: defaultRateLimits(config.maxPayloadBytes),
    maxThrottledMs: 10_000,
    maxBufferedBytes: defaultMaxBufferedBytes(config.maxPayloadBytes),
    slowClientGraceMs: 2000,
    maxFramesWhileLoading: 1000,
    compactAfterUpdates: DEFAULT_COMPACT_AFTER_UPDATES,
    commitIntervalMs: 0,
    checkpointIntervalMs: 1000,
    // Stalled handshakes go within 12 s (10 s, checked every 2 s).
    httpHeadersTimeoutMs: 10_000,
    httpRequestTimeoutMs: 60_000,
    httpCheckIntervalMs: 2_000,
    sseHeartbeatMs: SSE_HEARTBEAT_MS,
    sseMaxStreamsPerUser: 8,
    sseMaxBufferedBytes: 256 * 1024,
    sseRetention: { maxAgeMs: SSE_LOG_MAX_AGE_MS, maxEvents: SSE_LOG_MAX_EVENTS },
    mentionBudget: { burst: 10, perMinute: 10 },
    autoVersionMs: DEFAULT_AUTO_VERSION_MS,
    trashRetentionDays: DEFAULT_TRASH_RETENTION_DAYS,
    trashPurgeIntervalMs: 3_600_000,
    // One worker below four cores: two would leave the main thread a core's share at best.
    conversionWorkers: availableParallelism() >= 4 ? 2 : 1,
    conversionQueue: 4,
    // A 5 MB import is about 4 s of CPU (docs/performance.md); a busy machine makes it slower.
    conversionTimeoutMs: 30_000,
    conversionIdleMs: 30_000,
    conversionMaxHeapMb: 2048,
    ...definedOnly(config.tuning ?? {}),
  };
}

/** Drops keys set to undefined, so that they do not hide a default in a spread. */
function definedOnly<T extends object>(partial: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export class ConfigError extends Error {}

function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

/** Turns environment variables (API.md §1) into a config; throws ConfigError on bad values. */
export function configFromEnv(env: NodeJS.ProcessEnv, defaults: { webRoot?: string } = {}): ServerConfig {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!isLogLevel(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const publicUrl = env.PUBLIC_URL || undefined;
  if (publicUrl !== undefined && !URL.canParse(publicUrl)) {
    throw new ConfigError(`PUBLIC_URL must be an absolute URL, got "${publicUrl}"`);
  }
  const maxPayloadBytes = intSetting(env, 'MAX_PAYLOAD_BYTES', DEFAULT_MAX_PAYLOAD_BYTES, 1024, 1024 ** 3);
  const rates = defaultRateLimits(maxPayloadBytes);
  const synchronous = (env.SQLITE_SYNCHRONOUS || 'NORMAL').toUpperCase();
  if (synchronous !== 'NORMAL' && synchronous !== 'FULL') {
    throw new ConfigError(`SQLITE_SYNCHRONOUS must be NORMAL or FULL, got "${env.SQLITE_SYNCHRONOUS}"`);
  }
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && (metricsToken.length < MIN_METRICS_TOKEN_LENGTH || /\s/.test(metricsToken))) {
    throw new ConfigError(`METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters without spaces`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:$/.test(URL.canParse(databaseUrl) ? new URL(databaseUrl).protocol : '')) {
    // Not echoed: the URL may hold a password.
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl !== undefined && !/^rediss?:$/.test(URL.canParse(redisUrl) ? new URL(redisUrl).protocol : '')) {
    // Not echoed: the URL may hold a password.
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL');
  }
  if (redisUrl !== undefined && databaseUrl === undefined) {
    // Instances share their documents through PostgreSQL; each SQLite file is one instance's own.
    throw new ConfigError('REDIS_URL joins instances that share one PostgreSQL database: set DATABASE_URL too');
  }
  return {
    host: env.HOST || '127.0.0.1',
    port: intSetting(env, 'PORT', 3000, 0, 65535),
    dataDir: resolve(env.DATA_DIR || './data'),
    publicUrl,
    logLevel,
    webRoot: env.WEB_ROOT ? resolve(env.WEB_ROOT) : defaults.webRoot,
    maxPayloadBytes,
    sqliteSynchronous: synchronous,
    tuning: {
      rateLimits: {
        ...rates,
        messagesPerSecond: intSetting(env, 'RATE_LIMIT_MESSAGES', rates.messagesPerSecond, 1, 1e6),
        bytesPerSecond: intSetting(env, 'RATE_LIMIT_BYTES', rates.bytesPerSecond, 1024, 1024 ** 3),
      },
      maxBufferedBytes: intSetting(env, 'MAX_BUFFERED_BYTES', defaultMaxBufferedBytes(maxPayloadBytes), 64 * 1024, 4 * 1024 ** 3),
      compactAfterUpdates: intSetting(env, 'COMPACT_AFTER_UPDATES', DEFAULT_COMPACT_AFTER_UPDATES, 1, 1e9),
      // Every update waits up to this long before it is stored and relayed: a few ms at most.
      commitIntervalMs: intSetting(env, 'COMMIT_INTERVAL_MS', 0, 0, 20),
      // Never above SSE_HEARTBEAT_MS (15 s, the protocol's promise); lower for tests and proxies.
      sseHeartbeatMs: intSetting(env, 'SSE_HEARTBEAT_MS', SSE_HEARTBEAT_MS, 100, SSE_HEARTBEAT_MS),
      // At least a second: every version is a full copy of the document.
      autoVersionMs: intSetting(env, 'AUTO_VERSION_MS', DEFAULT_AUTO_VERSION_MS, 1000, 7 * 86_400_000),
      // At least a day: a 0 would purge what someone deleted a minute ago.
      trashRetentionDays: intSetting(env, 'TRASH_RETENTION_DAYS', DEFAULT_TRASH_RETENTION_DAYS, 1, 36_500),
    },
    metricsToken,
    databaseUrl,
    databasePoolSize: intSetting(env, 'DATABASE_POOL_SIZE', DEFAULT_DATABASE_POOL_SIZE, 1, 1000),
    redisUrl,
  };
}
