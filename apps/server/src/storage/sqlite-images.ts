// Images in SQLite (table doc_images, migration 9). Every read takes the document id with the
// image id, so holding one document never reaches another document's image by its id.

import Database from 'better-sqlite3';
import { DocNotFoundError } from './errors.ts';
import { IMAGE_COLUMNS, type ImageRow, toImageRecord } from './image-rows.ts';
import type { ImageRecord, ImageStore, ImageUsage, StoredImage } from './image-store.ts';
import { transactionOf } from './sqlite-connection.ts';

export class SqliteImages implements ImageStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insert: db.prepare(
        `INSERT INTO doc_images (id, doc_id, uploader_id, sha256, content_type, size, data, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id, sha256) DO NOTHING`,
      ),
      bySha: db.prepare<[string, string], ImageRow>(`SELECT ${IMAGE_COLUMNS} FROM doc_images WHERE doc_id = ? AND sha256 = ?`),
      get: db.prepare<[string, string], ImageRow & { data: Buffer }>(
        `SELECT ${IMAGE_COLUMNS}, data FROM doc_images WHERE doc_id = ? AND id = ?`,
      ),
      usage: db.prepare<[string], { count: number; bytes: number }>(
        'SELECT count(*) AS count, coalesce(sum(size), 0) AS bytes FROM doc_images WHERE doc_id = ?',
      ),
    };
  }

  private readonly put = (image: StoredImage): { image: ImageRecord; created: boolean } => {
    const { id, docId, uploaderId, sha256, contentType, size, data, createdAt } = image;
    const created = this.stmt.insert.run(id, docId, uploaderId, sha256, contentType, size, data, createdAt).changes > 0;
    const row = this.stmt.bySha.get(docId, sha256);
    if (!row) throw new Error(`image ${sha256} of ${docId} missing right after its insert`);
    return { image: toImageRecord(row), created };
  };

  async putImage(image: StoredImage): Promise<{ image: ImageRecord; created: boolean }> {
    try {
      return transactionOf(this.db, this.put)(image);
    } catch (err) {
      if (err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new DocNotFoundError(image.docId);
      throw err;
    }
  }

  async getImage(docId: string, imageId: string): Promise<StoredImage | undefined> {
    const row = this.stmt.get.get(docId, imageId);
    return row && { ...toImageRecord(row), data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) };
  }

  async imageUsage(docId: string): Promise<ImageUsage> {
    return this.stmt.usage.get(docId) ?? { count: 0, bytes: 0 };
  }
}
