// The per-user event log, notifications and handled mention nodes in SQLite (tables from
// migration 4; notifications rebuilt with the comment kinds by migration 6).
import type Database from 'better-sqlite3';
import { type EventRow, type NotificationRow, toEvent, toNotification } from './event-rows.ts';
import type { EventRetention, EventStore, MarkReadResult, NotificationRecord, UserEventInput, UserEventRecord } from './event-store.ts';
import { transactionOf } from './sqlite-connection.ts';

const NOTIFICATION_COLUMNS = 'id, user_id, kind, actor_id, doc_id, doc_title, role, created_at, read_at, thread_id, excerpt';

export class SqliteEvents implements EventStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      nextId: db.prepare<[string], { last_id: number }>(
        `INSERT INTO user_event_counters (user_id, last_id) VALUES (?, 1)
         ON CONFLICT (user_id) DO UPDATE SET last_id = last_id + 1 RETURNING last_id`,
      ),
      lastId: db.prepare<[string], { last_id: number }>('SELECT last_id FROM user_event_counters WHERE user_id = ?'),
      insertEvent: db.prepare('INSERT INTO user_events (user_id, id, name, data, created_at) VALUES (?, ?, ?, ?, ?)'),
      // Pruning always removes a prefix of ids (everything up to the newest expired event,
      // and everything beyond the newest maxEvents), so the kept log has no holes even if
      // the clock went backwards between two appends.
      pruneEvents: db.prepare<[{ user: string; beyond: number; cutoff: number }]>(
        `DELETE FROM user_events WHERE user_id = @user AND id <= max(
           @beyond,
           coalesce((SELECT max(id) FROM user_events WHERE user_id = @user AND created_at < @cutoff), 0))`,
      ),
      readEvents: db.prepare<[string, number], EventRow>(
        'SELECT user_id, id, name, data, created_at FROM user_events WHERE user_id = ? AND id > ? ORDER BY id',
      ),

      insertNotification: db.prepare(`INSERT INTO notifications (${NOTIFICATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      pruneNotifications: db.prepare<[string, number]>(
        `DELETE FROM notifications WHERE rowid IN (
           SELECT rowid FROM notifications WHERE user_id = ?
           ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?)`,
      ),
      listNotifications: db.prepare<[string, number], NotificationRow>(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE user_id = ?
         ORDER BY created_at DESC, rowid DESC LIMIT ?`,
      ),
      countUnread: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL'),
      readState: db.prepare<[string, string], { read_at: number | null }>('SELECT read_at FROM notifications WHERE id = ? AND user_id = ?'),
      markRead: db.prepare('UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL'),
      markAllRead: db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL'),

      docExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM documents WHERE id = ?'),
      claimMention: db.prepare('INSERT OR IGNORE INTO mention_nodes (doc_id, node_id) VALUES (?, ?)'),
    };
  }

  private prune(userId: string, now: number, retention: EventRetention): void {
    const lastId = this.stmt.lastId.get(userId)?.last_id ?? 0;
    this.stmt.pruneEvents.run({ user: userId, beyond: lastId - retention.maxEvents, cutoff: now - retention.maxAgeMs });
  }

  private readonly writeEvents = (events: readonly UserEventInput[], now: number, retention: EventRetention): UserEventRecord[] => {
    const records = events.map((e) => {
      const id = this.stmt.nextId.get(e.userId)!.last_id;
      this.stmt.insertEvent.run(e.userId, id, e.name, e.data, now);
      return { userId: e.userId, id, name: e.name, data: e.data, createdAt: now };
    });
    for (const userId of new Set(events.map((e) => e.userId))) this.prune(userId, now, retention);
    return records;
  };

  async appendUserEvents(events: readonly UserEventInput[], now: number, retention: EventRetention): Promise<UserEventRecord[]> {
    if (events.length === 0) return [];
    return transactionOf(this.db, this.writeEvents).immediate(events, now, retention);
  }

  private readonly readEvents = (
    userId: string,
    afterId: number,
    now: number,
    retention: EventRetention,
  ): { lastId: number; events: UserEventRecord[] } => {
    this.prune(userId, now, retention);
    return {
      lastId: this.stmt.lastId.get(userId)?.last_id ?? 0,
      events: this.stmt.readEvents.all(userId, afterId).map(toEvent),
    };
  };

  async readUserEvents(
    userId: string,
    afterId: number,
    now: number,
    retention: EventRetention,
  ): Promise<{ lastId: number; events: UserEventRecord[] }> {
    return transactionOf(this.db, this.readEvents).immediate(userId, afterId, now, retention);
  }

  private readonly insertNotification = (n: NotificationRecord, keep: number): void => {
    this.stmt.insertNotification.run(
      n.id,
      n.userId,
      n.kind,
      n.actorId,
      n.docId,
      n.docTitle,
      n.role ?? null,
      n.createdAt,
      n.readAt,
      n.threadId ?? null,
      n.excerpt ?? null,
    );
    this.stmt.pruneNotifications.run(n.userId, keep);
  };

  async createNotification(notification: NotificationRecord, keep: number): Promise<void> {
    transactionOf(this.db, this.insertNotification).immediate(notification, keep);
  }

  async listNotifications(userId: string, limit: number): Promise<NotificationRecord[]> {
    return this.stmt.listNotifications.all(userId, limit).map(toNotification);
  }

  async countUnreadNotifications(userId: string): Promise<number> {
    return this.stmt.countUnread.get(userId)!.n;
  }

  private readonly markOne = (userId: string, id: string, now: number): MarkReadResult => {
    const row = this.stmt.readState.get(id, userId);
    if (!row) return 'missing';
    if (row.read_at !== null) return 'unchanged';
    this.stmt.markRead.run(now, id, userId);
    return 'marked';
  };

  async markNotificationRead(userId: string, id: string, now: number): Promise<MarkReadResult> {
    return transactionOf(this.db, this.markOne).immediate(userId, id, now);
  }

  async markAllNotificationsRead(userId: string, now: number): Promise<number> {
    return this.stmt.markAllRead.run(now, userId).changes;
  }

  // A deleted document has nothing left to mention anyone in.
  private readonly claim = (docId: string, nodeIds: readonly string[]): string[] =>
    this.stmt.docExists.get(docId) ? [...new Set(nodeIds)].filter((nodeId) => this.stmt.claimMention.run(docId, nodeId).changes > 0) : [];

  async claimMentionNodes(docId: string, nodeIds: readonly string[]): Promise<string[]> {
    if (nodeIds.length === 0) return [];
    return transactionOf(this.db, this.claim).immediate(docId, nodeIds);
  }
}
