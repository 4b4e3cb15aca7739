// Full-text search in SQLite (tables from migration 8): an FTS5 table over title and body,
// search_docs naming the document each row holds and the stored state it was read from.
import type Database from 'better-sqlite3';
import { ftsMatchExpression } from './fts-query.ts';
import type { SearchHit, SearchStore } from './search-store.ts';
import { transactionOf } from './sqlite-connection.ts';

/** bm25 weights of the columns (title, body): a word in the title counts ten times one in the text. */
const TITLE_WEIGHT = 10;
const BODY_WEIGHT = 1;
/** Tokens in a snippet (FTS5 allows 1–64): about a line of text around the match. */
const SNIPPET_TOKENS = 16;
const ELLIPSIS = '…';

interface HitRow {
  id: number;
  doc_id: string;
  title: string;
  updated_at: number;
}

export class SqliteSearch implements SearchStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      docState: db.prepare<[string], { last_seq: number; updated_at: number }>('SELECT last_seq, updated_at FROM documents WHERE id = ?'),
      entry: db.prepare<[string], { id: number }>('SELECT id FROM search_docs WHERE doc_id = ?'),
      insertEntry: db.prepare<[string, number, number], { id: number }>(
        'INSERT INTO search_docs (doc_id, indexed_seq, indexed_updated_at) VALUES (?, ?, ?) RETURNING id',
      ),
      updateEntry: db.prepare('UPDATE search_docs SET indexed_seq = ?, indexed_updated_at = ? WHERE id = ?'),
      insertText: db.prepare('INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)'),
      updateText: db.prepare('UPDATE search_index SET title = ?, body = ? WHERE rowid = ?'),
      // The trigger from migration 8 drops the FTS row.
      removeEntry: db.prepare('DELETE FROM search_docs WHERE doc_id = ?'),
      // The permission filter is part of the query: only the caller's documents, not in the
      // trash, are ranked at all, so LIMIT never counts a document they cannot open. The FTS
      // table drives the join (MATCH is its index); each hit then costs three key lookups.
      search: db.prepare<[string, string, number], HitRow>(
        `SELECT s.id, s.doc_id, d.title, d.updated_at
         FROM search_index
         JOIN search_docs s ON s.id = search_index.rowid
         JOIN documents d ON d.id = s.doc_id
         JOIN doc_members m ON m.doc_id = s.doc_id AND m.user_id = ?
         WHERE search_index MATCH ? AND d.deleted_at IS NULL
         ORDER BY bm25(search_index, ${TITLE_WEIGHT}, ${BODY_WEIGHT}), d.updated_at DESC, s.id
         LIMIT ?`,
      ),
      // The CAST matters: better-sqlite3 binds a JS number as REAL, and FTS5 then drops the
      // rowid constraint (every hit got the first match's snippet).
      // Snippets only for the hits shown: snippet() re-tokenizes the whole text, too dear to
      // run for every document a common word matches before the LIMIT.
      snippet: db.prepare<[string, number], { snippet: string | null }>(
        `SELECT snippet(search_index, 1, '', '', '${ELLIPSIS}', ${SNIPPET_TOKENS}) AS snippet
         FROM search_index WHERE search_index MATCH ? AND rowid = CAST(? AS INTEGER)`,
      ),
      unindexed: db.prepare<[string, number], { id: string }>(
        `SELECT d.id FROM documents d LEFT JOIN search_docs s ON s.doc_id = d.id
         WHERE d.id > ? AND d.deleted_at IS NULL
           AND (s.id IS NULL OR s.indexed_seq <> d.last_seq OR s.indexed_updated_at <> d.updated_at)
         ORDER BY d.id LIMIT ?`,
      ),
    };
  }

  private readonly writeEntry = (docId: string, title: string, text: string): boolean => {
    const doc = this.stmt.docState.get(docId);
    if (!doc) return false;
    const entry = this.stmt.entry.get(docId);
    if (entry) {
      this.stmt.updateEntry.run(doc.last_seq, doc.updated_at, entry.id);
      this.stmt.updateText.run(title, text, entry.id);
    } else {
      const inserted = this.stmt.insertEntry.get(docId, doc.last_seq, doc.updated_at);
      if (!inserted) throw new Error(`search entry for ${docId} not inserted`);
      this.stmt.insertText.run(inserted.id, title, text);
    }
    return true;
  };

  async indexDoc(docId: string, title: string, text: string): Promise<boolean> {
    return transactionOf(this.db, this.writeEntry).immediate(docId, title, text);
  }

  async removeDoc(docId: string): Promise<void> {
    this.stmt.removeEntry.run(docId);
  }

  private readonly readHits = (userId: string, match: string, limit: number): SearchHit[] =>
    this.stmt.search.all(userId, match, limit).map((row) => ({
      docId: row.doc_id,
      title: row.title,
      snippet: tidySnippet(this.stmt.snippet.get(match, row.id)?.snippet ?? ''),
      updatedAt: row.updated_at,
    }));

  async search(userId: string, query: string, limit: number): Promise<SearchHit[]> {
    const match = ftsMatchExpression(query);
    if (match === undefined || limit <= 0) return [];
    // One read transaction: hits and their snippets see the same index.
    return transactionOf(this.db, this.readHits)(userId, match, limit);
  }

  async listUnindexedDocs(afterId: string, limit: number): Promise<string[]> {
    return this.stmt.unindexed.all(afterId, limit).map((row) => row.id);
  }
}

/** Blocks are separated by newlines in the indexed text; a snippet is one line. */
function tidySnippet(snippet: string): string {
  return snippet.replace(/\s+/g, ' ').trim();
}
