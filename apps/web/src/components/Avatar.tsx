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
    <span
      className={`avatar avatar--${size}`}
      style={{ backgroundColor: color }}
      aria-hidden="true"
    >
      {initialOf(name)}
    </span>
  );
}
