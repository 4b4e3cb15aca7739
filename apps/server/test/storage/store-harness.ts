// What a contract suite asks its backend for: a fresh, empty store per test.

export interface StoreHarness<S> {
  storage: S;
  /** Closes and reopens the same store (SQLite: same file); undefined for volatile stores. */
  reopen?: () => Promise<S>;
}

export type StoreSetup<S> = () => Promise<StoreHarness<S>>;
