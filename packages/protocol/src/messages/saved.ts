import { z } from 'zod';

/**
 * Server → client (after hello): everything this connection sent up to now is durable.
 *
 * - `seq`: the document's sequence number of the last stored update at that commit.
 * - `updates`: how many sync frames carrying document data (sync step 2 and update, y-protocols
 *   message types 0/1 and 0/2) the server has received on this connection and stored, counted
 *   from the socket's opening. A client that counts the same frames as it sends them knows
 *   that all of its changes are saved when `updates` reaches its own count.
 *
 * Sent after each commit that holds this connection's updates (coalesced: at most one per
 * commit), and for a frame that changed nothing, as soon as it has been processed.
 */
export const savedSchema = z.object({
  type: z.literal('saved'),
  seq: z.number().int().nonnegative(),
  updates: z.number().int().nonnegative(),
});
export type Saved = z.infer<typeof savedSchema>;
