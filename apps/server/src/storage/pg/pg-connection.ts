// The PostgreSQL pool the stores share, how values come back from it, and transactions.
import type pg from 'pg';

// node-postgres is imported when PostgreSQL is configured (PgStorage.open), not at start-up:
// a server on the embedded SQLite default never needs it, and loading it costs ~6 MB of RSS.
let driver: typeof pg | undefined;

/** Imports node-postgres once; everything below that touches the driver needs it loaded. */
export async function loadPgDriver(): Promise<void> {
  driver ??= (await import('pg')).default;
}

function pgDriver(): typeof pg {
  if (!driver) throw new Error('node-postgres is not loaded (open the storage with PgStorage.open)');
  return driver;
}

/** A pool, or one client inside a transaction: what a store's query helpers accept. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** A database answer that is not a query bug: SQLSTATE codes the stores translate. */
export const PgCode = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
} as const;

/** The SQLSTATE and constraint of a database error, when it is one. */
export function pgError(err: unknown): { code: string; constraint: string | undefined } | undefined {
  if (driver && err instanceof driver.DatabaseError && err.code !== undefined) return { code: err.code, constraint: err.constraint };
  return undefined;
}

export const isConstraintError = (err: unknown, code: string, constraint: string): boolean => {
  const e = pgError(err);
  return e?.code === code && e.constraint === constraint;
};

// Every integer the schema keeps is BIGINT (epoch milliseconds, sequence numbers, ids), which
// node-postgres returns as a string so as not to lose precision past 2^53. None of ours gets
// near that; a value that did would be corrupt, so it throws rather than round.
function parseBigint(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`integer ${text} is beyond what this server handles`);
  return value;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    const parsers = pgDriver().types;
    return oid === parsers.builtins.INT8 ? parseBigint : parsers.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** A bytea as the stores hand it out: a plain Uint8Array view of the driver's Buffer. */
export const toBytes = (buf: Buffer): Uint8Array => new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);

/** A Uint8Array as node-postgres sends a bytea (a Buffer over the same memory, no copy). */
export const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export interface PgConnectionOptions {
  url: string;
  /** Connections the pool may open (DATABASE_POOL_SIZE). */
  poolSize: number;
  /** Schema every table lives in (search_path); tests give each test its own. Default: public. */
  schema?: string;
  /** An idle pooled connection failed (the server restarted, the network dropped it). */
  onIdleError?: (err: Error) => void;
}

/** A dedicated connection (the lock client, not pooled) with the pool's own settings. */
export function createClient(opts: PgConnectionOptions): pg.Client {
  return new (pgDriver().Client)(clientConfig(opts));
}

/** The settings every connection is made with, pooled or not. */
function clientConfig(opts: PgConnectionOptions): pg.ClientConfig {
  return {
    connectionString: opts.url,
    types,
    // A schema name is an identifier, quoted; double quotes inside it doubled.
    ...(opts.schema ? { options: `-c search_path="${opts.schema.replaceAll('"', '""')}"` } : {}),
    application_name: 'inkwell',
    connectionTimeoutMillis: 10_000,
  };
}

export function createPool(opts: PgConnectionOptions): pg.Pool {
  const pool = new (pgDriver().Pool)({ ...clientConfig(opts), max: opts.poolSize, idleTimeoutMillis: 30_000 });
  // Without a listener an idle client's error would be an uncaught exception; the pool has
  // already dropped that client, and the next query opens a new one.
  pool.on('error', (err) => opts.onIdleError?.(err));
  return pool;
}

/**
 * Runs fn inside one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK
 * when it throws. `begin` names the isolation level when READ COMMITTED is not enough.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection lost while checked out emits 'error' on the client (the pool listens only
  // while it is idle): without a listener that is an uncaught exception that takes the whole
  // process down. The query in flight rejects as well, which is what the caller handles.
  const lost = (err: Error) => {
    broken = err;
  };
  client.on('error', lost);
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackErr) {
      // The connection itself is gone: the pool must not hand it out again.
      broken = rollbackErr as Error;
    }
    throw err;
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}
