// The event-log and notification rows as both backends read them, and the records made from them.
import type { NotificationRecord, UserEventRecord } from './event-store.ts';

export interface EventRow {
  user_id: string;
  id: number;
  name: string;
  data: string;
  created_at: number;
}

export interface NotificationRow {
  id: string;
  user_id: string;
  kind: NotificationRecord['kind'];
  actor_id: string;
  doc_id: string;
  doc_title: string;
  role: NonNullable<NotificationRecord['role']> | null;
  created_at: number;
  read_at: number | null;
  thread_id: string | null;
  excerpt: string | null;
}

export const toEvent = (row: EventRow): UserEventRecord => ({
  userId: row.user_id,
  id: row.id,
  name: row.name,
  data: row.data,
  createdAt: row.created_at,
});

export const toNotification = (row: NotificationRow): NotificationRecord => ({
  id: row.id,
  userId: row.user_id,
  kind: row.kind,
  actorId: row.actor_id,
  docId: row.doc_id,
  docTitle: row.doc_title,
  ...(row.role !== null ? { role: row.role } : {}),
  ...(row.thread_id !== null ? { threadId: row.thread_id } : {}),
  ...(row.excerpt !== null ? { excerpt: row.excerpt } : {}),
  createdAt: row.created_at,
  readAt: row.read_at,
});
