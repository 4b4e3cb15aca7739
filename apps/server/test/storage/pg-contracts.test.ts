// Runs every storage contract against PostgreSQL: one database for this file (created in
// beforeAll, dropped in afterAll), a schema per test. Not skipped when PostgreSQL is down:
// the harness fails with how to start it.
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { PgStorage } from '../../src/storage/pg/pg-storage.ts';
import { accountStoreContract } from './account-store-contract.ts';
import { commentStoreContract } from './comment-store-contract.ts';
import { documentStoreContract } from './document-store-contract.ts';
import { eventStoreContract } from './event-store-contract.ts';
import { memberStoreContract } from './member-store-contract.ts';
import { createTestDatabase, PgStores, type TestDatabase } from './pg-harness.ts';
import { searchStoreContract } from './search-store-contract.ts';
import type { StoreHarness } from './store-harness.ts';
import { trashContract } from './trash-contract.ts';
import { versionStoreContract } from './version-store-contract.ts';

let db: TestDatabase | undefined;
let stores: PgStores | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  stores = new PgStores(db);
}, 30_000);

afterEach(async () => {
  await stores?.cleanup();
});

afterAll(async () => {
  await db?.drop();
}, 30_000);

const setup = (): Promise<StoreHarness<PgStorage>> => {
  if (!stores) throw new Error('the test database was not created (see the beforeAll error)');
  return stores.setup();
};

const name = 'postgresql';
documentStoreContract(name, setup);
memberStoreContract(name, setup);
accountStoreContract(name, setup);
eventStoreContract(name, setup);
versionStoreContract(name, setup);
trashContract(name, setup);
commentStoreContract(name, setup);
searchStoreContract(name, setup);
