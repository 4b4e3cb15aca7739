// Full-text search in PostgreSQL: one search_docs row per document, its words as a tsvector
// under a GIN index (words, folding and weights: pg-search-text.ts), ranked with ts_rank.
import type pg from 'pg';
import type { SearchHit, SearchStore } from '../search-store.ts';
import { snippet, tsqueryText, tsvectorText } from './pg-search-text.ts';

interface HitRow {
  doc_id: string;
  title: string;
  updated_at: number;
  body: string;
}

/** PostgreSQL text cannot hold NUL; a document's text can. */
const withoutNul = (text: string): string => text.replaceAll('\u0000', '');

export class PgSearch implements SearchStore {
  constructor(private readonly pool: pg.Pool) {}

  // One statement: the document's stored state is read and the entry written together.
  async indexDoc(docId: string, title: string, text: string): Promise<boolean> {
    const body = withoutNul(text);
    const { rowCount } = await this.pool.query(
      `INSERT INTO search_docs (doc_id, body, terms, indexed_seq, indexed_updated_at)
       SELECT d.id, $2, $3::tsvector, d.last_seq, d.updated_at FROM documents d WHERE d.id = $1
       ON CONFLICT (doc_id) DO UPDATE SET body = excluded.body, terms = excluded.terms,
         indexed_seq = excluded.indexed_seq, indexed_updated_at = excluded.indexed_updated_at`,
      [docId, body, tsvectorText(withoutNul(title), body)],
    );
    return (rowCount ?? 0) > 0;
  }

  async removeDoc(docId: string): Promise<void> {
    await this.pool.query('DELETE FROM search_docs WHERE doc_id = $1', [docId]);
  }

  // The permission filter is part of the query: only the caller's documents, not in the
  // trash, are ranked at all, so LIMIT never counts a document they cannot open. Snippets
  // are cut here from the text of the hits only.
  async search(userId: string, query: string, limit: number): Promise<SearchHit[]> {
    const tsquery = tsqueryText(query);
    if (tsquery === undefined || limit <= 0) return [];
    const { rows } = await this.pool.query<HitRow>(
      `SELECT s.doc_id, d.title, d.updated_at, s.body
       FROM search_docs s
       JOIN documents d ON d.id = s.doc_id
       JOIN doc_members m ON m.doc_id = s.doc_id AND m.user_id = $1
       WHERE s.terms @@ $2::tsquery AND d.deleted_at IS NULL
       ORDER BY ts_rank(s.terms, $2::tsquery) DESC, d.updated_at DESC, d.pos
       LIMIT $3`,
      [userId, tsquery, limit],
    );
    return rows.map((row) => ({ docId: row.doc_id, title: row.title, snippet: snippet(row.body, query), updatedAt: row.updated_at }));
  }

  // Ids compare byte-wise (COLLATE "C"), as in SQLite, whatever the database's collation.
  async listUnindexedDocs(afterId: string, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT d.id FROM documents d LEFT JOIN search_docs s ON s.doc_id = d.id
       WHERE d.id COLLATE "C" > $1 AND d.deleted_at IS NULL
         AND (s.doc_id IS NULL OR s.indexed_seq <> d.last_seq OR s.indexed_updated_at <> d.updated_at)
       ORDER BY d.id COLLATE "C" LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((row) => row.id);
  }
}
