import { useCallback, useSyncExternalStore } from 'react';
import { readThemeChoice, storeThemeChoice, type ThemeChoice, watchTheme } from '../lib/theme.ts';

// Every toggle on the page hears a change made by another one (or by another tab).
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const stop = watchTheme(listener);
  return () => {
    listeners.delete(listener);
    stop();
  };
}

/** The stored theme choice and a setter that persists and applies it at once. */
export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const choice = useSyncExternalStore(subscribe, readThemeChoice);
  const setChoice = useCallback((next: ThemeChoice) => {
    storeThemeChoice(next);
    for (const listener of listeners) listener();
  }, []);
  return [choice, setChoice];
}
