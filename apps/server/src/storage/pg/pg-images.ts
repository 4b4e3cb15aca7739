import type pg from 'pg';
import { DocNotFoundError } from '../errors.ts';
import { IMAGE_COLUMNS, type ImageRow, toImageRecord } from '../image-rows.ts';
import type { ImageRecord, ImageStore, ImageUsage, StoredImage } from '../image-store.ts';
import { isConstraintError, PgCode, toBuffer, toBytes } from './pg-connection.ts';

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
    const { rows } = await this.pool.query<ImageRow>(`SELECT ${IMAGE_COLUMNS} FROM doc_images WHERE doc_id = $1 AND sha256 = $2`, [
      docId,
      sha256,
    ]);
    if (!rows[0]) throw new Error(`image ${sha256} of ${docId} missing right after its insert`);
    return { image: toImageRecord(rows[0]), created };
  }

  async getImage(docId: string, imageId: string): Promise<StoredImage | undefined> {
    const { rows } = await this.pool.query<ImageRow & { data: Buffer }>(
      `SELECT ${IMAGE_COLUMNS}, data FROM doc_images WHERE doc_id = $1 AND id = $2`,
      [docId, imageId],
    );
    return rows[0] && { ...toImageRecord(rows[0]), data: toBytes(rows[0].data) };
  }

  async imageUsage(docId: string): Promise<ImageUsage> {
    const { rows } = await this.pool.query<ImageUsage>(
      'SELECT count(*) AS count, coalesce(sum(size), 0)::bigint AS bytes FROM doc_images WHERE doc_id = $1',
      [docId],
    );
    return rows[0] ?? { count: 0, bytes: 0 };
  }
}
