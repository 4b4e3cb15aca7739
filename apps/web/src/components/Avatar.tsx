interface AvatarProps {
  name: string;
  color: string;
  size?: 'small' | 'medium';
}

function initialOf(name: string): string {
  // Array.from keeps an emoji or accented letter whole instead of half a surrogate pair.
  return (Array.from(name.trim())[0] ?? '?').toUpperCase();
}

export function Avatar({ name, color, size = 'medium' }: AvatarProps) {
  return (
    // The initial is drawn by CSS (::before) so it stays out of the text of the surrounding
    // element: a presence entry reads "Alice (you)", not "AAlice (you)".
    <span className={`avatar avatar--${size}`} style={{ backgroundColor: color }} data-initial={initialOf(name)} aria-hidden="true" />
  );
}
