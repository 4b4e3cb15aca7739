// The server's Prometheus series (`inkwell_*`). Every server instance owns its own prom-client
// Registry: tests run several servers in one process, and the library's global default
// registry would mix their numbers (and refuse a second registration of the same name).
//
// The rest of the server sees small plain interfaces (CommitMetrics, RpcMetrics, …), not
// prom-client: rooms/ must stay free of it, and a test can pass its own recorder.
//
// Who feeds what: server.ts sets the connection and room sources and hands `commits` to the
// room registry (group commit, write logs) and `sockets` to ws/doc-socket-server.ts; http/app.ts
// records requests. Still to wire where those features live: the RPC dispatcher calls
// `rpc.observe(method, outcome, seconds)` once per answered call, and server.ts calls
// `setSseStreamsSource(() => <open SSE streams>)` once the SSE hub exists.
import { CloseCode, isRpcMethod, type SocketErrorCode, socketErrorCodeSchema } from '@inkwell/protocol';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BusMetrics } from '../cluster/redis-bus.ts';
import type { CommitMetrics } from '../rooms/group-commit.ts';
import { EventLoopLag } from './event-loop-lag.ts';
import { FastHistogram } from './fast-histogram.ts';

/**
 * Seconds; from sub-millisecond commits to stalls long enough to matter to a typist, finest
 * where relay tails live (a p99 of 5 or of 10 ms is the difference that matters there).
 */
const LATENCY_BUCKETS = [0.00025, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export type RpcOutcome = 'ok' | SocketErrorCode;
const SOCKET_ERROR_CODES = new Set<string>(socketErrorCodeSchema.options);

export interface RpcMetrics {
  /**
   * One finished RPC call: `outcome` is 'ok' or the error code sent back. Unknown method
   * names are counted as `unknown`, so a client cannot grow the label set.
   */
  observe(method: string, outcome: RpcOutcome, seconds: number): void;
}

export interface HttpMetrics {
  observe(method: string, route: string, status: number, seconds: number): void;
}

export interface SocketMetrics {
  opened(): void;
  closed(code: number): void;
}

export interface DamagedDocsMetrics {
  /** A load of the document was refused: its stored state is damaged. */
  damaged(docId: string): void;
  /** The document loaded (again): it no longer counts. */
  readable(docId: string): void;
}

export interface SearchIndexMetrics {
  /** One document's search entry written (documents/search-indexer.ts), taking `seconds`. */
  indexed(seconds: number): void;
  /** A document left unindexed: damaged, or its write failed. */
  failed(): void;
}

export interface ServerMetrics {
  readonly registry: Registry;
  readonly commits: CommitMetrics;
  readonly rpc: RpcMetrics;
  readonly http: HttpMetrics;
  readonly sockets: SocketMetrics;
  /** Documents whose last load found their stored state damaged (inkwell_docs_damaged). */
  readonly damagedDocs: DamagedDocsMetrics;
  /** Search index updates; with inkwell_persisted_updates_total, the indexing cost per stored update. */
  readonly searchIndex: SearchIndexMetrics;
  /** The bus between instances (REDIS_URL); nothing moves without one. */
  readonly bus: BusMetrics;
  /** Updates a room read from storage because the bus had not brought them. */
  readonly catchUps: (missed: number) => void;
  /** Open document sockets, read at scrape time. */
  setConnectionsSource(source: () => number): void;
  /** Rooms in memory, read at scrape time. */
  setRoomsSource(source: () => number): void;
  /** Open SSE streams (GET /api/events), read at scrape time. */
  setSseStreamsSource(source: () => number): void;
  /** The Prometheus text exposition. */
  render(): Promise<string>;
  readonly contentType: string;
  /** Stops the event-loop monitor; scrapes still answer. */
  stop(): void;
}

const KNOWN_CLOSE_CODES = new Set<number>([
  1000,
  1001,
  1002,
  1003,
  1005,
  1006,
  1007,
  1008,
  1009,
  1011,
  1012,
  1013,
  ...Object.values(CloseCode),
]);

export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];
  let connections = () => 0;
  let rooms = () => 0;
  let sseStreams = () => 0;

  new Gauge({
    name: 'inkwell_ws_connections',
    help: 'Open document WebSocket connections.',
    registers,
    collect() {
      this.set(connections());
    },
  });
  const wsOpened = new Counter({ name: 'inkwell_ws_connections_opened_total', help: 'Document sockets accepted.', registers });
  const wsClosed = new Counter({
    name: 'inkwell_ws_connections_closed_total',
    help: 'Document sockets closed, by close code (codes outside the protocol count as "other").',
    labelNames: ['code'],
    registers,
  });
  new Gauge({
    name: 'inkwell_rooms_loaded',
    help: 'Documents held in memory (rooms), including ones loading or unloading.',
    registers,
    collect() {
      this.set(rooms());
    },
  });
  // A gauge of documents, not a counter of refusals: clients retry a refused document every
  // few seconds, so a count of refusals measures their patience; this says how many
  // documents need repair now (alert on > 0). Unknown until something tries to load them.
  const damagedDocs = new Set<string>();
  new Gauge({
    name: 'inkwell_docs_damaged',
    help: 'Documents whose last load was refused because their stored state is damaged (pnpm run doctor repairs them).',
    registers,
    collect() {
      this.set(damagedDocs.size);
    },
  });
  new Gauge({
    name: 'inkwell_sse_streams',
    help: 'Open server-sent event streams.',
    registers,
    collect() {
      this.set(sseStreams());
    },
  });

  // Write path: appended -> (group commit) -> stored -> relayed.
  // Per-update numbers are plain fields, read at scrape time: prom-client's inc() costs
  // more than everything else the write path records.
  let updates = 0;
  let updateBytes = 0;
  let persistedUpdates = 0;
  let unpersistedBytes = 0;
  const total = (name: string, help: string, read: () => number) => {
    let reported = 0;
    new Counter({
      name,
      help,
      registers,
      collect() {
        const now = read();
        this.inc(now - reported);
        reported = now;
      },
    });
  };
  total('inkwell_updates_total', 'Document updates accepted into a write log (rate() = updates per second).', () => updates);
  total('inkwell_update_bytes_total', 'Bytes of those updates.', () => updateBytes);
  new Gauge({
    name: 'inkwell_unpersisted_bytes',
    help: 'Bytes of updates applied in memory but not yet committed to storage.',
    registers,
    collect() {
      this.set(unpersistedBytes);
    },
  });
  const persist = new FastHistogram(
    'inkwell_persist_duration_seconds',
    'Duration of one group commit (one storage transaction for every room with pending updates).',
    LATENCY_BUCKETS,
    registry,
  );
  total('inkwell_persisted_updates_total', 'Updates committed to storage.', () => persistedUpdates);
  const persistFailures = new Counter({ name: 'inkwell_persist_failures_total', help: 'Group commits that storage refused.', registers });
  const relay = new FastHistogram(
    'inkwell_relay_latency_seconds',
    'Per update: from entering the write log to the end of the work waiting on its commit (relay to the other connections, acknowledgements).',
    LATENCY_BUCKETS,
    registry,
  );
  const commits: CommitMetrics = {
    appended(bytes) {
      updates += 1;
      updateBytes += bytes;
      unpersistedBytes += bytes;
    },
    committed(seconds, count, bytes) {
      persist.observe(seconds);
      persistedUpdates += count;
      unpersistedBytes -= bytes;
    },
    failed() {
      persistFailures.inc();
    },
    dropped(bytes) {
      unpersistedBytes -= bytes;
    },
    relayed(seconds) {
      relay.observe(seconds);
    },
  };

  const rpcCalls = new Counter({
    name: 'inkwell_rpc_calls_total',
    help: 'RPC calls on document sockets, by method and outcome (ok or error).',
    labelNames: ['method', 'outcome'],
    registers,
  });
  const rpcErrors = new Counter({
    name: 'inkwell_rpc_errors_total',
    help: 'RPC calls answered with an error, by method and error code.',
    labelNames: ['method', 'code'],
    registers,
  });
  const rpcDuration = new Histogram({
    name: 'inkwell_rpc_duration_seconds',
    help: 'RPC handling time, by method.',
    labelNames: ['method'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const rpc: RpcMetrics = {
    observe(method, outcome, seconds) {
      const m = isRpcMethod(method) ? method : 'unknown';
      const code = outcome === 'ok' || SOCKET_ERROR_CODES.has(outcome) ? outcome : 'INTERNAL';
      rpcCalls.inc({ method: m, outcome: code === 'ok' ? 'ok' : 'error' });
      if (code !== 'ok') rpcErrors.inc({ method: m, code });
      rpcDuration.observe({ method: m }, seconds);
    },
  };

  // Duration is wall time of work that is synchronous on SQLite (text extraction and the
  // FTS write), so its sum is close to the CPU the index costs.
  const searchIndexed = new FastHistogram(
    'inkwell_search_index_duration_seconds',
    "Per search index update: reading a document's plain text and writing its FTS entry (_count = updates).",
    LATENCY_BUCKETS,
    registry,
  );
  const searchIndexFailures = new Counter({
    name: 'inkwell_search_index_failures_total',
    help: 'Documents the search indexer skipped: damaged stored state, or a failed write.',
    registers,
  });

  const httpRequests = new Histogram({
    name: 'inkwell_http_request_duration_seconds',
    help: 'HTTP requests by method, matched route and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers,
  });

  const busMessages = new Counter({
    name: 'inkwell_bus_messages_total',
    help: 'Messages on the bus between instances (REDIS_URL): published, dropped (Redis down), skipped (no other instance had the document open), received from other instances, malformed.',
    labelNames: ['event'],
    registers,
  });
  const busLag = new Histogram({
    name: 'inkwell_bus_lag_seconds',
    help: "From another instance's publish to this instance's receipt (wall clocks of both).",
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const busUp = new Gauge({ name: 'inkwell_bus_connected', help: '1 while the subscriber is connected to Redis.', registers });
  const busResyncs = new Counter({
    name: 'inkwell_bus_resyncs_total',
    help: 'Times Redis came back and every open room and stream caught up from storage.',
    registers,
  });
  const catchUps = new Counter({
    name: 'inkwell_catch_up_updates_total',
    help: 'Stored updates a room read from storage because the bus had not brought them (gaps, subscriptions, Redis outages).',
    registers,
  });
  const catchUpRuns = new Counter({
    name: 'inkwell_catch_ups_total',
    help: 'Catch-ups from storage that found something missing.',
    registers,
  });

  const loop = new EventLoopLag(registry);
  let lastCpu = process.cpuUsage();
  new Counter({
    name: 'inkwell_process_cpu_seconds_total',
    help: 'CPU time (user + system) used by the process.',
    registers,
    collect() {
      const now = process.cpuUsage();
      this.inc((now.user - lastCpu.user + now.system - lastCpu.system) / 1e6);
      lastCpu = now;
    },
  });
  new Gauge({
    name: 'inkwell_process_resident_memory_bytes',
    help: 'Resident set size of the process.',
    registers,
    collect() {
      this.set(process.memoryUsage.rss());
    },
  });
  new Gauge({
    name: 'inkwell_process_heap_used_bytes',
    help: 'V8 heap in use.',
    registers,
    collect() {
      this.set(process.memoryUsage().heapUsed);
    },
  });

  return {
    registry,
    commits,
    rpc,
    http: {
      observe(method, route, status, seconds) {
        httpRequests.observe({ method, route, status: String(status) }, seconds);
      },
    },
    sockets: {
      opened: () => wsOpened.inc(),
      closed: (code) => wsClosed.inc({ code: KNOWN_CLOSE_CODES.has(code) ? String(code) : 'other' }),
    },
    damagedDocs: {
      damaged: (docId) => damagedDocs.add(docId),
      readable: (docId) => damagedDocs.delete(docId),
    },
    searchIndex: {
      indexed: (seconds) => searchIndexed.observe(seconds),
      failed: () => searchIndexFailures.inc(),
    },
    bus: {
      published: () => busMessages.inc({ event: 'published' }),
      dropped: () => busMessages.inc({ event: 'dropped' }),
      skipped: () => busMessages.inc({ event: 'skipped' }),
      received: (lagMs) => {
        busMessages.inc({ event: 'received' });
        busLag.observe(Math.max(0, lagMs) / 1000);
      },
      malformed: () => busMessages.inc({ event: 'malformed' }),
      resynced: () => busResyncs.inc(),
      connected: (up) => busUp.set(up ? 1 : 0),
    },
    catchUps: (missed) => {
      catchUpRuns.inc();
      catchUps.inc(missed);
    },
    setConnectionsSource: (source) => {
      connections = source;
    },
    setRoomsSource: (source) => {
      rooms = source;
    },
    setSseStreamsSource: (source) => {
      sseStreams = source;
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
    stop: () => loop.stop(),
  };
}
