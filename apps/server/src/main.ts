// Process entry: read the environment, wire the server, handle signals. Nothing else.
import { fileURLToPath } from 'node:url';
import { ConfigError, configFromEnv } from './config.ts';
import { createLogger } from './logger.ts';
import { createServer } from './server.ts';

/** Past this, a shutdown that has not finished exits anyway (API.md §1 promises 5 s). */
const SHUTDOWN_DEADLINE_MS = 4_500;

let config;
try {
  // dist/main.js and src/main.ts both sit two levels below apps/, next to apps/web/dist.
  config = configFromEnv(process.env, { webRoot: fileURLToPath(new URL('../../web/dist', import.meta.url)) });
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`inkwell: ${err.message}\n`);
  process.exit(2);
}

const logger = createLogger(config.logLevel);
const server = createServer(config, { logger });

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

try {
  const url = await server.listen();
  process.stdout.write(`listening on ${url}\n`);
} catch (err) {
  process.stderr.write(`inkwell: cannot listen on ${config.host}:${config.port}: ${(err as Error).message}\n`);
  process.exit(1);
}
