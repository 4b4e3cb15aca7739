// Comment threads on a document's text (API.md §7): kept here, not in the Y.Doc, so the
// server owns who wrote what. A thread holds its anchor (two encoded Yjs relative positions
// and the quoted text) and its comments, oldest first; the first comment opened it. Threads
// go with their document. Who may change what is the service's business, not the store's.

export interface StoredUser {
  id: string;
  name: string;
  color: string;
}

export interface CommentRecord {
  id: string;
  authorId: string;
  body: string;
  /** User ids the body mentions. */
  mentions: readonly string[];
  createdAt: number;
}

export interface ThreadAnchorRecord {
  /** base64 of Y.encodeRelativePosition, as the client sent it. */
  start: string;
  end: string;
  quote: string;
}

export interface CommentView {
  id: string;
  author: StoredUser;
  body: string;
  mentions: string[];
  createdAt: number;
  /** null until edited. */
  editedAt: number | null;
}

export interface ThreadView {
  id: string;
  docId: string;
  anchor: ThreadAnchorRecord;
  resolved: boolean;
  resolvedBy: StoredUser | null;
  resolvedAt: number | null;
  createdAt: number;
  /** Oldest first (ties: insertion order). */
  comments: CommentView[];
}

export type DeleteCommentResult = 'comment' | 'thread' | 'missing';

export interface CommentStore {
  /**
   * A new thread with its first comment, in one transaction. Throws DocNotFoundError for an
   * unknown document, and throws for an unknown author.
   */
  createThread(
    thread: { id: string; docId: string; anchor: ThreadAnchorRecord; createdAt: number },
    first: CommentRecord,
  ): Promise<ThreadView>;
  /** The document's threads, oldest first (ties: insertion order), each with its comments. */
  listThreads(docId: string): Promise<ThreadView[]>;
  /** undefined when the thread does not exist under this document. */
  getThread(docId: string, threadId: string): Promise<ThreadView | undefined>;
  /** Appends a comment; undefined (and nothing written) when there is no such thread under the document. */
  addComment(docId: string, threadId: string, comment: CommentRecord): Promise<ThreadView | undefined>;
  /** Replaces a comment's body and mentions and sets its editedAt; undefined when it does not exist under that thread and document. */
  editComment(
    docId: string,
    threadId: string,
    commentId: string,
    change: { body: string; mentions: readonly string[]; editedAt: number },
  ): Promise<ThreadView | undefined>;
  /** Resolves (`by` and `at` given) or reopens (null) a thread; undefined when there is no such thread. */
  setResolved(docId: string, threadId: string, resolved: { byId: string; at: number } | null): Promise<ThreadView | undefined>;
  /**
   * Deletes a comment; deleting a thread's first comment deletes the whole thread with its
   * replies (`thread`). `missing`: no such comment under that thread and document.
   */
  deleteComment(docId: string, threadId: string, commentId: string): Promise<DeleteCommentResult>;
  /** How many threads the document has (a limit check). */
  countThreads(docId: string): Promise<number>;
}
