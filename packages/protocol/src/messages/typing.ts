import { z } from 'zod';
import { publicUserSchema } from '../users.ts';

/**
 * Client → server: this connection's person started (`active: true`) or stopped typing.
 * Clients send it at most once a second while typing goes on; the server drops more.
 */
export const typingSchema = z.object({ type: z.literal('typing'), active: z.boolean() });
export type Typing = z.infer<typeof typingSchema>;

/**
 * Server → every other connection of the document (never the sender): `user` is typing,
 * until `active: false` or until `expiresInMs` pass without a renewal (the sender may have
 * vanished). A disconnect sends `active: false`.
 */
export const typingNoticeSchema = z.object({
  type: z.literal('typing'),
  user: publicUserSchema,
  active: z.boolean(),
  expiresInMs: z.number().int().nonnegative(),
});
export type TypingNotice = z.infer<typeof typingNoticeSchema>;

/** How long a typing signal lasts without a renewal. */
export const TYPING_EXPIRES_MS = 5000;
/** Least time between two `typing` messages a client sends (more are dropped). */
export const TYPING_MIN_INTERVAL_MS = 1000;
