import { z } from 'zod';

/**
 * Server → client, the answer to hello. `user` is the account behind the connection; null
 * until accounts exist. `connectionId` names this connection in logs and later messages.
 */
export const welcomeSchema = z.object({
  type: z.literal('welcome'),
  protocol: z.number().int().positive(),
  user: z.object({ id: z.string(), name: z.string(), color: z.string() }).nullable(),
  connectionId: z.string(),
});
export type Welcome = z.infer<typeof welcomeSchema>;
