import { z } from 'zod';
import { socketErrorCodeSchema } from './error.ts';

/** An RPC id chosen by the client: echoed in the answer. */
export const rpcIdSchema = z.union([z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(64)]);
export type RpcId = z.infer<typeof rpcIdSchema>;

/**
 * Client → server: call `method` (rpc-methods.ts). `params` is checked against the method's
 * schema after the envelope: an unknown method gets METHOD_NOT_FOUND and bad params
 * BAD_REQUEST, both answered with this id, and the socket stays open.
 */
export const rpcRequestSchema = z.object({
  type: z.literal('rpc'),
  id: rpcIdSchema,
  method: z.string().min(1).max(64),
  params: z.unknown().optional(),
});
export type RpcRequest = z.infer<typeof rpcRequestSchema>;

export const rpcErrorBodySchema = z.object({ code: socketErrorCodeSchema, message: z.string() });
export type RpcErrorBody = z.infer<typeof rpcErrorBodySchema>;

/** Server → client: the call with this id failed. Exactly one answer per request. */
export const rpcErrorSchema = z.object({
  type: z.literal('rpc'),
  id: rpcIdSchema,
  error: rpcErrorBodySchema,
});

/** Server → client: the call with this id succeeded; `result` follows the method's schema. */
export const rpcResultSchema = z.object({
  type: z.literal('rpc'),
  id: rpcIdSchema,
  result: z.unknown(),
});

// The error form is tried first: `result` is unknown and would also match an error answer.
export const rpcReplySchema = z.union([rpcErrorSchema, rpcResultSchema]);
export type RpcReply = z.infer<typeof rpcReplySchema>;
