import { z } from 'zod';
import { helloSchema } from './messages/hello.ts';
import { rpcRequestSchema } from './messages/rpc.ts';
import { typingSchema } from './messages/typing.ts';

// App messages a client may send (type-100 frames, JSON in a varString). Protocol rules:
// docs/protocol.md.
export const clientMessageSchema = z.discriminatedUnion('type', [helloSchema, rpcRequestSchema, typingSchema]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** Largest app message the server parses; larger ones get BAD_REQUEST. */
export const MAX_APP_MESSAGE_BYTES = 64 * 1024;
