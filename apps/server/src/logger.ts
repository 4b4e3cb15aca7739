// Structured logs: one JSON object per line, written by pino. The rest of the server sees
// only the small Logger interface below; the logger is injected everywhere (no module
// state), so tests can silence or capture it.
import { type DestinationStream, pino, stdSerializers, stdTimeFunctions } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as string[]).includes(value);
}

function wrap(p: pino.Logger): Logger {
  // pino takes (mergeObject, msg); an absent object costs nothing on disabled levels.
  return {
    debug: (msg, fields) => p.debug(fields ?? {}, msg),
    info: (msg, fields) => p.info(fields ?? {}, msg),
    warn: (msg, fields) => p.warn(fields ?? {}, msg),
    error: (msg, fields) => p.error(fields ?? {}, msg),
    child: (fields) => wrap(p.child(fields)),
  };
}

/**
 * `write` receives each line (with its newline); by default lines go to stdout,
 * synchronously, so nothing is lost when the process exits right after logging.
 * Lines look like {"level":"info","time":"2026-…Z","msg":"…",…fields}.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void, base: LogFields = {}): Logger {
  const destination: DestinationStream = write ? { write } : pino.destination({ dest: 1, sync: true });
  const p = pino(
    {
      level,
      base,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Errors anywhere under `err` keep their message and stack (and cause) in the line.
      serializers: { err: stdSerializers.err },
    },
    destination,
  );
  return wrap(p);
}

export const silentLogger: Logger = createLogger('silent', () => {});
