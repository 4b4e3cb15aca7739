// SQLite storage whose document writes fail while `failing` is set, as on a full disk: the
// error SQLite raises then (SQLITE_FULL), thrown by appendBatch, the group commit's only write.
import type { AppendEntry } from '../../src/storage/document-store.ts';
import { SqliteStorage } from '../../src/storage/sqlite-storage.ts';

export class FailingStorage extends SqliteStorage {
  failing = false;
  /** Writes refused so far. */
  refused = 0;

  override async appendBatch(entries: readonly AppendEntry[], now: number): Promise<(number | undefined)[]> {
    if (this.failing) {
      this.refused += 1;
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    }
    return super.appendBatch(entries, now);
  }
}
