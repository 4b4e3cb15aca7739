import { useTheme } from '../hooks/use-theme.ts';
import { THEME_CHOICES, type ThemeChoice } from '../lib/theme.ts';

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** System / Light / Dark, remembered in this browser. */
export function ThemeToggle() {
  const [choice, setChoice] = useTheme();
  return (
    <label className="theme-toggle" title="Colour theme">
      <span className="visually-hidden">Theme</span>
      <select
        className="theme-toggle__select"
        value={choice}
        onChange={(event) => setChoice(THEME_CHOICES.find((value) => value === event.target.value) ?? 'system')}
        data-testid="theme-toggle"
      >
        {THEME_CHOICES.map((value) => (
          <option key={value} value={value}>
            {LABELS[value]}
          </option>
        ))}
      </select>
    </label>
  );
}
