// Comment threads in PostgreSQL. As in SQLite, every statement that takes a thread id also
// takes the document id, so holding one document never reaches another document's thread.
import type pg from 'pg';
import type {
  CommentRecord,
  CommentStore,
  CommentView,
  DeleteCommentResult,
  StoredUser,
  ThreadAnchorRecord,
  ThreadView,
} from '../comment-store.ts';
import { DocNotFoundError } from '../errors.ts';
import { inTransaction, isConstraintError, PgCode, type Queryable } from './pg-connection.ts';

interface ThreadRow {
  id: string;
  doc_id: string;
  anchor_start: string;
  anchor_end: string;
  quote: string;
  created_at: number;
  resolved_at: number | null;
  resolver_id: string | null;
  resolver_name: string | null;
  resolver_color: string | null;
}

interface CommentRow {
  id: string;
  thread_id: string;
  body: string;
  mentions: string[];
  created_at: number;
  edited_at: number | null;
  author_id: string;
  author_name: string;
  author_color: string;
}

const THREAD_COLUMNS = `t.id, t.doc_id, t.anchor_start, t.anchor_end, t.quote, t.created_at, t.resolved_at,
  r.id AS resolver_id, r.name AS resolver_name, r.color AS resolver_color`;
const COMMENT_COLUMNS = `c.id, c.thread_id, c.body, c.mentions, c.created_at, c.edited_at,
  u.id AS author_id, u.name AS author_name, u.color AS author_color`;

const toComment = (row: CommentRow): CommentView => ({
  id: row.id,
  author: { id: row.author_id, name: row.author_name, color: row.author_color },
  body: row.body,
  mentions: row.mentions,
  createdAt: row.created_at,
  editedAt: row.edited_at,
});

const toThread = (row: ThreadRow, comments: CommentView[]): ThreadView => {
  // The resolver's account is gone (ON DELETE SET NULL): still resolved, by nobody known.
  const resolvedBy: StoredUser | null =
    row.resolver_id !== null ? { id: row.resolver_id, name: row.resolver_name ?? '', color: row.resolver_color ?? '' } : null;
  return {
    id: row.id,
    docId: row.doc_id,
    anchor: { start: row.anchor_start, end: row.anchor_end, quote: row.quote },
    resolved: row.resolved_at !== null,
    resolvedBy,
    resolvedAt: row.resolved_at,
    createdAt: row.created_at,
    comments,
  };
};

type NewThread = { id: string; docId: string; anchor: ThreadAnchorRecord; createdAt: number };

export class PgComments implements CommentStore {
  constructor(private readonly pool: pg.Pool) {}

  private async view(c: Queryable, docId: string, threadId: string): Promise<ThreadView | undefined> {
    const thread = await c.query<ThreadRow>(
      `SELECT ${THREAD_COLUMNS} FROM comment_threads t LEFT JOIN users r ON r.id = t.resolved_by
       WHERE t.doc_id = $1 AND t.id = $2`,
      [docId, threadId],
    );
    const row = thread.rows[0];
    if (!row) return undefined;
    const comments = await c.query<CommentRow>(
      `SELECT ${COMMENT_COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
       WHERE c.thread_id = $1 ORDER BY c.created_at, c.pos`,
      [threadId],
    );
    return toThread(row, comments.rows.map(toComment));
  }

  private async insertComment(c: Queryable, threadId: string, comment: CommentRecord): Promise<void> {
    // An unknown author fails the foreign key and throws as it is.
    await c.query('INSERT INTO comments (id, thread_id, author_id, body, mentions, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      comment.id,
      threadId,
      comment.authorId,
      comment.body,
      [...comment.mentions],
      comment.createdAt,
    ]);
  }

  async createThread(thread: NewThread, first: CommentRecord): Promise<ThreadView> {
    return inTransaction(this.pool, async (c) => {
      try {
        await c.query(
          'INSERT INTO comment_threads (id, doc_id, anchor_start, anchor_end, quote, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [thread.id, thread.docId, thread.anchor.start, thread.anchor.end, thread.anchor.quote, thread.createdAt],
        );
      } catch (err) {
        if (isConstraintError(err, PgCode.foreignKeyViolation, 'comment_threads_doc_id_fkey')) throw new DocNotFoundError(thread.docId);
        throw err;
      }
      await this.insertComment(c, thread.id, first);
      const view = await this.view(c, thread.docId, thread.id);
      if (!view) throw new Error(`thread ${thread.id} vanished after insert`);
      return view;
    });
  }

  // Two queries, not one per thread, in one snapshot so both see the same state.
  async listThreads(docId: string): Promise<ThreadView[]> {
    return inTransaction(
      this.pool,
      async (c) => {
        const comments = await c.query<CommentRow>(
          `SELECT ${COMMENT_COLUMNS} FROM comments c
           JOIN comment_threads t ON t.id = c.thread_id JOIN users u ON u.id = c.author_id
           WHERE t.doc_id = $1 ORDER BY c.created_at, c.pos`,
          [docId],
        );
        const byThread = new Map<string, CommentView[]>();
        for (const row of comments.rows) {
          const list = byThread.get(row.thread_id);
          if (list) list.push(toComment(row));
          else byThread.set(row.thread_id, [toComment(row)]);
        }
        const threads = await c.query<ThreadRow>(
          `SELECT ${THREAD_COLUMNS} FROM comment_threads t LEFT JOIN users r ON r.id = t.resolved_by
           WHERE t.doc_id = $1 ORDER BY t.created_at, t.pos`,
          [docId],
        );
        return threads.rows.map((row) => toThread(row, byThread.get(row.id) ?? []));
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  async getThread(docId: string, threadId: string): Promise<ThreadView | undefined> {
    return inTransaction(this.pool, (c) => this.view(c, docId, threadId), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async addComment(docId: string, threadId: string, comment: CommentRecord): Promise<ThreadView | undefined> {
    return inTransaction(this.pool, async (c) => {
      // KEY SHARE: the thread cannot be deleted before this comment is in.
      const { rowCount } = await c.query('SELECT 1 FROM comment_threads WHERE doc_id = $1 AND id = $2 FOR KEY SHARE', [docId, threadId]);
      if (!rowCount) return undefined;
      await this.insertComment(c, threadId, comment);
      return this.view(c, docId, threadId);
    });
  }

  async editComment(
    docId: string,
    threadId: string,
    commentId: string,
    change: { body: string; mentions: readonly string[]; editedAt: number },
  ): Promise<ThreadView | undefined> {
    return inTransaction(this.pool, async (c) => {
      const { rowCount } = await c.query(
        `UPDATE comments SET body = $1, mentions = $2, edited_at = $3
         WHERE id = $4 AND thread_id = (SELECT id FROM comment_threads WHERE doc_id = $5 AND id = $6)`,
        [change.body, [...change.mentions], change.editedAt, commentId, docId, threadId],
      );
      return rowCount ? this.view(c, docId, threadId) : undefined;
    });
  }

  async setResolved(docId: string, threadId: string, resolved: { byId: string; at: number } | null): Promise<ThreadView | undefined> {
    return inTransaction(this.pool, async (c) => {
      // An unknown resolver fails the foreign key and throws as it is.
      const { rowCount } = await c.query('UPDATE comment_threads SET resolved_by = $1, resolved_at = $2 WHERE doc_id = $3 AND id = $4', [
        resolved?.byId ?? null,
        resolved?.at ?? null,
        docId,
        threadId,
      ]);
      return rowCount ? this.view(c, docId, threadId) : undefined;
    });
  }

  // "Is this the first comment" and the delete under the thread's row lock: a reply added by
  // another instance meanwhile waits, then finds its thread gone or not.
  async deleteComment(docId: string, threadId: string, commentId: string): Promise<DeleteCommentResult> {
    return inTransaction(this.pool, async (c) => {
      const thread = await c.query('SELECT 1 FROM comment_threads WHERE doc_id = $1 AND id = $2 FOR UPDATE', [docId, threadId]);
      if (!thread.rowCount) return 'missing';
      const { rows } = await c.query<{ id: string }>('SELECT id FROM comments WHERE thread_id = $1 ORDER BY created_at, pos LIMIT 1', [
        threadId,
      ]);
      const inThread = await c.query('SELECT 1 FROM comments WHERE thread_id = $1 AND id = $2', [threadId, commentId]);
      if (!inThread.rowCount) return 'missing';
      if (rows[0]?.id === commentId) {
        // The replies go with it (ON DELETE CASCADE).
        await c.query('DELETE FROM comment_threads WHERE id = $1', [threadId]);
        return 'thread';
      }
      await c.query('DELETE FROM comments WHERE id = $1', [commentId]);
      return 'comment';
    });
  }

  async countThreads(docId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT count(*) AS n FROM comment_threads WHERE doc_id = $1', [docId]);
    return rows[0]?.n ?? 0;
  }
}
