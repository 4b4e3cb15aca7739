// All of Storage on a PostgreSQL pool, one store class per interface, as SqliteStorage is on
// one SQLite connection. Any number of instances may share one database: every write that
// others could race with is one statement or one transaction that takes its row locks in a
// stable order (docs/storage.md, "PostgreSQL").

import type pg from 'pg';
import { ComposedStorage } from '../composed-storage.ts';
import { PgAccounts } from './pg-accounts.ts';
import { PgComments } from './pg-comments.ts';
import { createClient, createPool, loadPgDriver, type PgConnectionOptions } from './pg-connection.ts';
import { PgDocLocks } from './pg-doc-locks.ts';
import { PgDocuments } from './pg-documents.ts';
import { PgEvents } from './pg-events.ts';
import { PgImages } from './pg-images.ts';
import { PgMembers } from './pg-members.ts';
import { applyPgMigrations } from './pg-migrations.ts';
import { PgSearch } from './pg-search.ts';
import { PgVersions } from './pg-versions.ts';

export interface PgStorageOptions extends PgConnectionOptions {
  /** A connection failed outside any query (an idle pooled one, or the lock connection). */
  onConnectionError?: (err: Error) => void;
}

/** PostgreSQL could not be reached, or refused us, while opening the storage. */
export class PgOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PgOpenError';
  }
}

/** The URL without its password, for messages and logs. */
export function describePgUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'the DATABASE_URL';
  }
}

/** An error's message; Node's connection errors to a name with several addresses come as an AggregateError without one. */
function reason(err: unknown): string {
  if (err instanceof AggregateError && !err.message) return err.errors.map(reason).join('; ');
  if (err instanceof Error) return err.message || ((err as NodeJS.ErrnoException).code ?? err.name);
  return String(err);
}

export class PgStorage extends ComposedStorage {
  private readonly locks: PgDocLocks;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    opts: PgStorageOptions,
  ) {
    const locks = new PgDocLocks(() => createClient(opts), opts.onConnectionError);
    super({
      documents: new PgDocuments(pool),
      docLocks: { withDocLock: (docId, fn) => locks.run(docId, fn) },
      members: new PgMembers(pool),
      accounts: new PgAccounts(pool),
      events: new PgEvents(pool),
      versions: new PgVersions(pool),
      comments: new PgComments(pool),
      searchIndex: new PgSearch(pool),
      images: new PgImages(pool),
    });
    this.locks = locks;
  }

  /**
   * Connects, brings the schema up to date (one instance at a time) and returns the storage;
   * PgOpenError when the database cannot be reached or refuses the connection.
   */
  static async open(opts: PgStorageOptions): Promise<PgStorage> {
    await loadPgDriver();
    const pool = createPool({ ...opts, onIdleError: opts.onConnectionError });
    try {
      await applyPgMigrations(pool);
    } catch (err) {
      await pool.end().catch(() => {});
      throw new PgOpenError(`cannot open PostgreSQL at ${describePgUrl(opts.url)}: ${reason(err)}`, { cause: err });
    }
    return new PgStorage(pool, opts);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.locks.close();
    await this.pool.end();
  }
}
