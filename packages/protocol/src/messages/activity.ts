import { z } from 'zod';
import { publicUserSchema } from '../users.ts';

/** What one person did to the document in the last minute. */
export const activityEditorSchema = z.object({
  user: publicUserSchema,
  /** Characters inserted and deleted in the last minute (all text in the document). */
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  /** ISO time of their last change. */
  lastEditAt: z.iso.datetime(),
});
export type ActivityEditor = z.infer<typeof activityEditorSchema>;

/**
 * Server → client, a stream while the connection is subscribed (`activity.subscribe`): the
 * document's activity now. At most ACTIVITY_MAX_PER_SECOND a second; changes in between are
 * coalesced into the next message. The first comes right after subscribing.
 */
export const activitySchema = z.object({
  type: z.literal('activity'),
  /** People who changed the document in the last minute, most recent first. */
  editors: z.array(activityEditorSchema),
  words: z.number().int().nonnegative(),
  /** Open connections to the document (tabs, including this one). */
  connections: z.number().int().nonnegative(),
  at: z.iso.datetime(),
});
export type Activity = z.infer<typeof activitySchema>;

export const ACTIVITY_MAX_PER_SECOND = 4;
/** The window the per-person counts cover. */
export const ACTIVITY_WINDOW_MS = 60_000;
