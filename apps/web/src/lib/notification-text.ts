import { type Notification, type NotificationKind, Pages } from '@inkwell/protocol';

const BADGE_CAP = 99;

/** The bell's badge: the count, or "99+" past that. */
export function badgeText(unread: number): string {
  return unread > BADGE_CAP ? `${BADGE_CAP}+` : String(unread);
}

/** The bell's accessible name, which carries the count the badge shows. */
export function bellLabel(unread: number): string {
  return unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`;
}

/** What happened, around the person and the document: "{actor} shared {title} with you". */
export const NOTIFICATION_PHRASES: Record<NotificationKind, { before: string; after: string }> = {
  shared: { before: 'shared', after: 'with you' },
  mentioned: { before: 'mentioned you in', after: '' },
  comment_mention: { before: 'mentioned you in a comment on', after: '' },
  comment_reply: { before: 'replied to a comment on', after: '' },
};

/** "Ana shared “Plan” with you", "Ana mentioned you in “Plan”", "Ana replied to a comment on “Plan”". */
export function notificationSentence(notification: Pick<Notification, 'kind' | 'actor' | 'docTitle'>): string {
  const { before, after } = NOTIFICATION_PHRASES[notification.kind];
  return `${notification.actor.name} ${before} “${notification.docTitle}”${after ? ` ${after}` : ''}`;
}

/** Where opening a notification leads: the document, at the thread for a comment. */
export function notificationTarget(notification: Pick<Notification, 'docId' | 'threadId'>): string {
  return Pages.doc(notification.docId, notification.threadId);
}
