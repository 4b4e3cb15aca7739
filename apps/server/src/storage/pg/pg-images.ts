// Images in PostgreSQL (table doc_images, bytes as bytea). Every read takes the document id
// with the image id, so holding one document never reaches another document's image.
import type { ImageType } from '@inkwell/protocol';
import type pg from 'pg';
import { DocNotFoundError } from '../errors.ts';
import type { ImageRecord, ImageStore, ImageUsage, StoredImage } from '../image-store.ts';
import { isConstraintError, PgCode, toBuffer, toBytes } from './pg-connection.ts';

interface ImageRow {
  id: string;
  doc_id: string;
  uploader_id: string | null;
  sha256: string;
  content_type: string;
  size: number;
  created_at: number;
}

const COLUMNS = 'id, doc_id, uploader_id, sha256, content_type, size, created_at';

const toRecord = (row: ImageRow): ImageRecord => ({
  id: row.id,
  docId: row.doc_id,
  uploaderId: row.uploader_id,
  sha256: row.sha256,
  size: row.size,
  // The table's CHECK holds it to the four types.
  contentType: row.content_type as ImageType,
  createdAt: row.created_at,
});

export class PgImages implements ImageStore {
  constructor(private readonly pool: pg.Pool) {}

  // No transaction needed: when two instances store the same bytes at once, the second
  // INSERT waits for the first, does nothing, and the SELECT after it (a new snapshot under
  // READ COMMITTED) sees the first one's row.
  async putImage(image: StoredImage): Promise<{ image: ImageRecord; created: boolean }> {
    const { id, docId, uploaderId, sha256, contentType, size, data, createdAt } = image;
    let created: boolean;
    try {
      const { rowCount } = await this.pool.query(
        `INSERT INTO doc_images (id, doc_id, uploader_id, sha256, content_type, size, data, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (doc_id, sha256) DO NOTHING`,
        [id, docId, uploaderId, sha256, contentType, size, toBuffer(data), createdAt],
      );
      created = (rowCount ?? 0) > 0;
    } catch (err) {
      if (isConstraintError(err, PgCode.foreignKeyViolation, 'doc_images_doc_id_fkey')) throw new DocNotFoundError(docId);
      throw err;
    }
    const { rows } = await this.pool.query<ImageRow>(`SELECT ${COLUMNS} FROM doc_images WHERE doc_id = $1 AND sha256 = $2`, [
      docId,
      sha256,
    ]);
    if (!rows[0]) throw new Error(`image ${sha256} of ${docId} missing right after its insert`);
    return { image: toRecord(rows[0]), created };
  }

  async getImage(docId: string, imageId: string): Promise<StoredImage | undefined> {
    const { rows } = await this.pool.query<ImageRow & { data: Buffer }>(
      `SELECT ${COLUMNS}, data FROM doc_images WHERE doc_id = $1 AND id = $2`,
      [docId, imageId],
    );
    return rows[0] && { ...toRecord(rows[0]), data: toBytes(rows[0].data) };
  }

  async imageUsage(docId: string): Promise<ImageUsage> {
    const { rows } = await this.pool.query<ImageUsage>(
      'SELECT count(*) AS count, coalesce(sum(size), 0)::bigint AS bytes FROM doc_images WHERE doc_id = $1',
      [docId],
    );
    return rows[0] ?? { count: 0, bytes: 0 };
  }
}
