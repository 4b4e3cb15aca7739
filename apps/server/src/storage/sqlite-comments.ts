// Comment threads in SQLite (tables from migration 6). Every statement that takes a thread id
// also takes the document id, so a caller holding one document can never reach another
// document's thread by guessing its id; each write checks that before it writes anything.
import Database from 'better-sqlite3';
import type {
  CommentRecord,
  CommentStore,
  CommentView,
  DeleteCommentResult,
  StoredUser,
  ThreadAnchorRecord,
  ThreadView,
} from './comment-store.ts';
import { DocNotFoundError } from './errors.ts';
import { transactionOf } from './sqlite-connection.ts';

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
  mentions: string;
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
  mentions: JSON.parse(row.mentions) as string[],
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

export class SqliteComments implements CommentStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insertThread: db.prepare<[string, string, string, string, string, number]>(
        'INSERT INTO comment_threads (id, doc_id, anchor_start, anchor_end, quote, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertComment: db.prepare<[string, string, string, string, string, number]>(
        'INSERT INTO comments (id, thread_id, author_id, body, mentions, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      threadExists: db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM comment_threads WHERE doc_id = ? AND id = ?'),
      getThread: db.prepare<[string, string], ThreadRow>(
        `SELECT ${THREAD_COLUMNS} FROM comment_threads t LEFT JOIN users r ON r.id = t.resolved_by
         WHERE t.doc_id = ? AND t.id = ?`,
      ),
      listThreads: db.prepare<[string], ThreadRow>(
        `SELECT ${THREAD_COLUMNS} FROM comment_threads t LEFT JOIN users r ON r.id = t.resolved_by
         WHERE t.doc_id = ? ORDER BY t.created_at, t.rowid`,
      ),
      threadComments: db.prepare<[string], CommentRow>(
        `SELECT ${COMMENT_COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
         WHERE c.thread_id = ? ORDER BY c.created_at, c.rowid`,
      ),
      // All of a document's comments in one query; listThreads sorts them into their threads.
      docComments: db.prepare<[string], CommentRow>(
        `SELECT ${COMMENT_COLUMNS} FROM comments c
         JOIN comment_threads t ON t.id = c.thread_id JOIN users u ON u.id = c.author_id
         WHERE t.doc_id = ? ORDER BY c.created_at, c.rowid`,
      ),
      // The comment's thread must be the given one, and that thread under the given document.
      editComment: db.prepare<[string, string, number, string, string, string]>(
        `UPDATE comments SET body = ?, mentions = ?, edited_at = ?
         WHERE id = ? AND thread_id = (SELECT id FROM comment_threads WHERE doc_id = ? AND id = ?)`,
      ),
      commentInThread: db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM comments WHERE thread_id = ? AND id = ?'),
      firstComment: db.prepare<[string], { id: string }>('SELECT id FROM comments WHERE thread_id = ? ORDER BY created_at, rowid LIMIT 1'),
      deleteComment: db.prepare<[string]>('DELETE FROM comments WHERE id = ?'),
      deleteThread: db.prepare<[string]>('DELETE FROM comment_threads WHERE id = ?'),
      setResolved: db.prepare<[string | null, number | null, string, string]>(
        'UPDATE comment_threads SET resolved_by = ?, resolved_at = ? WHERE doc_id = ? AND id = ?',
      ),
      countThreads: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM comment_threads WHERE doc_id = ?'),
    };
  }

  private view(docId: string, threadId: string): ThreadView | undefined {
    const row = this.stmt.getThread.get(docId, threadId);
    return row && toThread(row, this.stmt.threadComments.all(threadId).map(toComment));
  }

  private insertComment(threadId: string, comment: CommentRecord): void {
    // An unknown author fails the foreign key and throws as it is.
    this.stmt.insertComment.run(comment.id, threadId, comment.authorId, comment.body, JSON.stringify(comment.mentions), comment.createdAt);
  }

  private readonly writeThread = (
    thread: { id: string; docId: string; anchor: ThreadAnchorRecord; createdAt: number },
    first: CommentRecord,
  ): ThreadView => {
    try {
      this.stmt.insertThread.run(thread.id, thread.docId, thread.anchor.start, thread.anchor.end, thread.anchor.quote, thread.createdAt);
    } catch (err) {
      // The thread's only foreign key is its document.
      if (err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new DocNotFoundError(thread.docId);
      throw err;
    }
    this.insertComment(thread.id, first);
    const view = this.view(thread.docId, thread.id);
    if (!view) throw new Error(`thread ${thread.id} vanished after insert`);
    return view;
  };

  async createThread(
    thread: { id: string; docId: string; anchor: ThreadAnchorRecord; createdAt: number },
    first: CommentRecord,
  ): Promise<ThreadView> {
    return transactionOf(this.db, this.writeThread).immediate(thread, first);
  }

  async listThreads(docId: string): Promise<ThreadView[]> {
    return transactionOf(this.db, this.readThreads)(docId);
  }

  // Two queries, not one per thread; in one transaction so both see the same state.
  private readonly readThreads = (docId: string): ThreadView[] => {
    const byThread = new Map<string, CommentView[]>();
    for (const row of this.stmt.docComments.all(docId)) {
      const comments = byThread.get(row.thread_id);
      if (comments) comments.push(toComment(row));
      else byThread.set(row.thread_id, [toComment(row)]);
    }
    return this.stmt.listThreads.all(docId).map((row) => toThread(row, byThread.get(row.id) ?? []));
  };

  async getThread(docId: string, threadId: string): Promise<ThreadView | undefined> {
    return this.db.transaction(() => this.view(docId, threadId))();
  }

  private readonly appendComment = (docId: string, threadId: string, comment: CommentRecord): ThreadView | undefined => {
    if (!this.stmt.threadExists.get(docId, threadId)) return undefined;
    this.insertComment(threadId, comment);
    return this.view(docId, threadId);
  };

  async addComment(docId: string, threadId: string, comment: CommentRecord): Promise<ThreadView | undefined> {
    return transactionOf(this.db, this.appendComment).immediate(docId, threadId, comment);
  }

  private readonly changeComment = (
    docId: string,
    threadId: string,
    commentId: string,
    change: { body: string; mentions: readonly string[]; editedAt: number },
  ): ThreadView | undefined => {
    const { changes } = this.stmt.editComment.run(
      change.body,
      JSON.stringify(change.mentions),
      change.editedAt,
      commentId,
      docId,
      threadId,
    );
    return changes > 0 ? this.view(docId, threadId) : undefined;
  };

  async editComment(
    docId: string,
    threadId: string,
    commentId: string,
    change: { body: string; mentions: readonly string[]; editedAt: number },
  ): Promise<ThreadView | undefined> {
    return transactionOf(this.db, this.changeComment).immediate(docId, threadId, commentId, change);
  }

  private readonly writeResolved = (
    docId: string,
    threadId: string,
    resolved: { byId: string; at: number } | null,
  ): ThreadView | undefined => {
    // An unknown resolver fails the foreign key and throws as it is.
    const { changes } = this.stmt.setResolved.run(resolved?.byId ?? null, resolved?.at ?? null, docId, threadId);
    return changes > 0 ? this.view(docId, threadId) : undefined;
  };

  async setResolved(docId: string, threadId: string, resolved: { byId: string; at: number } | null): Promise<ThreadView | undefined> {
    return transactionOf(this.db, this.writeResolved).immediate(docId, threadId, resolved);
  }

  // Read-then-write: immediate, so "is this the first comment" and the delete see the same state.
  private readonly dropComment = (docId: string, threadId: string, commentId: string): DeleteCommentResult => {
    if (!this.stmt.threadExists.get(docId, threadId) || !this.stmt.commentInThread.get(threadId, commentId)) return 'missing';
    if (this.stmt.firstComment.get(threadId)?.id === commentId) {
      // The replies go with it (ON DELETE CASCADE).
      this.stmt.deleteThread.run(threadId);
      return 'thread';
    }
    this.stmt.deleteComment.run(commentId);
    return 'comment';
  };

  async deleteComment(docId: string, threadId: string, commentId: string): Promise<DeleteCommentResult> {
    return transactionOf(this.db, this.dropComment).immediate(docId, threadId, commentId);
  }

  async countThreads(docId: string): Promise<number> {
    return this.stmt.countThreads.get(docId)!.n;
  }
}
