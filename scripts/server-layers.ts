// The server's layer table, read by architecture.test.ts and named in docs/architecture.md.
const SERVER = 'apps/server/src/';

/**
 * The server's layers, bottom to top. A module may import its own layer and the layers below
 * it, never one above. Entries are paths under apps/server/src: a folder (trailing slash)
 * or a file; every source file must fall under one.
 *
 * - base: logging, the error every layer may throw, small utilities.
 * - storage: persistence.
 * - live: what is open in memory: rooms (Y.Doc, connections, the socket's RPC runtime that
 *   runs the handlers it is given), events (each user's event log and SSE streams) and
 *   cluster (the bus between instances and what a room holds of the log; rooms use it).
 * - services: accounts (auth), notifications (built on events; mentions watch room edits),
 *   metrics (implements the rooms' commit-metrics hook), maintenance (the doctor: checks and
 *   salvages stored state the way rooms load it).
 * - documents: the documents service, which uses everything below and tells members of
 *   changes (doc-events, over notifications and events).
 * - edges: the ways in: HTTP routes (incl. SSE and /metrics), the document socket, and the
 *   RPC handler table over the documents service.
 * - server: the configuration of every part (config.ts) and the wiring (server.ts).
 * - main: the process (server-process.ts reads the environment, opens the server and handles
 *   signals; main.ts runs it; doctor.ts is the `pnpm run doctor` command).
 */
export const SERVER_LAYERS: readonly (readonly string[])[] = [
  ['logger.ts', 'errors.ts', 'util/'],
  ['storage/'],
  ['rooms/', 'events/', 'cluster/'],
  ['auth/', 'notifications/', 'metrics/', 'maintenance/'],
  ['documents/'],
  ['http/', 'ws/', 'rpc/'],
  ['config.ts', 'server.ts'],
  ['server-process.ts', 'main.ts', 'doctor.ts'],
];

export function serverLayerOf(file: string): number | undefined {
  if (!file.startsWith(SERVER)) return undefined;
  const path = file.slice(SERVER.length);
  const layer = SERVER_LAYERS.findIndex((entries) =>
    entries.some((entry) => (entry.endsWith('/') ? path.startsWith(entry) : path === entry)),
  );
  return layer === -1 ? undefined : layer;
}
