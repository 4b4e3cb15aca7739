// The open SSE streams, by user: where live events are fanned out, where the per-user bound
// is enforced, and the one heartbeat timer (running only while a stream is open).
import type { UserEventRecord } from '../storage/event-store.ts';
import type { SseStream } from './sse-stream.ts';

export interface StreamRegistryOptions {
  /** A `: ping` comment goes to every stream this often. */
  heartbeatMs: number;
  /** Past this many streams of one user, the oldest is ended. */
  maxPerUser: number;
}

export class StreamRegistry {
  /** Per user, in opening order (a Set iterates in insertion order: the first is the oldest). */
  private readonly byUser = new Map<string, Set<SseStream>>();
  private timer: NodeJS.Timeout | null = null;
  private count = 0;
  private accepting = true;
  /** Streams opened since start; for tests and metrics. */
  opened = 0;

  constructor(private readonly opts: StreamRegistryOptions) {}

  get size(): number {
    return this.count;
  }

  get users(): number {
    return this.byUser.size;
  }

  get heartbeatRunning(): boolean {
    return this.timer !== null;
  }

  get isAccepting(): boolean {
    return this.accepting;
  }

  /** Registers an opened stream; false (and the stream is ended) while shutting down. */
  add(stream: SseStream): boolean {
    if (!this.accepting || stream.isClosed) {
      stream.end();
      return false;
    }
    let set = this.byUser.get(stream.userId);
    if (!set) {
      set = new Set();
      this.byUser.set(stream.userId, set);
    }
    set.add(stream);
    this.count += 1;
    this.opened += 1;
    // Ending the oldest calls remove() through the stream's onClose.
    while (set.size > this.opts.maxPerUser) set.values().next().value!.end();
    if (!this.timer) {
      this.timer = setInterval(this.beat, this.opts.heartbeatMs);
      this.timer.unref();
    }
    return true;
  }

  /** Called by a stream when it closes, however that happened. */
  remove(stream: SseStream): void {
    const set = this.byUser.get(stream.userId);
    if (!set?.delete(stream)) return;
    this.count -= 1;
    if (set.size === 0) this.byUser.delete(stream.userId);
    if (this.count === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  publish(record: UserEventRecord): void {
    const set = this.byUser.get(record.userId);
    if (!set) return;
    for (const stream of [...set]) stream.deliver(record);
  }

  /**
   * Beside other instances: these people have new events in the log; each of their streams
   * here reads what follows the last event it sent (SseStream.catchUp).
   */
  catchUp(userIds: Iterable<string>, read: (userId: string, afterId: number) => Promise<UserEventRecord[]>): void {
    for (const userId of userIds) {
      for (const stream of [...(this.byUser.get(userId) ?? [])]) stream.catchUp((afterId) => read(userId, afterId));
    }
  }

  /** Every person with a stream here (after the bus was away). */
  get userIds(): string[] {
    return [...this.byUser.keys()];
  }

  /** Ends the streams opened with a session (logout). */
  closeSession(sessionId: string): void {
    for (const set of [...this.byUser.values()]) {
      for (const stream of [...set]) if (stream.sessionId === sessionId) stream.end();
    }
  }

  /** Shutdown: refuses new streams and ends every open one. */
  closeAll(): void {
    this.accepting = false;
    for (const set of [...this.byUser.values()]) for (const stream of [...set]) stream.end();
  }

  private readonly beat = (): void => {
    for (const set of [...this.byUser.values()]) for (const stream of [...set]) stream.ping();
  };
}
