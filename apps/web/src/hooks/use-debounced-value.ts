import { useEffect, useState } from 'react';

/** `value`, once it has stayed the same for `delayMs` (immediately when it becomes empty). */
export function useDebouncedValue(value: string, delayMs: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    // Clearing the box should clear the results at once, not after the pause.
    if (value.trim() === '') {
      setDebounced(value);
      return;
    }
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
