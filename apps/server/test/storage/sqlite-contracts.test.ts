// Runs every storage contract against SQLite on a file (reopened for the durability cases)
// and on `:memory:` (what unit tests use instead of a hand-written fake).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { SqliteStorage } from '../../src/storage/sqlite-storage.ts';
import { memoryStorage } from '../support/memory-storage.ts';
import { accountStoreContract } from './account-store-contract.ts';
import { commentStoreContract } from './comment-store-contract.ts';
import { documentStoreContract } from './document-store-contract.ts';
import { eventStoreContract } from './event-store-contract.ts';
import { memberStoreContract } from './member-store-contract.ts';
import { searchStoreContract } from './search-store-contract.ts';
import type { StoreHarness } from './store-harness.ts';
import { trashContract } from './trash-contract.ts';
import { versionStoreContract } from './version-store-contract.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function onFile(): Promise<StoreHarness<SqliteStorage>> {
  const dir = mkdtempSync(join(tmpdir(), 'inkwell-sqlite-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'nested', 'inkwell.db');
  let current = new SqliteStorage(file);
  cleanups.push(() => current.close());
  return {
    storage: current,
    reopen: async () => {
      await current.close();
      current = new SqliteStorage(file);
      return current;
    },
  };
}

async function inMemory(): Promise<StoreHarness<SqliteStorage>> {
  const storage = memoryStorage();
  cleanups.push(() => storage.close());
  return { storage };
}

for (const [name, setup] of [
  ['sqlite file', onFile],
  ['sqlite :memory:', inMemory],
] as const) {
  documentStoreContract(name, setup);
  memberStoreContract(name, setup);
  accountStoreContract(name, setup);
  eventStoreContract(name, setup);
  versionStoreContract(name, setup);
  trashContract(name, setup);
  commentStoreContract(name, setup);
  searchStoreContract(name, setup);
}
