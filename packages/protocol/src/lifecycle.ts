import { z } from 'zod';
import { docIdSchema } from './doc-id.ts';

// A document's life beyond editing (API.md §6): search, trash, export and import, the content
// API and version diffs.

/** `GET /api/search?q=…`: longer queries are refused (400). */
export const SEARCH_QUERY_MAX_LENGTH = 200;
/** Results one search returns at most. */
export const SEARCH_RESULTS_MAX = 20;

export const searchQuerySchema = z
  .string()
  .max(SEARCH_QUERY_MAX_LENGTH, `A search must be at most ${SEARCH_QUERY_MAX_LENGTH} characters`)
  .refine((q) => q.trim().length > 0, 'Type something to search for');

/** One hit: `snippet` is plain text around the match (the matched words between `[` `]` are not marked; clients highlight the query words themselves). */
export const searchResultSchema = z.object({
  id: docIdSchema,
  title: z.string(),
  snippet: z.string(),
  updatedAt: z.iso.datetime(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

/** Best match first. */
export const searchResponseSchema = z.object({ results: z.array(searchResultSchema) });
export type SearchResponse = z.infer<typeof searchResponseSchema>;

/** Days a trashed document is kept before it is purged (`TRASH_RETENTION_DAYS`). */
export const DEFAULT_TRASH_RETENTION_DAYS = 30;

export const trashedDocSchema = z.object({
  id: docIdSchema,
  title: z.string(),
  deletedAt: z.iso.datetime(),
  /** When it will be purged for good. */
  purgeAt: z.iso.datetime(),
});
export type TrashedDoc = z.infer<typeof trashedDocSchema>;

/** `GET /api/trash`: the caller's trashed documents, most recently deleted first. */
export const trashListSchema = z.object({ docs: z.array(trashedDocSchema) });
export type TrashList = z.infer<typeof trashListSchema>;

/** `GET /api/docs/:id/export?format=…`. */
export const exportFormatSchema = z.enum(['md', 'html', 'json']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** Largest Markdown body `POST /api/docs/import` and `POST …/content` accept (413 past it). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** `GET /api/docs/:id/content`: the live state as ProseMirror JSON, plain text and Markdown. */
export const docContentSchema = z.object({
  json: z.object({ type: z.literal('doc') }).passthrough(),
  text: z.string(),
  markdown: z.string(),
});
export type DocContent = z.infer<typeof docContentSchema>;

/** `POST /api/docs/:id/content`: Markdown appended to, or replacing, the live document. */
export const writeContentBodySchema = z
  .object({
    markdown: z.string().max(IMPORT_MAX_BYTES),
    mode: z.enum(['append', 'replace']),
  })
  .strict();
export type WriteContentBody = z.infer<typeof writeContentBodySchema>;

/** `?against=` of a version diff: the version before it, or the live document. */
export const diffAgainstSchema = z.enum(['previous', 'current']);
export type DiffAgainst = z.infer<typeof diffAgainstSchema>;

/**
 * One run of a diff, in document order. Blocks (paragraphs, headings, list items, code
 * blocks…) end with "\n" inside `text`; within a block, runs are whole words (with the
 * spaces between them).
 */
export const diffChangeSchema = z.object({ type: z.enum(['added', 'removed', 'unchanged']), text: z.string() });
export type DiffChange = z.infer<typeof diffChangeSchema>;

/** `GET /api/docs/:id/versions/:versionId/diff`: from the older state to the newer one. */
export const versionDiffSchema = z.object({ changes: z.array(diffChangeSchema) });
export type VersionDiff = z.infer<typeof versionDiffSchema>;
