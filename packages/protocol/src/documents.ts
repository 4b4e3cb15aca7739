import { z } from 'zod';
import { docIdSchema } from './doc-id.ts';
import { TITLE_MAX_LENGTH } from './limits.ts';
import { publicUserSchema } from './users.ts';

export const DEFAULT_TITLE = 'Untitled';

/**
 * `commenter` reads and comments; like a viewer, their sync updates are not applied (API.md §7).
 */
export const roleSchema = z.enum(['owner', 'editor', 'commenter', 'viewer']);
export type Role = z.infer<typeof roleSchema>;

/** Owner and editors change the text; commenters and viewers only read it. */
export const canEditText = (role: Role): boolean => role === 'owner' || role === 'editor';
/** Everyone but viewers may write comments. */
export const canComment = (role: Role): boolean => role !== 'viewer';

/** A document's metadata as the API returns it. Times are ISO 8601 strings (UTC). */
export const docSchema = z.object({
  id: docIdSchema,
  title: z.string(),
  role: roleSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Doc = z.infer<typeof docSchema>;

/**
 * One entry of GET /api/docs: the document plus what the list shows about it. The extra
 * fields are optional (a server before them sends none; a document never edited through the
 * editor has no last editor): `snippet` is the start of its plain text (at most
 * DOC_SNIPPET_LENGTH characters, whitespace collapsed, "…" when cut; empty when it has no
 * text or is not indexed yet), `owner` the person who owns it, `lastEditor` the last person
 * whose edit was stored and `editedAt` when (ISO 8601).
 */
export const docListEntrySchema = docSchema.extend({
  snippet: z.string().optional(),
  owner: publicUserSchema.optional(),
  lastEditor: publicUserSchema.optional(),
  editedAt: z.iso.datetime().optional(),
});
export type DocListEntry = z.infer<typeof docListEntrySchema>;

/** Characters of plain text in a list entry's snippet. */
export const DOC_SNIPPET_LENGTH = 140;

export const docListSchema = z.object({ docs: z.array(docListEntrySchema) });
export type DocList = z.infer<typeof docListSchema>;

// Titles are trimmed; a blank title on create becomes DEFAULT_TITLE, on rename it is refused.
const titleSchema = z.string().trim().max(TITLE_MAX_LENGTH, `Title must be at most ${TITLE_MAX_LENGTH} characters`);

export const createDocBodySchema = z
  .object({ title: titleSchema.optional() })
  .strict()
  .transform(({ title }) => ({ title: title || DEFAULT_TITLE }));
export type CreateDocBody = z.input<typeof createDocBodySchema>;

export const renameDocBodySchema = z.object({ title: titleSchema.min(1, 'Title must not be empty') }).strict();
export type RenameDocBody = z.infer<typeof renameDocBodySchema>;
