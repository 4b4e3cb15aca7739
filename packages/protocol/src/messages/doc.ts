import { z } from 'zod';
import { docSchema } from '../documents.ts';

/**
 * Server → client (after hello, and after `doc.info`): the whole document as this connection
 * sees it. Full state push: the client replaces its cached copy.
 */
export const docPushSchema = z.object({ type: z.literal('doc'), payload: docSchema });
export type DocPush = z.infer<typeof docPushSchema>;
