import type { LockManagerLike } from '../../src/sync/event-stream.ts';

// Node 20 has no navigator.locks. Exclusive Web Locks as the browser grants them: one holder
// per name, the others queued in request order; a holder keeps the lock until the promise
// its callback returned settles; aborting a queued request rejects it with AbortError.
export class FakeLocks implements LockManagerLike {
  private readonly held = new Set<string>();
  private readonly queues = new Map<string, Array<() => void>>();

  request(name: string, options: { signal: AbortSignal }, callback: () => Promise<void>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const grant = () => {
        this.held.add(name);
        callback()
          .then(resolve, reject)
          .finally(() => this.release(name));
      };
      if (!this.held.has(name)) {
        grant();
        return;
      }
      const queue = this.queues.get(name) ?? [];
      queue.push(grant);
      this.queues.set(name, queue);
      options.signal.addEventListener('abort', () => {
        const index = queue.indexOf(grant);
        if (index === -1) return;
        queue.splice(index, 1);
        reject(new DOMException('The request was aborted', 'AbortError'));
      });
    });
  }

  isHeld(name: string): boolean {
    return this.held.has(name);
  }

  private release(name: string): void {
    this.held.delete(name);
    const next = this.queues.get(name)?.shift();
    next?.();
  }
}
