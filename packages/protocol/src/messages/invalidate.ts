import { z } from 'zod';

/**
 * Invalidation: something changed; the receiver refetches it over HTTP if it shows it.
 * Used on the document socket (type-100 `invalidate`) and on the SSE stream (`invalidate`).
 *
 * - `docs`: the caller's document list (`id` is the document that changed in it);
 * - `doc`: one document's metadata; `members`: its members; `versions`: its versions;
 * - `notifications`: the caller's notification list (`id` is `*` for all of them);
 * - `trash`: the caller's trash (`id` is the document put in, restored from or purged from it).
 */
export const invalidateEntitySchema = z.enum(['docs', 'doc', 'members', 'versions', 'notifications', 'trash']);
export type InvalidateEntity = z.infer<typeof invalidateEntitySchema>;

export const invalidateActionSchema = z.enum(['created', 'updated', 'deleted', 'shared', 'unshared', 'restored', 'read', 'purged']);
export type InvalidateAction = z.infer<typeof invalidateActionSchema>;

export const invalidationSchema = z.object({
  entity: invalidateEntitySchema,
  id: z.string(),
  action: invalidateActionSchema,
});
export type Invalidation = z.infer<typeof invalidationSchema>;

export const invalidateSchema = invalidationSchema.extend({ type: z.literal('invalidate') });
export type Invalidate = z.infer<typeof invalidateSchema>;
