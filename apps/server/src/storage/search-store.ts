// Full-text search over documents: one entry per document (its title and plain text), kept
// by the server's search indexer (documents/search-indexer.ts) and deleted with its document.

/** One document found: best match first. */
export interface SearchHit {
  docId: string;
  title: string;
  /** Plain text of the body around the match, "…" where it was cut; no markup. */
  snippet: string;
  /** Epoch milliseconds. */
  updatedAt: number;
}

export interface SearchStore {
  /**
   * Replaces the document's entry with `title` and `text`, recording the stored state it
   * stands for (the document's last seq and updatedAt at this call: the caller read the text
   * from a state at least that new). false when the document does not exist.
   */
  indexDoc(docId: string, title: string, text: string): Promise<boolean>;
  /** Drops the document's entry (deleting the document drops it too). */
  removeDoc(docId: string): Promise<void>;
  /**
   * Documents `userId` is a member of, not in the trash, whose title or text holds every word
   * of `query` (the last one may be a prefix), best first, at most `limit`. `query` is what
   * a person typed: only its words are used, never its punctuation as search syntax.
   */
  search(userId: string, query: string, limit: number): Promise<SearchHit[]>;
  /**
   * Ids of documents outside the trash with no entry or an entry older than their stored
   * state, in id order after `afterId`, at most `limit`: what start-up re-indexes. (A trashed
   * document keeps its entry, hidden by search, so its restore needs no re-index.)
   */
  listUnindexedDocs(afterId: string, limit: number): Promise<string[]>;
}
