// The messages between the conversion pool (main thread) and a conversion worker, and the
// worker's side of them. Errors cross as data: a ProtocolError (bad Markdown: 400) and a
// DocDamagedError (503) keep their meaning; anything else is a failure of the conversion.
import { parentPort } from 'node:worker_threads';
import { ProtocolError } from '../../errors.ts';
import { type DamagedRow, DocDamagedError } from '../../storage/errors.ts';
import type { ConversionJob } from './conversions.ts';

export interface JobMessage {
  id: number;
  job: ConversionJob;
}

export type JobError =
  | { kind: 'protocol'; code: ProtocolError['code']; message: string }
  | { kind: 'damaged'; docId: string; row: DamagedRow; reason: string }
  | { kind: 'failed'; message: string; stack?: string };

export type ReplyMessage = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: JobError };

export function toJobError(err: unknown): JobError {
  if (err instanceof ProtocolError) return { kind: 'protocol', code: err.code, message: err.message };
  if (err instanceof DocDamagedError) return { kind: 'damaged', docId: err.docId, row: err.row, reason: err.reason };
  if (err instanceof Error) return { kind: 'failed', message: err.message, stack: err.stack };
  return { kind: 'failed', message: String(err) };
}

/** The Uint8Arrays of a result that own their whole buffer: moved to the main thread, not copied. */
function transferables(result: unknown): ArrayBuffer[] {
  if (result === null || typeof result !== 'object') return [];
  return Object.values(result)
    .filter(
      (value): value is Uint8Array =>
        value instanceof Uint8Array &&
        value.byteOffset === 0 &&
        value.byteLength === value.buffer.byteLength &&
        value.buffer instanceof ArrayBuffer,
    )
    .map((value) => value.buffer as ArrayBuffer);
}

/** The worker's loop: each job in turn, its result or its error posted back under its id. */
export function serveConversions(run: (job: ConversionJob) => unknown): void {
  const port = parentPort;
  if (!port) throw new Error('serveConversions runs in a worker thread');
  port.on('message', ({ id, job }: JobMessage) => {
    let reply: ReplyMessage;
    let transfer: ArrayBuffer[] = [];
    try {
      const result = run(job);
      reply = { id, ok: true, result };
      transfer = transferables(result);
    } catch (err) {
      reply = { id, ok: false, error: toJobError(err) };
    }
    port.postMessage(reply, transfer);
  });
}
