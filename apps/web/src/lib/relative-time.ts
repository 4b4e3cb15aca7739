const formatter = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "yesterday"… for a time in the past. */
export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'at an unknown time';
  // Clocks of client and server drift; a time slightly in the future still reads "just now".
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return formatter.format(-Math.floor(seconds / size), unit);
  }
  return formatter.format(-1, 'minute');
}

export function formatAbsoluteTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

/** "in 29 days", "tomorrow", "in 3 hours"… for a time in the future ("soon" once it is close or past). */
export function formatTimeUntil(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'at an unknown time';
  const seconds = Math.round((then - now) / 1000);
  if (seconds < 60) return 'soon';
  for (const [unit, size] of UNITS) {
    // Days stay days below six weeks: "in 30 days" reads better than "next month" or "in 4
    // weeks" for a deadline.
    if (unit === 'week' || (unit === 'month' && seconds < 45 * 24 * 3600)) continue;
    // Rounded: a document trashed a second ago goes "in 30 days", not "in 29 days".
    if (seconds >= size) return formatter.format(Math.round(seconds / size), unit);
  }
  return formatter.format(1, 'minute');
}
