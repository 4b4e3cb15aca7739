// What the server tells a user after the fact: the per-user event log behind the SSE stream,
// notifications, and the mention nodes already notified.

/** One event for one user's SSE log; `data` is the event's JSON text. */
export interface UserEventInput {
  userId: string;
  name: string;
  data: string;
}

export interface UserEventRecord extends UserEventInput {
  /** Consecutive per user, from 1. */
  id: number;
  createdAt: number;
}

/** How much of each user's event log is kept: events younger than maxAgeMs, at most maxEvents. */
export interface EventRetention {
  maxAgeMs: number;
  maxEvents: number;
}

export interface NotificationRecord {
  id: string;
  /** Who it is for. */
  userId: string;
  kind: 'shared' | 'mentioned' | 'comment_mention' | 'comment_reply';
  actorId: string;
  docId: string;
  /** The title when it happened. */
  docTitle: string;
  /** For `shared`: the role given. */
  role?: 'editor' | 'commenter' | 'viewer';
  /** For the comment kinds: the thread, and the start of the comment as it read then. */
  threadId?: string;
  excerpt?: string;
  createdAt: number;
  readAt: number | null;
}

export type MarkReadResult = 'marked' | 'unchanged' | 'missing';

export interface EventStore {
  /**
   * Appends events in one transaction (all or none: an unknown user fails the batch), giving
   * each the next id of its user, and prunes what `retention` no longer keeps for those
   * users. Returns the records in input order.
   */
  appendUserEvents(events: readonly UserEventInput[], now: number, retention: EventRetention): Promise<UserEventRecord[]>;
  /**
   * Prunes `userId`'s log to `retention`, then returns its kept events with id > afterId in
   * id order, and the last id ever issued to the user (0 when none). Pruning always removes
   * a prefix of ids, so the kept log has no holes.
   */
  readUserEvents(
    userId: string,
    afterId: number,
    now: number,
    retention: EventRetention,
  ): Promise<{ lastId: number; events: UserEventRecord[] }>;

  /**
   * Stores a notification; the user keeps at most `keep` of them (the oldest go). Throws for
   * an unknown user or actor. A notification outlives its document.
   */
  createNotification(notification: NotificationRecord, keep: number): Promise<void>;
  /** Newest first (ties: latest insert first), at most `limit`. */
  listNotifications(userId: string, limit: number): Promise<NotificationRecord[]>;
  countUnreadNotifications(userId: string): Promise<number>;
  /** `missing` also when the notification is someone else's. */
  markNotificationRead(userId: string, id: string, now: number): Promise<MarkReadResult>;
  /** Returns how many were unread. */
  markAllNotificationsRead(userId: string, now: number): Promise<number>;

  /**
   * Records mention nodes of a document as handled; returns those not recorded before.
   * Nothing is claimed for an unknown document, and the claims go with their document.
   */
  claimMentionNodes(docId: string, nodeIds: readonly string[]): Promise<string[]>;
}
