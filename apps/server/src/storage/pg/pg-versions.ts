// Document versions in PostgreSQL. The authors are a text[] of user ids, resolved to people
// in the reading query (ids of accounts that are gone drop out), in their stored order.
import type pg from 'pg';
import { DocNotFoundError } from '../errors.ts';
import type { VersionPerson, VersionReason, VersionRecord, VersionStore, VersionSummary } from '../version-store.ts';
import { isConstraintError, PgCode, toBuffer, toBytes } from './pg-connection.ts';

interface VersionRow {
  id: string;
  doc_id: string;
  label: string;
  reason: VersionReason;
  created_at: number;
  author_id: string | null;
  author_name: string | null;
  author_color: string | null;
  authors: VersionPerson[];
}

const toSummary = (row: VersionRow): VersionSummary => ({
  id: row.id,
  docId: row.doc_id,
  label: row.label,
  reason: row.reason,
  createdAt: row.created_at,
  author:
    row.author_id !== null && row.author_name !== null ? { id: row.author_id, name: row.author_name, color: row.author_color ?? '' } : null,
  authors: row.authors,
});

const COLUMNS = `v.id, v.doc_id, v.label, v.reason, v.created_at, u.id AS author_id, u.name AS author_name, u.color AS author_color,
  (SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.name, 'color', p.color) ORDER BY a.ord), '[]')
     FROM unnest(v.authors) WITH ORDINALITY AS a (id, ord) JOIN users p ON p.id = a.id) AS authors`;

export class PgVersions implements VersionStore {
  constructor(private readonly pool: pg.Pool) {}

  async createVersion(version: VersionRecord): Promise<VersionSummary> {
    try {
      await this.pool.query(
        'INSERT INTO doc_versions (id, doc_id, label, reason, author_id, authors, state, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          version.id,
          version.docId,
          version.label,
          version.reason,
          version.authorId,
          [...version.authorIds],
          toBuffer(version.state),
          version.createdAt,
        ],
      );
    } catch (err) {
      if (isConstraintError(err, PgCode.foreignKeyViolation, 'doc_versions_doc_id_fkey')) throw new DocNotFoundError(version.docId);
      throw err;
    }
    const row = await this.get(version.docId, version.id);
    if (!row) throw new Error(`version ${version.id} vanished after insert`);
    return toSummary(row);
  }

  private async get(docId: string, versionId: string): Promise<(VersionRow & { state: Buffer }) | undefined> {
    const { rows } = await this.pool.query<VersionRow & { state: Buffer }>(
      `SELECT ${COLUMNS}, v.state FROM doc_versions v LEFT JOIN users u ON u.id = v.author_id
       WHERE v.doc_id = $1 AND v.id = $2`,
      [docId, versionId],
    );
    return rows[0];
  }

  async listVersions(docId: string): Promise<VersionSummary[]> {
    const { rows } = await this.pool.query<VersionRow>(
      `SELECT ${COLUMNS} FROM doc_versions v LEFT JOIN users u ON u.id = v.author_id
       WHERE v.doc_id = $1 ORDER BY v.created_at DESC, v.pos DESC`,
      [docId],
    );
    return rows.map(toSummary);
  }

  async getVersion(docId: string, versionId: string): Promise<(VersionSummary & { state: Uint8Array }) | undefined> {
    const row = await this.get(docId, versionId);
    return row && { ...toSummary(row), state: toBytes(row.state) };
  }

  async deleteVersions(docId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const { rowCount } = await this.pool.query('DELETE FROM doc_versions WHERE doc_id = $1 AND id = ANY($2::text[])', [docId, [...ids]]);
    return rowCount ?? 0;
  }
}
