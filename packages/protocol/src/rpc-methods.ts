import { z } from 'zod';
import {
  commentRefSchema,
  commentSchema,
  commentTextBodySchema,
  createThreadBodySchema,
  resolveThreadBodySchema,
  threadListSchema,
  threadRefSchema,
  threadSchema,
} from './comments.ts';
import { docSchema, renameDocBodySchema } from './documents.ts';
import { createVersionBodySchema, versionContentSchema, versionListSchema, versionSchema } from './versions.ts';

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });
const versionRef = z.object({ versionId: z.string().min(1).max(64) }).strict();

/**
 * Every RPC method of the document socket, with the schema of its params and of its result.
 * The server's handlers (apps/server/src/rpc/<method>.ts) and the web client's calls are both
 * typed from this map, so a change here fails to compile on whichever side lags.
 */
export const RPC_METHODS = {
  /** Renames the document (editors and owner); every client of it gets `docPatch {title}`. */
  'doc.rename': { params: renameDocBodySchema, result: docSchema },
  /** The document as the caller sees it; also pushed as `doc` (full state). */
  'doc.info': { params: empty, result: docSchema },
  /** Stores the document's content now as a named version (editors and owner). */
  'version.create': { params: createVersionBodySchema, result: versionSchema },
  /** The document's versions, newest first. */
  'version.list': { params: empty, result: versionListSchema },
  /** One version with its content, for a preview. */
  'version.get': { params: versionRef, result: versionContentSchema },
  /**
   * Makes the live document equal to the version (editors and owner): first stores the
   * current content as a `before-restore` version (returned as `backup`; restoring it undoes
   * this), then writes the difference as one new update that every client receives.
   */
  'version.restore': { params: versionRef, result: z.object({ restored: versionSchema, backup: versionSchema }) },
  /** Starts the `activity` stream on this connection (the first message follows at once). */
  'activity.subscribe': { params: empty, result: ok },
  'activity.unsubscribe': { params: empty, result: ok },
  /** Every thread of the document, resolved ones too (any member). */
  'comment.list': { params: empty, result: threadListSchema },
  /** Opens a thread on a range of the text (owner, editors, commenters). */
  'comment.create': { params: createThreadBodySchema, result: threadSchema },
  'comment.reply': { params: threadRefSchema.extend(commentTextBodySchema.shape).strict(), result: commentSchema },
  'comment.resolve': { params: threadRefSchema.extend(resolveThreadBodySchema.shape).strict(), result: threadSchema },
  /** The author only. */
  'comment.edit': { params: commentRefSchema.extend(commentTextBodySchema.shape).strict(), result: commentSchema },
  /** The author, or the owner; deleting a thread's first comment deletes the thread. */
  'comment.delete': { params: commentRefSchema, result: ok },
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

export type RpcMethod = keyof typeof RPC_METHODS;
export type RpcParams<M extends RpcMethod> = z.input<(typeof RPC_METHODS)[M]['params']>;
export type RpcParsedParams<M extends RpcMethod> = z.output<(typeof RPC_METHODS)[M]['params']>;
export type RpcResult<M extends RpcMethod> = z.infer<(typeof RPC_METHODS)[M]['result']>;

export function isRpcMethod(name: string): name is RpcMethod {
  return Object.hasOwn(RPC_METHODS, name);
}

/** In-flight calls one connection may have; the next gets RATE_LIMITED. */
export const MAX_INFLIGHT_RPCS = 32;
/** A call not answered within this gets TIMEOUT (server side; clients wait a little longer). */
export const RPC_TIMEOUT_MS = 10_000;
