// What a contract suite asks its backend for (a fresh, empty store per test), and the records
// several suites make.
import type { UserRecord } from '../../src/storage/account-store.ts';

export interface StoreHarness<S> {
  storage: S;
  /** Closes and reopens the same store (SQLite: same file); undefined for volatile stores. */
  reopen?: () => Promise<S>;
}

export type StoreSetup<S> = () => Promise<StoreHarness<S>>;

/** A user record as the suites store it; `id` names it, the email follows unless given. */
export const user = (id: string, email = `${id}@example.com`, createdAt = 100): UserRecord => ({
  id,
  email,
  name: `User ${id}`,
  color: '#336699',
  passwordHash: `scrypt$hash-of-${id}`,
  createdAt,
});
