import type { Notification } from '@inkwell/protocol';

const BADGE_CAP = 99;

/** The bell's badge: the count, or "99+" past that. */
export function badgeText(unread: number): string {
  return unread > BADGE_CAP ? `${BADGE_CAP}+` : String(unread);
}

/** The bell's accessible name, which carries the count the badge shows. */
export function bellLabel(unread: number): string {
  return unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`;
}

/** "Ana shared “Plan” with you", "Ana mentioned you in “Plan”". */
export function notificationSentence(notification: Pick<Notification, 'kind' | 'actor' | 'docTitle'>): string {
  const { actor, docTitle } = notification;
  return notification.kind === 'shared' ? `${actor.name} shared “${docTitle}” with you` : `${actor.name} mentioned you in “${docTitle}”`;
}
