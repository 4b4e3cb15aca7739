// The tuning a server runs with: defaults, what the environment sets, what a test overrides.
import { DEFAULT_MAX_PAYLOAD_BYTES, SSE_HEARTBEAT_MS } from '@inkwell/protocol';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, defaultRateLimits, resolveTuning } from '../src/config.ts';

describe('tuning', () => {
  it('derives the socket budgets from the largest frame when nothing is set', () => {
    const tuning = resolveTuning({ maxPayloadBytes: 64 * 1024 * 1024 });
    expect(tuning.rateLimits).toEqual(defaultRateLimits(64 * 1024 * 1024));
    expect(tuning.rateLimits.byteBurst).toBe(128 * 1024 * 1024);
    expect(tuning.maxBufferedBytes).toBe(128 * 1024 * 1024);
    expect(tuning).toMatchObject({
      heartbeatMs: 25_000,
      maxThrottledMs: 10_000,
      httpHeadersTimeoutMs: 10_000,
      compactAfterUpdates: 1000,
      sseHeartbeatMs: SSE_HEARTBEAT_MS,
      sseMaxStreamsPerUser: 8,
    });
  });

  it('takes what is set over the defaults, and ignores fields set to undefined', () => {
    const tuning = resolveTuning({ maxPayloadBytes: DEFAULT_MAX_PAYLOAD_BYTES, tuning: { sseHeartbeatMs: 40, heartbeatMs: undefined } });
    expect(tuning.sseHeartbeatMs).toBe(40);
    expect(tuning.heartbeatMs).toBe(25_000);
  });

  it('reads the environment into the tuning section', () => {
    const config = configFromEnv({ COMPACT_AFTER_UPDATES: '10', SSE_HEARTBEAT_MS: '500', RATE_LIMIT_MESSAGES: '7' });
    const tuning = resolveTuning(config);
    expect(tuning).toMatchObject({ compactAfterUpdates: 10, sseHeartbeatMs: 500 });
    expect(tuning.rateLimits.messagesPerSecond).toBe(7);
    expect(tuning.maxBufferedBytes).toBe(2 * DEFAULT_MAX_PAYLOAD_BYTES);
  });

  it('reads COMMIT_INTERVAL_MS (off unless set) and refuses more than 20 ms', () => {
    expect(resolveTuning(configFromEnv({})).commitIntervalMs).toBe(0);
    expect(resolveTuning(configFromEnv({ COMMIT_INTERVAL_MS: '2' })).commitIntervalMs).toBe(2);
    for (const env of [{ COMMIT_INTERVAL_MS: '21' }, { COMMIT_INTERVAL_MS: '-1' }, { COMMIT_INTERVAL_MS: 'fast' }]) {
      expect(() => configFromEnv(env)).toThrow(ConfigError);
    }
  });

  it('reads AUTO_VERSION_MS and TRASH_RETENTION_DAYS, with their defaults, and refuses values out of range', () => {
    expect(resolveTuning(configFromEnv({}))).toMatchObject({
      autoVersionMs: 600_000,
      trashRetentionDays: 30,
      trashPurgeIntervalMs: 3_600_000,
    });
    expect(resolveTuning(configFromEnv({ AUTO_VERSION_MS: '60000', TRASH_RETENTION_DAYS: '7' }))).toMatchObject({
      autoVersionMs: 60_000,
      trashRetentionDays: 7,
    });
    for (const env of [
      { AUTO_VERSION_MS: '10' },
      { AUTO_VERSION_MS: 'soon' },
      { TRASH_RETENTION_DAYS: '0' },
      { TRASH_RETENTION_DAYS: '1.5' },
    ]) {
      expect(() => configFromEnv(env)).toThrow(ConfigError);
    }
  });

  it('reads REDIS_URL only beside DATABASE_URL, and never echoes either (they may hold passwords)', () => {
    const pg = 'postgres://inkwell:secret@db:5432/inkwell';
    expect(configFromEnv({ DATABASE_URL: pg, REDIS_URL: 'redis://:pw@cache:6379' }).redisUrl).toBe('redis://:pw@cache:6379');
    expect(configFromEnv({}).redisUrl).toBeUndefined();
    expect(() => configFromEnv({ REDIS_URL: 'redis://cache:6379' })).toThrow(/set DATABASE_URL too/);
    for (const bad of ['http://:pw@cache:6379', 'not a url :pw']) {
      expect(() => configFromEnv({ DATABASE_URL: pg, REDIS_URL: bad })).toThrow(ConfigError);
      expect(() => configFromEnv({ DATABASE_URL: pg, REDIS_URL: bad })).not.toThrow(/pw/);
    }
  });
});
