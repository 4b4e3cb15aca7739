// Shared set-up for integration tests: the real server in-process on port 0 with a real
// SQLite file in a temporary directory, and stock y-websocket clients.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_PAYLOAD_BYTES, type Doc } from '@inkwell/protocol';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ServerConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { createServer, type InkwellServer, type ServerDeps } from '../../src/server.ts';
import { type SpawnedServer, spawnServer } from './spawn-server.ts';

export interface Running {
  server: InkwellServer;
  url: string;
  wsBase: string;
  dataDir: string;
  port: number;
}

type Cleanup = () => unknown;
const cleanups: Cleanup[] = [];

/**
 * The default signed-in user of a test: created by the first createDoc (or signUp) and sent
 * with every api(), connect() and rawSocket() call unless another cookie is given. Sessions
 * live in the database, so the cookie keeps working across restarts on the same data dir.
 */
let defaultCookie: string | undefined;
let userCounter = 0;

/** Registers work for `cleanup()`; call `cleanup` from afterEach. Runs newest first. */
export function defer(fn: Cleanup): void {
  cleanups.push(fn);
}

export async function cleanup(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) await fn();
  defaultCookie = undefined;
}

export interface TestUser {
  cookie: string;
  user: { id: string; email: string; name: string; color: string };
  email: string;
  password: string;
}

/** Registers a fresh account; the first one of a test becomes the default user. */
export async function signUp(base: string, name = `User ${++userCounter}`): Promise<TestUser> {
  const email = `user${Date.now()}-${++userCounter}@example.test`;
  const password = 'correct horse battery';
  const res = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, name }),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  const { user } = (await res.json()) as { user: TestUser['user'] };
  defaultCookie ??= cookie;
  return { cookie, user, email, password };
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inkwell-it-'));
  defer(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function startServer(
  opts: { dataDir?: string; port?: number } & Partial<Omit<ServerConfig, 'dataDir' | 'port'>> & ServerDeps = {},
): Promise<Running> {
  const dataDir = opts.dataDir ?? tempDir();
  const server = createServer(
    {
      host: '127.0.0.1',
      logLevel: 'silent',
      maxPayloadBytes: DEFAULT_MAX_PAYLOAD_BYTES,
      ...opts,
      port: opts.port ?? 0,
      dataDir,
    },
    { logger: silentLogger, ...opts },
  );
  const url = await server.listen();
  defer(() => server.close());
  return { server, url, wsBase: `${url.replace('http', 'ws')}/ws/doc`, dataDir, port: Number(new URL(url).port) };
}

export async function api<T = unknown>(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; cookie?: string | null } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const headers: Record<string, string> = { ...init.headers };
  const cookie = init.cookie === undefined ? defaultCookie : init.cookie;
  if (cookie) headers.cookie ??= cookie;
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, { method: init.method ?? 'GET', headers, body });
  const text = await res.text();
  const result = { status: res.status, body: (text ? JSON.parse(text) : undefined) as T } as { status: number; body: T; headers: Headers };
  // Not enumerable, so `toEqual({ status, body })` stays an exact comparison.
  Object.defineProperty(result, 'headers', { value: res.headers, enumerable: false });
  return result;
}

/** Creates a document owned by `cookie`'s user (by default the test's default user, made on first use). */
export async function createDoc(base: string, title = 'Test document', cookie?: string): Promise<Doc> {
  if (!cookie && !defaultCookie) await signUp(base);
  const res = await api<Doc>(base, '/api/docs', { method: 'POST', body: { title }, cookie: cookie ?? defaultCookie });
  if (res.status !== 201) throw new Error(`create failed: ${res.status}`);
  return res.body;
}

export interface Client {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  synced: Promise<void>;
  /** Resolves with the close code of the next close of this client's socket. */
  nextClose(): Promise<number>;
  destroy(): void;
}

/** The `ws` WebSocket class with a session cookie (and optionally an Origin) on the upgrade. */
export function webSocketWith(headers: { cookie?: string | undefined; origin?: string }): typeof globalThis.WebSocket {
  const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined));
  class WithHeaders extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: clean });
    }
  }
  return WithHeaders as unknown as typeof globalThis.WebSocket;
}

/**
 * A stock y-websocket client in Node, signed in as `cookie` (default: the test's default
 * user). Text lives in the `text` root, as in the benchmark.
 */
export function connect(wsBase: string, docId: string, ydoc = new Y.Doc(), cookie = defaultCookie): Client {
  const provider = new WebsocketProvider(wsBase, docId, ydoc, {
    WebSocketPolyfill: webSocketWith({ cookie }),
    // Node 20 has a global BroadcastChannel: without this, clients in one test process would
    // sync with each other directly and hide what the server does.
    disableBc: true,
    // Let tests see every reconnect quickly.
    maxBackoffTime: 200,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  const client: Client = {
    ydoc,
    provider,
    text: ydoc.getText('text'),
    synced,
    nextClose: () =>
      new Promise((resolve) => {
        const onClose = (event: { code: number } | null) => {
          provider.off('connection-close', onClose);
          resolve(event?.code ?? -1);
        };
        provider.on('connection-close', onClose);
      }),
    destroy: () => {
      provider.destroy();
      ydoc.destroy();
    },
  };
  defer(client.destroy);
  return client;
}

/** Status of a refused WebSocket upgrade (or 101 when it was accepted). */
export function upgradeStatus(
  url: string,
  headers: { cookie?: string | null; origin?: string } = {},
): Promise<{ status: number; body: string }> {
  const cookie = headers.cookie === undefined ? defaultCookie : (headers.cookie ?? undefined);
  const sent = Object.fromEntries(Object.entries({ cookie, origin: headers.origin }).filter(([, v]) => v !== undefined));
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: sent as Record<string, string> });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}

/**
 * A raw socket on a document: for sending frames no stock client would. What the server sends
 * on join (its step 1) can arrive in the same read as the upgrade and is emitted before this
 * resolves: a test must not wait for "any message" after it (durability.test.ts once did).
 */
export async function rawSocket(wsBase: string, docId: string, cookie = defaultCookie): Promise<WebSocket> {
  const ws = new WebSocket(`${wsBase}/${docId}`, cookie ? { headers: { cookie } } : {});
  defer(() => ws.terminate());
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

export function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

const serverDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The server as a real process, for signals and kill -9: `src/main.ts` through tsx, or
 * another entry under apps/server (e.g. test/support/fault-main.ts) with its arguments.
 */
export function startProcess(env: Record<string, string>, entry: string[] = ['src/main.ts']): SpawnedServer {
  const proc = spawnServer({ args: ['--import', 'tsx', ...entry], cwd: serverDir, env });
  defer(() => proc.kill());
  return proc;
}
