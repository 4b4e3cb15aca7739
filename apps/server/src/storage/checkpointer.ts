import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// WAL checkpoints copy the log back into the database file and fsync it. Run from the
// server's own connection (SQLite's automatic checkpoint) that fsync blocks the event loop
// for milliseconds at a time, which shows up directly as relay latency. A worker thread with
// its own connection checkpoints instead: in WAL mode a PASSIVE checkpoint never blocks the
// writer, and the fsync happens off the main thread.
//
// A worker is a whole V8 isolate (about 12 MB of RSS), so it runs only while the database is
// being written: the main thread looks at the WAL file once per interval (one stat), starts
// the worker once the WAL holds `startAfterBytes` and is growing, and stops it after `idleMs`
// without a write. An idle server, or one that only reads, never starts it; until it starts,
// SQLite's own automatic checkpoint (far out, see sqlite-storage.ts) is the safety net.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err && err.message)); }
};
checkpoint();
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

export interface CheckpointerOptions {
  /** The database file; its WAL is `${file}-wal`. */
  file: string;
  intervalMs: number;
  onError: (message: string) => void;
  /** WAL size from which a growing WAL starts the worker (default 1 MiB). */
  startAfterBytes?: number;
  /** The worker stops after this long without a write to the WAL (default 30 s). */
  idleMs?: number;
}

export class Checkpointer {
  private readonly wal: string;
  private readonly timer: NodeJS.Timeout;
  private readonly driver = createRequire(import.meta.url).resolve('better-sqlite3');
  private worker: Worker | null = null;
  private readonly exiting = new Set<Promise<void>>();
  /** The WAL's mtime at the last look, and when it last changed. */
  private seenMtime = -1;
  private writtenAt = 0;
  private stopped = false;

  constructor(private readonly opts: CheckpointerOptions) {
    this.wal = `${opts.file}-wal`;
    this.timer = setInterval(() => this.look(), opts.intervalMs);
    this.timer.unref();
  }

  /** Whether a worker is checkpointing now (for tests and metrics). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** One look at the WAL: start or retire the worker. Also called by the interval. */
  look(now = Date.now()): void {
    if (this.stopped) return;
    let size: number;
    let mtime: number;
    try {
      const st = statSync(this.wal);
      [size, mtime] = [st.size, st.mtimeMs];
    } catch {
      return; // no WAL yet (nothing written since the file was opened)
    }
    const written = mtime !== this.seenMtime;
    this.seenMtime = mtime;
    if (written) this.writtenAt = now;
    if (!this.worker) {
      if (written && size >= (this.opts.startAfterBytes ?? 1 << 20)) this.spawn();
    } else if (now - this.writtenAt >= (this.opts.idleMs ?? 30_000)) {
      this.retire();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.retire();
    await Promise.all(this.exiting);
  }

  private spawn(): void {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: this.driver, file: this.opts.file, intervalMs: this.opts.intervalMs },
    });
    worker.on('message', (message: string) => this.opts.onError(message));
    worker.on('error', (err) => this.opts.onError(err.message));
    // A worker that died (error above) is replaced at the next look that sees a write.
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
    });
    worker.unref();
    this.worker = worker;
  }

  /** Asks the worker for a last checkpoint and to exit; stop() waits for it. */
  private retire(): void {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited: Promise<void> = new Promise<void>((resolve) => worker.once('exit', () => resolve())).then(() => {
      this.exiting.delete(exited);
    });
    this.exiting.add(exited);
    worker.postMessage('stop');
  }
}
