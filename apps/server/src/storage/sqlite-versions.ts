// Document versions in SQLite (table from migration 3, rebuilt by migration 7 for `auto` and
// the authors column).
import Database from 'better-sqlite3';
import { DocNotFoundError } from './errors.ts';
import { transactionOf } from './sqlite-connection.ts';
import type { VersionPerson, VersionReason, VersionRecord, VersionStore, VersionSummary } from './version-store.ts';

interface VersionRow {
  id: string;
  doc_id: string;
  label: string;
  reason: VersionReason;
  created_at: number;
  author_id: string | null;
  author_name: string | null;
  author_color: string | null;
  /** JSON array of {id, name, color}, in the order of the stored ids. */
  authors_json: string;
}

const toSummary = (row: VersionRow): VersionSummary => ({
  id: row.id,
  docId: row.doc_id,
  label: row.label,
  reason: row.reason,
  createdAt: row.created_at,
  author:
    row.author_id !== null && row.author_name !== null ? { id: row.author_id, name: row.author_name, color: row.author_color ?? '' } : null,
  authors: JSON.parse(row.authors_json) as VersionPerson[],
});

// The authors are resolved in the same query; ids of accounts that are gone drop out.
const COLUMNS = `v.id, v.doc_id, v.label, v.reason, v.created_at, u.id AS author_id, u.name AS author_name, u.color AS author_color,
  (SELECT json_group_array(json_object('id', p.id, 'name', p.name, 'color', p.color) ORDER BY j.key)
     FROM json_each(v.authors) j JOIN users p ON p.id = j.value) AS authors_json`;

export class SqliteVersions implements VersionStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insert: db.prepare(
        'INSERT INTO doc_versions (id, doc_id, label, reason, author_id, authors, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      get: db.prepare<[string, string], VersionRow & { state: Buffer }>(
        `SELECT ${COLUMNS}, v.state FROM doc_versions v LEFT JOIN users u ON u.id = v.author_id
         WHERE v.doc_id = ? AND v.id = ?`,
      ),
      list: db.prepare<[string], VersionRow>(
        `SELECT ${COLUMNS} FROM doc_versions v LEFT JOIN users u ON u.id = v.author_id
         WHERE v.doc_id = ? ORDER BY v.created_at DESC, v.rowid DESC`,
      ),
      delete: db.prepare<[string, string]>('DELETE FROM doc_versions WHERE doc_id = ? AND id = ?'),
    };
  }

  async createVersion(version: VersionRecord): Promise<VersionSummary> {
    try {
      this.stmt.insert.run(
        version.id,
        version.docId,
        version.label,
        version.reason,
        version.authorId,
        JSON.stringify(version.authorIds),
        version.state,
        version.createdAt,
      );
    } catch (err) {
      if (err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw new DocNotFoundError(version.docId);
      }
      throw err;
    }
    const row = this.stmt.get.get(version.docId, version.id);
    if (!row) throw new Error(`version ${version.id} vanished after insert`);
    return toSummary(row);
  }

  async listVersions(docId: string): Promise<VersionSummary[]> {
    return this.stmt.list.all(docId).map(toSummary);
  }

  async getVersion(docId: string, versionId: string): Promise<(VersionSummary & { state: Uint8Array }) | undefined> {
    const row = this.stmt.get.get(docId, versionId);
    if (!row) return undefined;
    const state = new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength);
    return { ...toSummary(row), state };
  }

  private readonly deleteAll = (docId: string, ids: readonly string[]): number =>
    ids.reduce((n, id) => n + this.stmt.delete.run(docId, id).changes, 0);

  async deleteVersions(docId: string, ids: readonly string[]): Promise<number> {
    return transactionOf(this.db, this.deleteAll)(docId, ids);
  }
}
