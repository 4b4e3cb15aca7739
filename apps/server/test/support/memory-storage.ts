// Storage for unit tests: real SQLite on a private in-memory database, so tests run against
// the same rules (constraints, ordering, transactions) as the server.
import { IN_MEMORY } from '../../src/storage/sqlite-connection.ts';
import { SqliteStorage } from '../../src/storage/sqlite-storage.ts';

/** A fresh, empty store; it lives until closed or garbage-collected. */
export function memoryStorage(): SqliteStorage {
  return new SqliteStorage(IN_MEMORY);
}
