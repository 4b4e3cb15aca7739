// Notifications: creating one pushes it to the user's streams with the new unread count;
// reading pushes the count and an invalidation, so every tab and device follows.
import { randomBytes } from 'node:crypto';
import type { Notification, NotificationList, PublicUser } from '@inkwell/protocol';
import type { UserEvent, UserEventLog } from '../events/user-event-log.ts';
import type { AccountStore } from '../storage/account-store.ts';
import type { EventStore, NotificationRecord } from '../storage/event-store.ts';

/** GET /api/notifications returns at most this many, newest first (no pagination). */
export const NOTIFICATION_LIST_LIMIT = 50;
/** Each user keeps this many notifications; older ones are dropped as new ones arrive. */
export const NOTIFICATIONS_KEPT = 500;

export interface NewNotification {
  userId: string;
  kind: NotificationRecord['kind'];
  actor: PublicUser;
  docId: string;
  docTitle: string;
  role?: NotificationRecord['role'];
  /** For comment notifications: the thread, and the start of the comment. */
  threadId?: string;
  excerpt?: string;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export class NotificationService {
  private readonly now: () => number;

  constructor(
    private readonly storage: EventStore & AccountStore,
    private readonly events: UserEventLog,
    now?: () => number,
  ) {
    this.now = now ?? Date.now;
  }

  /** Stores a notification, then publishes `notification` and `unread`. */
  async notify(input: NewNotification): Promise<Notification> {
    const record: NotificationRecord = {
      id: randomBytes(12).toString('base64url'),
      userId: input.userId,
      kind: input.kind,
      actorId: input.actor.id,
      docId: input.docId,
      docTitle: input.docTitle,
      ...(input.role ? { role: input.role } : {}),
      ...(input.threadId ? { threadId: input.threadId } : {}),
      ...(input.excerpt ? { excerpt: input.excerpt } : {}),
      createdAt: this.now(),
      readAt: null,
    };
    await this.storage.createNotification(record, NOTIFICATIONS_KEPT);
    const notification = toApiNotification(record, input.actor);
    await this.events.publishWith(async () => [
      { userId: input.userId, event: 'notification', data: { notification } },
      await this.unreadEvent(input.userId),
    ]);
    return notification;
  }

  async list(userId: string): Promise<NotificationList> {
    const [records, unread] = await Promise.all([
      this.storage.listNotifications(userId, NOTIFICATION_LIST_LIMIT),
      this.storage.countUnreadNotifications(userId),
    ]);
    const actors = new Map<string, PublicUser>();
    for (const id of new Set(records.map((r) => r.actorId))) {
      const user = await this.storage.getUser(id);
      // Users are never deleted (and the foreign key holds), so this is belt and braces.
      actors.set(id, user ? { id: user.id, name: user.name, color: user.color } : { id, name: 'Someone', color: '#888888' });
    }
    return { notifications: records.map((r) => toApiNotification(r, actors.get(r.actorId)!)), unread };
  }

  /** false when there is no such notification of this user. */
  async markRead(userId: string, id: string): Promise<boolean> {
    const result = await this.storage.markNotificationRead(userId, id, this.now());
    if (result === 'marked') await this.publishRead(userId, id);
    return result !== 'missing';
  }

  async markAllRead(userId: string): Promise<void> {
    if ((await this.storage.markAllNotificationsRead(userId, this.now())) > 0) await this.publishRead(userId, '*');
  }

  private async publishRead(userId: string, id: string): Promise<void> {
    await this.events.publishWith(async () => [
      await this.unreadEvent(userId),
      { userId, event: 'invalidate', data: { entity: 'notifications', id, action: 'read' } },
    ]);
  }

  private async unreadEvent(userId: string): Promise<UserEvent> {
    return { userId, event: 'unread', data: { count: await this.storage.countUnreadNotifications(userId) } };
  }
}

export function toApiNotification(record: NotificationRecord, actor: PublicUser): Notification {
  return {
    id: record.id,
    kind: record.kind,
    actor,
    docId: record.docId,
    docTitle: record.docTitle,
    ...(record.role ? { role: record.role } : {}),
    ...(record.threadId ? { threadId: record.threadId } : {}),
    ...(record.excerpt ? { excerpt: record.excerpt } : {}),
    createdAt: iso(record.createdAt),
    readAt: record.readAt === null ? null : iso(record.readAt),
  };
}
