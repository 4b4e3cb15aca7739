// The image rows as both backends read them, and the records made from them.
import type { ImageType } from '@inkwell/protocol';
import type { ImageRecord } from './image-store.ts';

export interface ImageRow {
  id: string;
  doc_id: string;
  uploader_id: string | null;
  sha256: string;
  content_type: string;
  size: number;
  created_at: number;
}

export const IMAGE_COLUMNS = 'id, doc_id, uploader_id, sha256, content_type, size, created_at';

export const toImageRecord = (row: ImageRow): ImageRecord => ({
  id: row.id,
  docId: row.doc_id,
  uploaderId: row.uploader_id,
  sha256: row.sha256,
  size: row.size,
  // The table's CHECK holds it to the four types.
  contentType: row.content_type as ImageType,
  createdAt: row.created_at,
});
