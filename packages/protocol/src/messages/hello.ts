import { z } from 'zod';

/**
 * Client → server, first app message on a connection. Until a connection has sent it the
 * server sends it no type-100 frame, so stock y-websocket clients never see one.
 * A protocol the server cannot speak gets error UNSUPPORTED_PROTOCOL and close 4400.
 */
export const helloSchema = z.object({
  type: z.literal('hello'),
  protocol: z.number().int().positive(),
});
export type Hello = z.infer<typeof helloSchema>;
