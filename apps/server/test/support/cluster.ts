// What the cluster tests share (API.md §9): a fresh PostgreSQL database per test, dropped
// when the test ends, and the local Redis.
import { createTestDatabase } from '../storage/pg-harness.ts';
import { defer, tempDir } from './helpers.ts';

export const TEST_REDIS_URL = process.env.INKWELL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface ClusterBackend {
  /** The environment every instance of one test gets. */
  env: Record<string, string>;
}

export async function clusterBackend(): Promise<ClusterBackend> {
  const db = await createTestDatabase();
  // Deferred first, so it runs last: after every instance of the test has stopped.
  defer(() => db.drop());
  // DATA_DIR stays private per test: with DATABASE_URL nothing is written there.
  return { env: { REDIS_URL: TEST_REDIS_URL, DATABASE_URL: db.url, DATA_DIR: tempDir() } };
}
