// In-memory storage whose document writes (appendBatch, the group commit's only write) wait
// until the test releases them, to observe what happens while a commit is in flight.
import type { AppendEntry } from '../../src/storage/document-store.ts';
import { IN_MEMORY } from '../../src/storage/sqlite-connection.ts';
import { SqliteStorage } from '../../src/storage/sqlite-storage.ts';

export class GatedStorage extends SqliteStorage {
  /** One opener per held appendBatch call, oldest first. */
  readonly gates: (() => void)[] = [];

  constructor() {
    super(IN_MEMORY);
  }

  override async appendBatch(entries: readonly AppendEntry[], now: number): Promise<(number | undefined)[]> {
    await new Promise<void>((resolve) => this.gates.push(resolve));
    return super.appendBatch(entries, now);
  }

  /** Releases every held write. */
  openAll(): void {
    for (const open of this.gates.splice(0)) open();
  }
}
