import { z } from 'zod';

// Images in documents (API.md §8). `POST /api/docs/:id/images` takes the image's bytes as the
// body; the server decides the type from the bytes themselves (their magic numbers), never
// from Content-Type, and keeps PNG, JPEG, GIF and WebP only: SVG can carry script, and a type
// the browser sniffs differently from what we serve is how a stored file becomes a page.
// The answer's `url` is same-origin and relative, and is what the document's image node holds.

/** Largest image body, in bytes (413 past it). */
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/** The types an image may have, as the server serves them. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export const imageTypeSchema = z.enum(IMAGE_TYPES);
export type ImageType = z.infer<typeof imageTypeSchema>;

/** Image ids, like document ids, travel in URLs unescaped. */
export const IMAGE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isImageId(value: unknown): value is string {
  return typeof value === 'string' && IMAGE_ID_PATTERN.test(value);
}

export const uploadImageResultSchema = z.object({
  /** `/api/docs/:id/images/:imageId`, relative to the server's origin. */
  url: z.string(),
});
export type UploadImageResult = z.infer<typeof uploadImageResultSchema>;
