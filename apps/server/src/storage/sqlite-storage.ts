import type Database from 'better-sqlite3';
import { Checkpointer } from './checkpointer.ts';
import { ComposedStorage } from './composed-storage.ts';
import { SqliteAccounts } from './sqlite-accounts.ts';
import { SqliteComments } from './sqlite-comments.ts';
import { IN_MEMORY, openDatabase, type SqliteSynchronous } from './sqlite-connection.ts';
import { SqliteDocuments } from './sqlite-documents.ts';
import { SqliteEvents } from './sqlite-events.ts';
import { SqliteImages } from './sqlite-images.ts';
import { SqliteMembers } from './sqlite-members.ts';
import { SqliteSearch } from './sqlite-search.ts';
import { SqliteVersions } from './sqlite-versions.ts';

// The server's configuration names the durability setting by this module.
export type { SqliteSynchronous } from './sqlite-connection.ts';

export interface SqliteStorageOptions {
  synchronous?: SqliteSynchronous;
  /** Fault injection for crash tests: runs inside the compaction transaction. */
  insideCompaction?: () => void;
  /** Checkpoint the WAL from a worker thread this often (ms); 0 leaves it to SQLite. */
  checkpointIntervalMs?: number;
  onCheckpointError?: (message: string) => void;
}

/**
 * All of Storage on one SQLite connection, one store class per interface. With WAL and
 * synchronous=NORMAL (the default) a committed transaction survives a crash of the process;
 * FULL also survives power loss (docs/storage.md). `:memory:` gives a private database that
 * lives as long as this object, with the same rules (tests use it).
 */
export class SqliteStorage extends ComposedStorage {
  private readonly db: Database.Database;
  private readonly checkpointer: Checkpointer | undefined;

  constructor(
    readonly file: string,
    opts: SqliteStorageOptions = {},
  ) {
    const db = openDatabase(file, opts.synchronous);
    // An in-memory database has no WAL to checkpoint, and no file a worker could open.
    let checkpointer: Checkpointer | undefined;
    if (opts.checkpointIntervalMs && file !== IN_MEMORY) {
      // SQLite's own checkpoint stays as a safety net, far out (about 40 MB of WAL), in case
      // the worker falls behind.
      db.pragma('wal_autocheckpoint = 10000');
      checkpointer = new Checkpointer({
        file,
        intervalMs: opts.checkpointIntervalMs,
        onError: (message) => opts.onCheckpointError?.(message),
      });
    }
    const members = new SqliteMembers(db);
    const documents = new SqliteDocuments(db, { addOwner: members.addOwner, insideCompaction: opts.insideCompaction });
    super({
      documents,
      docLocks: documents,
      members,
      accounts: new SqliteAccounts(db, members.claimOwnerless),
      events: new SqliteEvents(db),
      versions: new SqliteVersions(db),
      comments: new SqliteComments(db),
      searchIndex: new SqliteSearch(db),
      images: new SqliteImages(db),
    });
    this.db = db;
    this.checkpointer = checkpointer;
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    await this.checkpointer?.stop();
    // Fold the WAL back into the main file so the data directory is one self-contained file.
    if (this.file !== IN_MEMORY) this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
