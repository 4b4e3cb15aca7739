// The per-user event log, notifications and handled mention nodes in PostgreSQL. Event ids
// come from user_event_counters by an upsert, whose row lock orders two instances appending
// for the same user.
import type pg from 'pg';
import { type EventRow, type NotificationRow, toEvent, toNotification } from '../event-rows.ts';
import type { EventRetention, EventStore, MarkReadResult, NotificationRecord, UserEventInput, UserEventRecord } from '../event-store.ts';
import { inTransaction, type Queryable } from './pg-connection.ts';

const NOTIFICATION_COLUMNS = 'id, user_id, kind, actor_id, doc_id, doc_title, role, created_at, read_at, thread_id, excerpt';

export class PgEvents implements EventStore {
  constructor(private readonly pool: pg.Pool) {}

  // Pruning always removes a prefix of ids (everything up to the newest expired event, and
  // everything beyond the newest maxEvents), so the kept log has no holes.
  private async prune(c: Queryable, userId: string, now: number, retention: EventRetention): Promise<void> {
    await c.query(
      `DELETE FROM user_events WHERE user_id = $1 AND id <= greatest(
         coalesce((SELECT last_id FROM user_event_counters WHERE user_id = $1), 0) - $2,
         coalesce((SELECT max(id) FROM user_events WHERE user_id = $1 AND created_at < $3), 0))`,
      [userId, retention.maxEvents, now - retention.maxAgeMs],
    );
  }

  // Two statements for the whole batch: one upsert takes each user's ids at once (its row
  // locks taken in user id order, so two instances appending for overlapping users cannot
  // deadlock; an unknown user fails the foreign key and the batch), one INSERT writes them.
  async appendUserEvents(events: readonly UserEventInput[], now: number, retention: EventRetention): Promise<UserEventRecord[]> {
    if (events.length === 0) return [];
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e.userId, (counts.get(e.userId) ?? 0) + 1);
    const users = [...counts.keys()].sort();
    return inTransaction(this.pool, async (c) => {
      const { rows } = await c.query<{ user_id: string; last_id: number }>(
        `INSERT INTO user_event_counters AS k (user_id, last_id)
         SELECT u, n FROM unnest($1::text[], $2::bigint[]) AS x (u, n) ORDER BY u
         ON CONFLICT (user_id) DO UPDATE SET last_id = k.last_id + excluded.last_id
         RETURNING user_id, last_id`,
        [users, users.map((u) => counts.get(u))],
      );
      const next = new Map(rows.map((r) => [r.user_id, r.last_id - (counts.get(r.user_id) ?? 0)]));
      const records = events.map((e): UserEventRecord => {
        const id = (next.get(e.userId) ?? 0) + 1;
        next.set(e.userId, id);
        return { userId: e.userId, id, name: e.name, data: e.data, createdAt: now };
      });
      await c.query(
        `INSERT INTO user_events (user_id, id, name, data, created_at)
         SELECT u, i, n, d, $5 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) AS x (u, i, n, d)`,
        [records.map((r) => r.userId), records.map((r) => r.id), records.map((r) => r.name), records.map((r) => r.data), now],
      );
      for (const userId of users) await this.prune(c, userId, now, retention);
      return records;
    });
  }

  async readUserEvents(
    userId: string,
    afterId: number,
    now: number,
    retention: EventRetention,
  ): Promise<{ lastId: number; events: UserEventRecord[] }> {
    return inTransaction(this.pool, async (c) => {
      await this.prune(c, userId, now, retention);
      const last = await c.query<{ last_id: number }>('SELECT last_id FROM user_event_counters WHERE user_id = $1', [userId]);
      const { rows } = await c.query<EventRow>(
        'SELECT user_id, id, name, data, created_at FROM user_events WHERE user_id = $1 AND id > $2 ORDER BY id',
        [userId, afterId],
      );
      return { lastId: last.rows[0]?.last_id ?? 0, events: rows.map(toEvent) };
    });
  }

  async createNotification(n: NotificationRecord, keep: number): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await c.query(`INSERT INTO notifications (${NOTIFICATION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [
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
      ]);
      await c.query(
        `DELETE FROM notifications WHERE pos IN (
           SELECT pos FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, pos DESC OFFSET $2)`,
        [n.userId, keep],
      );
    });
  }

  async listNotifications(userId: string, limit: number): Promise<NotificationRecord[]> {
    const { rows } = await this.pool.query<NotificationRow>(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, pos DESC LIMIT $2`,
      [userId, limit],
    );
    return rows.map(toNotification);
  }

  async countUnreadNotifications(userId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      'SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    );
    return rows[0]?.n ?? 0;
  }

  async markNotificationRead(userId: string, id: string, now: number): Promise<MarkReadResult> {
    const { rowCount } = await this.pool.query('UPDATE notifications SET read_at = $3 WHERE id = $1 AND user_id = $2 AND read_at IS NULL', [
      id,
      userId,
      now,
    ]);
    if (rowCount) return 'marked';
    const { rows } = await this.pool.query('SELECT 1 FROM notifications WHERE id = $1 AND user_id = $2', [id, userId]);
    return rows.length > 0 ? 'unchanged' : 'missing';
  }

  async markAllNotificationsRead(userId: string, now: number): Promise<number> {
    const { rowCount } = await this.pool.query('UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL', [
      userId,
      now,
    ]);
    return rowCount ?? 0;
  }

  // A deleted document has nothing left to mention anyone in: nothing is claimed for it.
  async claimMentionNodes(docId: string, nodeIds: readonly string[]): Promise<string[]> {
    const unique = [...new Set(nodeIds)];
    if (unique.length === 0) return [];
    const { rows } = await this.pool.query<{ node_id: string }>(
      `INSERT INTO mention_nodes (doc_id, node_id)
       SELECT $1, n FROM unnest($2::text[]) AS n WHERE EXISTS (SELECT 1 FROM documents WHERE id = $1)
       ON CONFLICT DO NOTHING RETURNING node_id`,
      [docId, unique],
    );
    const claimed = new Set(rows.map((r) => r.node_id));
    return unique.filter((id) => claimed.has(id));
  }
}
