import { z } from 'zod';
import { publicUserSchema } from './users.ts';

/**
 * Something that happened to the caller:
 * - `shared`: `actor` shared document `docId` with them (`role` is what they got);
 * - `mentioned`: `actor` mentioned them in document `docId`.
 * `docTitle` is the title when it happened. `readAt` is null while unread.
 */
export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(['shared', 'mentioned']),
  actor: publicUserSchema,
  docId: z.string(),
  docTitle: z.string(),
  role: z.enum(['editor', 'viewer']).optional(),
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
