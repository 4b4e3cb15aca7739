// What the cluster tests share: the local Redis (API.md §9), and the database both instances
// use.
import { tempDir } from './helpers.ts';

export const TEST_REDIS_URL = process.env.INKWELL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface ClusterBackend {
  /** The environment every instance of one test gets. */
  env: Record<string, string>;
}

export async function clusterBackend(): Promise<ClusterBackend> {
  return { env: { REDIS_URL: TEST_REDIS_URL, DATA_DIR: tempDir() } };
}
