import { z } from 'zod';

/** Error codes carried by app messages on the document socket (not HTTP statuses). */
export const socketErrorCodeSchema = z.enum([
  'UNSUPPORTED_PROTOCOL',
  'BAD_REQUEST',
  'METHOD_NOT_FOUND',
  'RATE_LIMITED',
  'FORBIDDEN',
  'NOT_FOUND',
  'TIMEOUT',
  'INTERNAL',
]);
export type SocketErrorCode = z.infer<typeof socketErrorCodeSchema>;

/** Server → client: a problem with an app message that is not an RPC answer. */
export const socketErrorSchema = z.object({
  type: z.literal('error'),
  code: socketErrorCodeSchema,
  message: z.string(),
});
export type SocketError = z.infer<typeof socketErrorSchema>;
