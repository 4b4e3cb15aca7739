// The colour theme: the person's choice (system, light or dark) is kept in localStorage and
// shown as `data-theme="light" | "dark"` on <html>, which base.css reads.
//
// index.html runs a copy of `resolveTheme` inline before the first paint, so a dark page never
// flashes white while the bundle loads; keep the two in step (same key, same values).

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'inkwell:theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

export function readThemeChoice(): ThemeChoice {
  try {
    const stored = globalThis.localStorage?.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(stored) ? stored : 'system';
  } catch {
    // Storage can be refused (private modes, blocked cookies); the system's choice still works.
    return 'system';
  }
}

function systemPrefersDark(): boolean {
  return typeof window !== 'undefined' && window.matchMedia(DARK_QUERY).matches;
}

export function applyTheme(choice: ThemeChoice = readThemeChoice()): void {
  document.documentElement.dataset.theme = resolveTheme(choice, systemPrefersDark());
}

export function storeThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') globalThis.localStorage?.removeItem(THEME_STORAGE_KEY);
    else globalThis.localStorage?.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Not persisted, but still applied for this page.
  }
  applyTheme(choice);
}

/**
 * Re-applies the theme when the system switches (only matters for "system") or another tab
 * changes the choice; calls `listener` so a control can show the new choice.
 */
export function watchTheme(listener: () => void): () => void {
  const media = window.matchMedia(DARK_QUERY);
  const handleChange = () => {
    applyTheme();
    listener();
  };
  const handleStorage = (event: StorageEvent) => {
    if (event.key === THEME_STORAGE_KEY || event.key === null) handleChange();
  };
  media.addEventListener('change', handleChange);
  window.addEventListener('storage', handleStorage);
  return () => {
    media.removeEventListener('change', handleChange);
    window.removeEventListener('storage', handleStorage);
  };
}
