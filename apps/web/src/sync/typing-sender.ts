// This tab's side of "is typing" (protocol messages/typing.ts): turns a stream of local edits
// into few `typing` messages.
import { TYPING_EXPIRES_MS, TYPING_MIN_INTERVAL_MS } from '@inkwell/protocol';

/** No edit for this long means the person paused: others stop seeing "is typing". */
export const TYPING_IDLE_MS = 2_000;

/**
 * While typing goes on, `active: true` is repeated this often so that it does not expire on
 * the other side (TYPING_EXPIRES_MS). Renewing every second would be allowed; every two
 * halves the traffic and still leaves a 3-second margin for a slow network.
 */
export const TYPING_RENEW_MS = 2_000;

// A renewal must reach the others before their timer runs out.
if (TYPING_RENEW_MS >= TYPING_EXPIRES_MS) throw new Error('TYPING_RENEW_MS must be below TYPING_EXPIRES_MS');

/**
 * Sends at most one message per TYPING_MIN_INTERVAL_MS, whatever the mix of edits, pauses and
 * blurs: a state change that comes sooner waits for the interval and goes out only if it
 * still holds then (typing, blur, typing within one second sends nothing extra).
 */
export class TypingSender {
  /** What the person is doing now. */
  private wanted = false;
  /** What the others were last told. */
  private told = false;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;

  /** `send` returns false when no socket could take the message. */
  constructor(private readonly send: (active: boolean) => boolean) {}

  /** A local edit: the person is typing. */
  edited(): void {
    this.wanted = true;
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.stop();
    }, TYPING_IDLE_MS);
    this.flush();
  }

  /** The editor lost focus, the page is hidden, or the pause was long enough. */
  stop(): void {
    this.wanted = false;
    if (this.idleTimer !== null) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    this.flush();
  }

  /**
   * The socket closed: the server tells the others we stopped, and a new socket starts from
   * "not typing" (the next edit announces us again).
   */
  reset(): void {
    this.wanted = false;
    this.told = false;
    this.lastSentAt = Number.NEGATIVE_INFINITY;
    this.clearTimers();
  }

  destroy(): void {
    this.clearTimers();
  }

  private flush(): void {
    const now = Date.now();
    const due = this.wanted ? !this.told || now - this.lastSentAt >= TYPING_RENEW_MS : this.told;
    if (!due) return;
    const wait = this.lastSentAt + TYPING_MIN_INTERVAL_MS - now;
    if (wait > 0) {
      if (this.flushTimer === null) {
        this.flushTimer = setTimeout(() => {
          this.flushTimer = null;
          this.flush();
        }, wait);
      }
      return;
    }
    if (!this.send(this.wanted)) return;
    this.told = this.wanted;
    this.lastSentAt = now;
  }

  private clearTimers(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.idleTimer = null;
    this.flushTimer = null;
  }
}
