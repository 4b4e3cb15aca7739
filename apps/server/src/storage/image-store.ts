// Images uploaded into documents (API.md §8): the bytes and what the server learnt of them.
// An image belongs to one document and goes with it when the document is purged (deleteDoc);
// a trashed document keeps its images, like the rest of its rows, until then. Identical bytes
// uploaded twice into one document are stored once: the second upload gets the first image.
import type { ImageType } from '@inkwell/protocol';

export interface ImageRecord {
  id: string;
  docId: string;
  /** Who uploaded it; null once that account is gone. */
  uploaderId: string | null;
  /** Hex SHA-256 of the bytes: the dedupe key within a document, and the ETag. */
  sha256: string;
  size: number;
  /** Sniffed from the bytes, never taken from the request. */
  contentType: ImageType;
  createdAt: number;
}

export interface StoredImage extends ImageRecord {
  data: Uint8Array;
}

export interface ImageUsage {
  count: number;
  bytes: number;
}

export interface ImageStore {
  /**
   * Stores an image, or returns the document's image with the same sha256 and writes nothing
   * (`created` false). Throws DocNotFoundError for an unknown document.
   */
  putImage(image: StoredImage): Promise<{ image: ImageRecord; created: boolean }>;
  /** undefined when the document holds no image with that id (another document's never answers). */
  getImage(docId: string, imageId: string): Promise<StoredImage | undefined>;
  /** How many images, and how many bytes of them, the document holds. */
  imageUsage(docId: string): Promise<ImageUsage>;
}
