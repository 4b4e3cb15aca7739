// withDocLock across instances: a session-level advisory lock per document, taken with
// pg_try_advisory_lock (never waits) on one dedicated connection outside the pool.
//
// Why a dedicated connection: a session lock lives as long as the connection that took it,
// and fn runs its own queries through the pool while it holds the lock; holding pooled
// connections for that would let a few concurrent locks starve the pool that fn needs. One
// connection serves every lock of this instance (taking and releasing are one short query
// each). Advisory locks are re-entrant within a session, so the in-process half
// (InProcessDocLocks) keeps two callers of this instance apart.
//
// If that connection drops while fn runs, PostgreSQL releases its locks and another instance
// may start the same work: nothing it guards may depend on exclusivity for correctness
// (compaction does not: a snapshot through S only ever replaces rows <= S), only for not
// doing work twice.
import type pg from 'pg';
import { InProcessDocLocks } from '../doc-locks.ts';
import type { DocLockResult } from '../document-store.ts';

/** The first key of every document lock (two-int form: apart from the migration lock's bigint). "ink" in ASCII. */
const DOC_LOCK_CLASS = 0x696e6b;

export class PgDocLocks {
  private readonly local = new InProcessDocLocks();
  private client: Promise<pg.Client> | undefined;
  private closed = false;

  constructor(
    /** A new dedicated connection (not yet connected). */
    private readonly newClient: () => pg.Client,
    private readonly onError: (err: Error) => void = () => {},
  ) {}

  private connection(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('storage is closed'));
    if (!this.client) {
      const client = this.newClient();
      // A dropped connection released its locks on the server; the next lock opens a new one.
      client.on('error', (err) => {
        this.onError(err);
        if (this.client === opened) this.client = undefined;
      });
      const opened = client.connect().then(() => client);
      opened.catch(() => {
        if (this.client === opened) this.client = undefined;
      });
      this.client = opened;
    }
    return this.client;
  }

  // Once more on a new connection when the query fails: the lock connection may have died
  // (a database restart) without its error event having arrived yet.
  private async tryLock(docId: string, retry = true): Promise<{ client: pg.Client; ok: boolean }> {
    const pending = this.connection();
    try {
      const client = await pending;
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [DOC_LOCK_CLASS, docId]);
      return { client, ok: rows[0]?.ok === true };
    } catch (err) {
      if (this.client === pending) {
        this.client = undefined;
        void pending.then((c) => c.end()).catch(() => {});
      }
      if (!retry || this.closed) throw err;
      return this.tryLock(docId, false);
    }
  }

  run<T>(docId: string, fn: () => Promise<T>): Promise<DocLockResult<T>> {
    return this.local.run(docId, fn, async () => {
      const { client, ok } = await this.tryLock(docId);
      if (!ok) return undefined;
      return async () => {
        try {
          await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [DOC_LOCK_CLASS, docId]);
        } catch (err) {
          // The connection is gone, and the lock with it.
          this.onError(err as Error);
        }
      };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = await this.client?.catch(() => undefined);
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}
