import { z } from 'zod';
import { publicUserSchema } from './users.ts';

export const notificationKindSchema = z.enum(['shared', 'mentioned', 'comment_mention', 'comment_reply']);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** Longest `excerpt` of a comment a notification carries. */
export const NOTIFICATION_EXCERPT_MAX_LENGTH = 140;

/**
 * Something that happened to the caller:
 * - `shared`: `actor` shared document `docId` with them (`role` is what they got);
 * - `mentioned`: `actor` mentioned them in the text of document `docId`;
 * - `comment_mention`: `actor` mentioned them in a comment of thread `threadId`;
 * - `comment_reply`: `actor` replied in thread `threadId`, where they had written.
 * `docTitle` is the title when it happened; `excerpt` the start of the comment. `readAt` is
 * null while unread.
 */
export const notificationSchema = z.object({
  id: z.string(),
  kind: notificationKindSchema,
  actor: publicUserSchema,
  docId: z.string(),
  docTitle: z.string(),
  role: z.enum(['editor', 'commenter', 'viewer']).optional(),
  threadId: z.string().optional(),
  excerpt: z.string().optional(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

/** `GET /api/notifications`: newest first, and how many of all of them are unread. */
export const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
  unread: z.number().int().nonnegative(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

/** The `mention` node of the editor (Tiptap Mention): `id` is the user id, `label` the name. */
export const MENTION_NODE = 'mention';
