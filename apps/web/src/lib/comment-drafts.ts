// What someone has written in a comment box and not sent yet, for as long as the document is
// open: the new comment (its anchor stays in CommentSession), each thread's reply, each
// comment being edited. Closing the sidebar or switching panels unmounts the boxes; they
// read their text back from here when they come back. A draft goes only when it is sent or
// cancelled (Escape, Cancel). `unsent` says whether leaving the page would lose any text.

import { SnapshotStore } from '../sync/snapshot-store.ts';
import type { ChosenMention } from './comment-mentions.ts';

export interface DraftText {
  body: string;
  mentions: readonly ChosenMention[];
}

/** The new comment's box: one at a time. */
export const NEW_COMMENT_DRAFT = 'new';
export const replyDraftKey = (threadId: string): string => `reply:${threadId}`;
export const editDraftKey = (commentId: string): string => `edit:${commentId}`;

export class CommentDrafts {
  private readonly texts = new Map<string, DraftText>();
  readonly unsent = new SnapshotStore(false);

  get(key: string): DraftText | undefined {
    return this.texts.get(key);
  }

  has(key: string): boolean {
    return this.texts.has(key);
  }

  /** Keeps what a box holds; blank text is nothing to keep (nor `unchanged`, an edit's original). */
  save(key: string, text: DraftText, unchanged = ''): void {
    if (text.body.trim() === '' || text.body === unchanged) this.texts.delete(key);
    else this.texts.set(key, text);
    this.unsent.set(this.texts.size > 0);
  }

  clear(key: string): void {
    this.texts.delete(key);
    this.unsent.set(this.texts.size > 0);
  }
}
