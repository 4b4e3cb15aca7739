// What the cluster tests share (API.md §9): a fresh PostgreSQL database per test, dropped
// when the test ends, and the local Redis.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { createTestDatabase } from '../storage/pg-harness.ts';
import { defer, tempDir } from './helpers.ts';

export const TEST_REDIS_URL = process.env.INKWELL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface ClusterBackend {
  /** The environment every instance of one test gets. */
  env: Record<string, string>;
}

export async function clusterBackend(opts: { redisUrl?: string } = {}): Promise<ClusterBackend & { databaseUrl: string }> {
  const db = await createTestDatabase();
  // Deferred first, so it runs last: after every instance of the test has stopped.
  defer(() => db.drop());
  // DATA_DIR stays private per test: with DATABASE_URL nothing is written there.
  return {
    databaseUrl: db.url,
    env: { REDIS_URL: opts.redisUrl ?? TEST_REDIS_URL, DATABASE_URL: db.url, DATA_DIR: tempDir() },
  };
}

/**
 * A Redis of the test's own on a free port (the machine's stays untouched), which the test
 * can stop and start again on the same port: a Redis outage while instances edit.
 */
export async function privateRedis(): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void> }> {
  const port = await freePort();
  let proc: ChildProcess | undefined;
  const start = async () => {
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    // Ready once it answers.
    for (let i = 0; ; i++) {
      if (await answers(port)) return;
      if (i > 100) throw new Error(`redis-server on port ${port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    if (!proc || proc.exitCode !== null) return;
    const exited = once(proc, 'exit');
    proc.kill('SIGKILL');
    await exited;
  };
  await start();
  defer(stop);
  return { url: `redis://127.0.0.1:${port}`, stop, start };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.write('PING\r\n');
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A TCP forwarder in front of PostgreSQL that the test can cut (every connection dropped, new
 * ones refused) and restore: the database going away under a running instance.
 */
export async function cuttablePostgres(target: string): Promise<{ url: string; cut(): void; restore(): void }> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let down = false;
  const server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const db = connect(Number(upstream.port || 5432), upstream.hostname);
    for (const s of [client, db]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        db.destroy();
      });
    }
    client.pipe(db).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  defer(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as AddressInfo).port);
  return {
    url: url.toString(),
    cut: () => {
      down = true;
      for (const s of sockets) s.destroy();
    },
    restore: () => {
      down = false;
    },
  };
}
