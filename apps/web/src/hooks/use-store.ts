import { useCallback, useSyncExternalStore } from 'react';

/**
 * Something a component can watch. `get` must return the same reference until something
 * really changed, or React re-renders (or loops) needlessly; SnapshotStore keeps to that.
 */
export interface ReadableStore<T> {
  subscribe(listener: () => void): () => void;
  get(): T;
}

const unsubscribed = () => {};

/**
 * The current value of `store`, re-rendering the caller when it changes. While there is no
 * store yet (most are made in an effect) it is `fallback`, which must be a stable value.
 */
export function useStore<T>(store: ReadableStore<T>): T;
export function useStore<T>(store: ReadableStore<T> | null | undefined, fallback: T): T;
export function useStore<T>(store: ReadableStore<T> | null | undefined, fallback?: T): T {
  // One subscription per store, not per render; called through the store so `this` holds.
  const subscribe = useCallback((listener: () => void) => (store ? store.subscribe(listener) : unsubscribed), [store]);
  return useSyncExternalStore(subscribe, () => (store ? store.get() : (fallback as T)));
}
