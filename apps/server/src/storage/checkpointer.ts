import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// WAL checkpoints copy the log back into the database file and fsync it. Run from the
// server's own connection (SQLite's automatic checkpoint) that fsync blocks the event loop
// for milliseconds at a time, which shows up directly as relay latency. A worker thread with
// its own connection checkpoints instead: in WAL mode a PASSIVE checkpoint never blocks the
// writer, and the fsync happens off the main thread.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err && err.message)); }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, intervalMs: number, onError: (message: string) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs } });
  worker.on('message', (message: string) => onError(message));
  worker.on('error', (err) => onError(err.message));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
