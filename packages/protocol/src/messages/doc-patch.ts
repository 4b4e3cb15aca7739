import { z } from 'zod';
import { roleSchema } from '../documents.ts';

/**
 * Server → client (after hello): fields of the document, as this connection sees it, that
 * changed. `role` is the receiver's own role (sent when an owner changes it, so a tab turns
 * read-only at once); `title` and `updatedAt` come with a rename (`doc.rename`, or PATCH).
 */
export const docPatchSchema = z.object({
  type: z.literal('docPatch'),
  id: z.string(),
  delta: z.object({ title: z.string().optional(), role: roleSchema.optional(), updatedAt: z.iso.datetime().optional() }),
});
export type DocPatch = z.infer<typeof docPatchSchema>;
