import { z } from 'zod';

// Document ids appear in URLs and WebSocket paths unescaped, so they are restricted to the
// URL-safe base64 alphabet. The server makes 16-character ids; any id matching this is valid.
export const DOC_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const docIdSchema = z.string().regex(DOC_ID_PATTERN);
export type DocId = z.infer<typeof docIdSchema>;

export function isDocId(value: unknown): value is DocId {
  return typeof value === 'string' && DOC_ID_PATTERN.test(value);
}
