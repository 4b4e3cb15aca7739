import { CloseCode } from '@inkwell/protocol';

/** The first retry waits up to this long; each failed attempt doubles it, up to the cap. */
export const RECONNECT_BASE_MS = 500;
export const RECONNECT_CAP_MS = 10_000;
/** When the server asked for a pause (1013 busy, 4400 refused frame), at least this long. */
export const SERVER_BACKOFF_MS = 1_000;

const SERVER_ASKED_TO_WAIT: ReadonlySet<number> = new Set([CloseCode.TRY_AGAIN_LATER, CloseCode.PROTOCOL_VIOLATION]);

/**
 * How long to wait before reconnect attempt `attempt` (1 for the first after a drop). Full
 * jitter, uniform in [0, min(cap, base·2^(attempt-1))]: clients cut off together (a server
 * restart, a network blip) come back spread over that window instead of in lock-step, which
 * y-websocket's own fixed 2^n·100 ms schedule would do.
 */
export function reconnectDelay(attempt: number, closeCode: number | null, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = random() * ceiling;
  return closeCode !== null && SERVER_ASKED_TO_WAIT.has(closeCode) ? SERVER_BACKOFF_MS + jittered : jittered;
}
