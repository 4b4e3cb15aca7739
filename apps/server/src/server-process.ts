// A server as the whole process: read the environment, wire the server, handle signals, print
// "listening on URL". main.ts runs it as is; a test entry may hand it collaborators of its own.
import { RedisUnreachableError } from './cluster/redis-bus.ts';
import { ConfigError, configFromEnv, type ServerConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { warmUpYjs } from './rooms/yjs-warm-up.ts';
import { createServer, openStorage, type ServerDeps } from './server.ts';
import { PgOpenError } from './storage/pg/pg-storage.ts';

/** Past this, a shutdown that has not finished exits anyway (API.md §1 promises 5 s). */
const SHUTDOWN_DEADLINE_MS = 4_500;

export interface ServerProcessOptions {
  /** The built web app, unless WEB_ROOT names another. */
  webRoot?: string;
  /** Collaborators made from the config, e.g. a storage with a test hook. */
  deps?: (config: ServerConfig, logger: Logger) => Omit<ServerDeps, 'logger'>;
}

export async function runServerProcess(opts: ServerProcessOptions = {}): Promise<void> {
  let config: ServerConfig;
  try {
    config = configFromEnv(process.env, { webRoot: opts.webRoot });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`inkwell: ${err.message}\n`);
    process.exit(2);
  }

  const logger = createLogger(config.logLevel);
  const deps = opts.deps?.(config, logger) ?? {};
  let storage = deps.storage;
  try {
    storage ??= await openStorage(config, logger);
  } catch (err) {
    // Unreachable or refusing database: one line, no stack (the message names host and reason).
    if (!(err instanceof PgOpenError)) throw err;
    process.stderr.write(`inkwell: ${err.message}\n`);
    process.exit(1);
  }
  const server = createServer(config, { ...deps, storage, logger });

  process.on('uncaughtException', (err) => {
    logger.error('uncaught exception', { err });
    process.exitCode = 1;
    void shutdown('uncaughtException');
  });
  process.on('unhandledRejection', (err) => {
    logger.error('unhandled rejection', { err });
  });

  let shuttingDown = false;
  async function shutdown(signal: string): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info('shutting down', { signal });
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    try {
      await server.close();
      logger.info('stopped');
    } catch (err) {
      logger.error('shutdown failed', { err });
      process.exitCode = 1;
    }
    process.exit();
  }

  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  // Compiled before anyone is served: the first compaction and load after a start would
  // otherwise stall every room of the instance while V8 compiles Yjs (rooms/yjs-warm-up.ts).
  logger.debug('yjs warmed up', { ms: Math.round(warmUpYjs()) });
  try {
    const url = await server.listen();
    process.stdout.write(`listening on ${url}\n`);
  } catch (err) {
    if (err instanceof RedisUnreachableError) process.stderr.write(`inkwell: ${err.message}\n`);
    else process.stderr.write(`inkwell: cannot listen on ${config.host}:${config.port}: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
