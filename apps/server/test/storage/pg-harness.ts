// PostgreSQL for tests: a fresh database per test file, dropped at the end of it, emptied
// between tests.
//
// INKWELL_TEST_PG_URL names the server (default: the machine's own, trust auth). These tests
// are never skipped: when the server does not answer they fail, saying how to start it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PgStorage } from '../../src/storage/pg/pg-storage.ts';
import type { StoreHarness } from './store-harness.ts';

export const TEST_PG_URL = process.env.INKWELL_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

const START_HINT =
  'start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, or point INKWELL_TEST_PG_URL at one';

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${TEST_PG_URL} (${(err as Error).message}): ${START_HINT}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server; drop() removes it, connections and all. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `inkwell_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/**
 * Stores on one test database, all on its `public` schema: the first `setup()` migrates it
 * (about half a second of DDL), every later one empties every table (a few milliseconds), so
 * each test starts from an empty store.
 * `cleanup()` closes what the last test opened; the database goes with `drop()` at the end
 * of the file.
 */
export class PgStores {
  private migrated = false;
  private open: PgStorage[] = [];

  constructor(private readonly db: TestDatabase) {}

  private async openOne(): Promise<PgStorage> {
    const storage = await PgStorage.open({ url: this.db.url, poolSize: 4 });
    this.open.push(storage);
    return storage;
  }

  readonly setup = async (): Promise<StoreHarness<PgStorage>> => {
    if (this.migrated) await this.empty();
    let current = await this.openOne();
    this.migrated = true;
    return {
      storage: current,
      reopen: async () => {
        await current.close();
        current = await this.openOne();
        return current;
      },
    };
  };

  // DELETE, not TRUNCATE: on small tables it takes a millisecond where TRUNCATE (new files
  // for every table) takes hundreds. With the foreign-key triggers off for this session
  // (replica role; the test role is a superuser) the order of the tables does not matter.
  private async empty(): Promise<void> {
    const client = new pg.Client({ connectionString: this.db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'inkwell_migrations'`,
      );
      await client.query(`SET session_replication_role = replica; ${rows.map((r) => `DELETE FROM ${r.name};`).join(' ')}`);
    } finally {
      await client.end();
    }
  }

  /** Another storage on the same data: a second instance. */
  another(): Promise<PgStorage> {
    return this.openOne();
  }

  async cleanup(): Promise<void> {
    for (const storage of this.open.splice(0)) await storage.close();
  }
}
