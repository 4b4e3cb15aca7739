import { z } from 'zod';
import { publicUserSchema } from './users.ts';

export const VERSION_LABEL_MAX_LENGTH = 100;

/**
 * A named snapshot of a document's content. `reason` is `manual` for one a person made, and
 * `before-restore` for the one the server makes just before a restore (restore that one to
 * undo the restore).
 */
export const versionSchema = z.object({
  id: z.string(),
  docId: z.string(),
  label: z.string(),
  reason: z.enum(['manual', 'before-restore']),
  author: publicUserSchema.nullable(),
  createdAt: z.iso.datetime(),
});
export type Version = z.infer<typeof versionSchema>;

export const versionListSchema = z.object({ versions: z.array(versionSchema) });
export type VersionList = z.infer<typeof versionListSchema>;

/** A blank or missing label becomes a default naming the time. */
export const createVersionBodySchema = z
  .object({
    label: z.string().trim().max(VERSION_LABEL_MAX_LENGTH, `Label must be at most ${VERSION_LABEL_MAX_LENGTH} characters`).optional(),
  })
  .strict();
export type CreateVersionBody = z.infer<typeof createVersionBodySchema>;

/** A version with its content: a Yjs update (base64) that rebuilds the document as it was. */
export const versionContentSchema = z.object({ version: versionSchema, update: z.base64() });
export type VersionContent = z.infer<typeof versionContentSchema>;
