import { resolve } from 'node:path';
import { DEFAULT_MAX_PAYLOAD_BYTES } from '@inkwell/protocol';
import { isLogLevel, LOG_LEVELS, type LogLevel } from './logger.ts';

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
  return {
    host: env.HOST || '127.0.0.1',
    port: intSetting(env, 'PORT', 3000, 0, 65535),
    dataDir: resolve(env.DATA_DIR || './data'),
    publicUrl,
    logLevel,
    webRoot: env.WEB_ROOT ? resolve(env.WEB_ROOT) : defaults.webRoot,
    maxPayloadBytes: intSetting(env, 'MAX_PAYLOAD_BYTES', DEFAULT_MAX_PAYLOAD_BYTES, 1024, 1024 ** 3),
  };
}
