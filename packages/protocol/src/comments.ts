import { z } from 'zod';
import { publicUserSchema } from './users.ts';

// Comments (API.md §7): threads anchored to a range of the text, kept by the server, not in
// the Y.Doc, so nobody can forge or erase one by editing. The HTTP routes and the socket's
// `comment.*` RPC methods are one service; every change is pushed to the document's
// connections as `{type:"thread",thread}`.

/** A comment's body: plain text, shown literally (no markup), 1 to this many characters. */
export const COMMENT_BODY_MAX_LENGTH = 10_000;
/** The quoted text kept with an anchor (clients shorten longer selections with "…"). */
export const COMMENT_QUOTE_MAX_LENGTH = 1_000;
/** An encoded relative position is a few dozen bytes; this bounds a hostile one. */
export const COMMENT_POSITION_MAX_LENGTH = 1_024;
/** People one comment may mention. */
export const COMMENT_MENTIONS_MAX = 50;
/** Threads one document may hold, and comments one thread may hold. */
export const THREADS_PER_DOC_MAX = 5_000;
export const COMMENTS_PER_THREAD_MAX = 500;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * One end of an anchor: base64 of `Y.encodeRelativePosition` of a position inside the
 * document's `default` XML fragment. The server checks that it decodes (400 otherwise).
 */
export const relativePositionSchema = z.string().min(4).max(COMMENT_POSITION_MAX_LENGTH).regex(BASE64, 'Anchor positions must be base64');

export const commentAnchorSchema = z
  .object({
    start: relativePositionSchema,
    end: relativePositionSchema,
    /** The text that was selected, as the author saw it. */
    quote: z.string().min(1, 'The quoted text must not be empty').max(COMMENT_QUOTE_MAX_LENGTH),
  })
  .strict();
export type CommentAnchor = z.infer<typeof commentAnchorSchema>;

export const commentBodySchema = z
  .string()
  .max(COMMENT_BODY_MAX_LENGTH, `A comment must be at most ${COMMENT_BODY_MAX_LENGTH.toLocaleString('en')} characters`)
  .refine((body) => body.trim().length > 0, 'A comment must not be empty');

/** User ids the body mentions as `@Name`; each must be able to open the document. */
const mentionsSchema = z.array(z.string().min(1).max(64)).max(COMMENT_MENTIONS_MAX).optional();

export const commentSchema = z.object({
  id: z.string(),
  author: publicUserSchema,
  body: z.string(),
  /** User ids mentioned in the body (each notified once, when the comment is written). */
  mentions: z.array(z.string()),
  createdAt: z.iso.datetime(),
  /** Null until the author edits it. */
  editedAt: z.iso.datetime().nullable(),
});
export type Comment = z.infer<typeof commentSchema>;

export const threadSchema = z.object({
  id: z.string(),
  anchor: commentAnchorSchema,
  resolved: z.boolean(),
  /** Who resolved it, and when; null while open. */
  resolvedBy: publicUserSchema.nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  /** Oldest first; the first one opened the thread. */
  comments: z.array(commentSchema),
});
export type Thread = z.infer<typeof threadSchema>;

/** `GET /api/docs/:id/comments`: every thread of the document, resolved ones too, oldest first. */
export const threadListSchema = z.object({ threads: z.array(threadSchema) });
export type ThreadList = z.infer<typeof threadListSchema>;

/** `POST /api/docs/:id/comments`, RPC `comment.create`. */
export const createThreadBodySchema = z.object({ anchor: commentAnchorSchema, body: commentBodySchema, mentions: mentionsSchema }).strict();
export type CreateThreadBody = z.input<typeof createThreadBodySchema>;

/** `POST …/comments/:threadId/replies`, and `PATCH …/replies/:commentId` (an edit). */
export const commentTextBodySchema = z.object({ body: commentBodySchema, mentions: mentionsSchema }).strict();
export type CommentTextBody = z.input<typeof commentTextBodySchema>;

/** `PATCH /api/docs/:id/comments/:threadId`. */
export const resolveThreadBodySchema = z.object({ resolved: z.boolean() }).strict();
export type ResolveThreadBody = z.infer<typeof resolveThreadBodySchema>;

const refSchema = z.string().min(1).max(64);
export const threadRefSchema = z.object({ threadId: refSchema }).strict();
export const commentRefSchema = z.object({ threadId: refSchema, commentId: refSchema }).strict();

/**
 * Server → client on the document socket, to every connection after any change: the thread
 * as it is now, or `{id, deleted:true}` when it is gone (its first comment was deleted).
 */
export const threadPushSchema = z.object({
  type: z.literal('thread'),
  thread: z.union([threadSchema, z.object({ id: z.string(), deleted: z.literal(true) })]),
});
export type ThreadPush = z.infer<typeof threadPushSchema>;
