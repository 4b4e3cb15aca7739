import { z } from 'zod';
import { publicUserSchema } from './users.ts';

export const VERSION_LABEL_MAX_LENGTH = 100;

/**
 * `named`: a person made it; `auto`: the server took it while the document was edited or when
 * its last client left; `restore`: the server took it just before a restore (restore that one
 * to undo the restore).
 */
export const versionKindSchema = z.enum(['named', 'auto', 'restore']);
export type VersionKind = z.infer<typeof versionKindSchema>;

/**
 * A snapshot of a document's content. `author` made it (null for `auto`, or once the account
 * is gone); `authors` are the people whose edits it holds since the version before it, as far
 * as the server saw them (empty when it cannot tell, e.g. across a restart).
 */
export const versionSchema = z.object({
  id: z.string(),
  docId: z.string(),
  label: z.string(),
  kind: versionKindSchema,
  author: publicUserSchema.nullable(),
  authors: z.array(publicUserSchema),
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
