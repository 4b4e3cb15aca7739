// Worker threads for the content conversions (conversions.ts), so that a large or hostile
// import never holds the main thread, which serves every socket and request.
//
// - Workers start when a job needs one (none for a server that never converts), at most
//   `workers` of them; one idle for `idleMs` is stopped (a 5 MB import leaves a large heap).
// - Jobs beyond the running ones wait in order, at most `maxQueued`; past that the request is
//   refused at once (503 UNAVAILABLE), so a flood of imports cannot pile up memory.
// - A job that runs longer than `jobTimeoutMs` is abandoned: its worker is terminated (it
//   cannot be interrupted otherwise) and the next job gets a fresh one. A worker that throws,
//   exits or runs out of heap (`maxHeapMb`) fails only the job it was running.
// - close() refuses what waits, terminates every worker and resolves when they are gone.
import { Worker } from 'node:worker_threads';
import { ProtocolError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { DocDamagedError } from '../../storage/errors.ts';
import type { JobError, JobMessage, ReplyMessage } from './conversion-channel.ts';
import type { ConversionJob, ConversionResult } from './conversions.ts';

/** The script a worker runs. */
export interface WorkerEntry {
  url: URL;
}

/**
 * The conversion worker beside this module. From source (tsx, vitest) that is a bootstrap
 * that loads conversion-worker.ts through tsx (a dev dependency, needed only to run source).
 * In the bundle this code sits inside dist/main.js, and build.mjs puts
 * dist/conversion-worker.js beside it.
 */
export function conversionWorkerEntry(): WorkerEntry {
  const here = import.meta.url;
  return { url: new URL(here.endsWith('.ts') ? './conversion-worker-source.mjs' : './conversion-worker.js', here) };
}

/** A conversion that did not run or did not finish; the HTTP edge answers with its code. */
export class ConversionError extends Error {
  constructor(
    readonly code: 'UNAVAILABLE' | 'INTERNAL',
    message: string,
  ) {
    super(message);
    this.name = 'ConversionError';
  }
}

export interface ConversionPoolOptions {
  workers: number;
  maxQueued: number;
  jobTimeoutMs: number;
  idleMs: number;
  maxHeapMb: number;
  entry: WorkerEntry;
  logger: Logger;
}

interface PendingJob {
  id: number;
  kind: ConversionJob['kind'];
  message: JobMessage;
  transfer: ArrayBuffer[];
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  job?: PendingJob;
  idleTimer?: NodeJS.Timeout;
}

export class ConversionPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: PendingJob[] = [];
  private readonly log: Logger;
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: ConversionPoolOptions) {
    this.log = opts.logger.child({ component: 'conversions' });
  }

  /** Workers alive now. */
  get workers(): number {
    return this.slots.size;
  }

  /**
   * Runs `job` in a worker. `transfer` lists buffers of the job moved to the worker instead
   * of copied (the caller must not use them afterwards).
   */
  run<J extends ConversionJob>(job: J, transfer: ArrayBuffer[] = []): Promise<ConversionResult<J>> {
    if (this.closed) return Promise.reject(new ConversionError('UNAVAILABLE', 'The server is shutting down'));
    const free = [...this.slots].some((slot) => !slot.job) || this.slots.size < this.opts.workers;
    if (!free && this.queue.length >= this.opts.maxQueued) {
      return Promise.reject(new ConversionError('UNAVAILABLE', 'The server is busy converting other documents; try again in a moment'));
    }
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.queue.push({ id, kind: job.kind, message: { id, job }, transfer, resolve: resolve as (r: unknown) => void, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopping = new ConversionError('UNAVAILABLE', 'The server is shutting down');
    for (const job of this.queue.splice(0)) job.reject(stopping);
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) {
      clearTimeout(slot.idleTimer);
      if (slot.job) {
        clearTimeout(slot.job.timer);
        slot.job.reject(stopping);
        slot.job = undefined;
      }
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = [...this.slots].find((s) => !s.job);
      if (!slot) {
        if (this.slots.size >= this.opts.workers) return;
        slot = this.spawn();
      }
      const job = this.queue.shift()!;
      clearTimeout(slot.idleTimer);
      slot.job = job;
      const held = slot;
      job.timer = setTimeout(() => this.timedOut(held, job), this.opts.jobTimeoutMs);
      slot.worker.postMessage(job.message, job.transfer);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.opts.entry.url, {
      resourceLimits: { maxOldGenerationSizeMb: this.opts.maxHeapMb },
    });
    // Never what keeps the process alive: close() terminates them, and a job in flight is a
    // request the HTTP server is still holding anyway.
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (reply: ReplyMessage) => this.replied(slot, reply));
    worker.on('messageerror', (err) => this.lost(slot, err));
    // An uncaught exception or an exhausted heap; 'exit' follows and finds the slot gone.
    worker.on('error', (err) => this.lost(slot, err));
    worker.on('exit', (code) => this.lost(slot, new Error(`exited with code ${code}`)));
    this.slots.add(slot);
    return slot;
  }

  private replied(slot: Slot, reply: ReplyMessage): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    clearTimeout(job.timer);
    slot.job = undefined;
    if (reply.ok) job.resolve(reply.result);
    else job.reject(this.errorOf(job, reply.error));
    slot.idleTimer = setTimeout(() => this.retire(slot), this.opts.idleMs).unref();
    this.pump();
  }

  private timedOut(slot: Slot, job: PendingJob): void {
    if (slot.job !== job) return;
    slot.job = undefined;
    const seconds = Math.round(this.opts.jobTimeoutMs / 100) / 10;
    this.log.warn('conversion timed out; its worker is replaced', { kind: job.kind, timeoutMs: this.opts.jobTimeoutMs });
    job.reject(
      new ConversionError('UNAVAILABLE', `Converting this document took longer than ${seconds} s and was stopped; nothing was changed`),
    );
    this.retire(slot);
    this.pump();
  }

  /** The worker died (or cannot be talked to): its job fails, the next job gets a new one. */
  private lost(slot: Slot, cause: unknown): void {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.idleTimer);
    void slot.worker.terminate();
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      clearTimeout(job.timer);
      const outOfMemory = (cause as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.log.error('conversion worker died', { kind: job.kind, err: cause });
      job.reject(
        new ConversionError(
          'INTERNAL',
          outOfMemory
            ? 'Converting this document needed more memory than the server allows; nothing was changed'
            : 'Converting this document failed unexpectedly; nothing was changed',
        ),
      );
    }
    this.pump();
  }

  private retire(slot: Slot): void {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.idleTimer);
    void slot.worker.terminate();
  }

  private errorOf(job: PendingJob, error: JobError): Error {
    switch (error.kind) {
      case 'protocol':
        return new ProtocolError(error.code, error.message);
      case 'damaged':
        return new DocDamagedError(error.docId, error.row, error.reason);
      case 'failed':
        this.log.error('conversion failed', { kind: job.kind, message: error.message, stack: error.stack });
        return new ConversionError('INTERNAL', 'Converting this document failed unexpectedly; nothing was changed');
      default:
        throw error satisfies never;
    }
  }
}
