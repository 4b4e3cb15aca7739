// Per-document locks held within one process: the whole of withDocLock for SQLite (one
// process owns the file), and the in-process half of it for PostgreSQL, whose session-level
// advisory locks are re-entrant within one connection and so cannot tell two callers of the
// same instance apart.
import type { DocLockResult } from './document-store.ts';

export class InProcessDocLocks {
  private readonly held = new Set<string>();

  /**
   * Runs fn unless `docId` is held here; `acquireShared` (optional) takes the cross-process
   * half after the local one and returns its release, or undefined when someone else has it.
   */
  async run<T>(
    docId: string,
    fn: () => Promise<T>,
    acquireShared?: () => Promise<(() => Promise<void>) | undefined>,
  ): Promise<DocLockResult<T>> {
    if (this.held.has(docId)) return { acquired: false };
    this.held.add(docId);
    try {
      const release = acquireShared ? await acquireShared() : async () => {};
      if (!release) return { acquired: false };
      try {
        return { acquired: true, value: await fn() };
      } finally {
        await release();
      }
    } finally {
      this.held.delete(docId);
    }
  }
}
