// Comment threads on a document's text (API.md §7), for both edges: the HTTP routes and the
// socket's `comment.*` RPC methods. Each operation checks the caller's role, validates what
// the store cannot (anchors, mentions, limits), stores the change, then pushes the thread to
// every connection of the open room and notifies the people it concerns, in that order.
//
// Threads live in storage, not in the Y.Doc: an editor cannot forge or erase anyone's
// comment by editing the text, and versions and restores leave them alone.
import { randomBytes } from 'node:crypto';
import {
  COMMENTS_PER_THREAD_MAX,
  type Comment,
  type CommentAnchor,
  type PublicUser,
  THREADS_PER_DOC_MAX,
  type Thread,
} from '@inkwell/protocol';
import { ProtocolError } from '../errors.ts';
import type { CommentActivity } from '../notifications/comment-notifier.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import type { CommentStore, CommentView, ThreadView } from '../storage/comment-store.ts';
import { DocNotFoundError } from '../storage/errors.ts';
import type { MemberStore, Role } from '../storage/member-store.ts';
import { checkAnchorPosition } from './comment-anchor.ts';
import { requireCommenter } from './permissions.ts';

export interface CommentsDeps {
  storage: CommentStore & MemberStore;
  /** The open rooms (a function: the registry is built after this service). */
  rooms: () => RoomRegistry;
  /** Tells mentioned people and thread participants; never rejects. */
  notify: (activity: CommentActivity) => Promise<void>;
  now?: () => number;
}

/** What a comment says and whom it mentions, as the edges parsed it. */
export interface CommentText {
  body: string;
  mentions?: readonly string[];
}

const iso = (ms: number): string => new Date(ms).toISOString();
const newId = (): string => randomBytes(12).toString('base64url');

export const toApiComment = (c: CommentView): Comment => ({
  id: c.id,
  author: c.author,
  body: c.body,
  mentions: [...c.mentions],
  createdAt: iso(c.createdAt),
  editedAt: c.editedAt === null ? null : iso(c.editedAt),
});

export const toApiThread = (t: ThreadView): Thread => ({
  id: t.id,
  anchor: { ...t.anchor },
  resolved: t.resolved,
  resolvedBy: t.resolvedBy,
  resolvedAt: t.resolvedAt === null ? null : iso(t.resolvedAt),
  createdAt: iso(t.createdAt),
  comments: t.comments.map(toApiComment),
});

const threadNotFound = (): ProtocolError => new ProtocolError('NOT_FOUND', 'No such comment thread', 'thread');
const commentNotFound = (): ProtocolError => new ProtocolError('NOT_FOUND', 'No such comment', 'comment');

export class CommentsService {
  private readonly storage: CommentStore & MemberStore;
  private readonly now: () => number;

  constructor(private readonly deps: CommentsDeps) {
    this.storage = deps.storage;
    this.now = deps.now ?? Date.now;
  }

  /** Every thread of the document, resolved ones too; any member may read them. */
  async list(docId: string): Promise<Thread[]> {
    return (await this.storage.listThreads(docId)).map(toApiThread);
  }

  /** Opens a thread on a range of the text: owner, editors and commenters. */
  async create(docId: string, actor: PublicUser, role: Role, input: CommentText & { anchor: CommentAnchor }): Promise<Thread> {
    requireCommenter(role);
    checkAnchorPosition(input.anchor.start, 'start');
    checkAnchorPosition(input.anchor.end, 'end');
    const mentions = await this.checkMentions(docId, input.mentions);
    if ((await this.storage.countThreads(docId)) >= THREADS_PER_DOC_MAX) {
      throw new ProtocolError('BAD_REQUEST', `A document can hold at most ${THREADS_PER_DOC_MAX.toLocaleString('en')} comment threads`);
    }
    const now = this.now();
    let view: ThreadView;
    try {
      view = await this.storage.createThread(
        { id: newId(), docId, anchor: input.anchor, createdAt: now },
        { id: newId(), authorId: actor.id, body: input.body, mentions, createdAt: now },
      );
    } catch (err) {
      // Deleted between the access check and now.
      if (err instanceof DocNotFoundError) throw new ProtocolError('NOT_FOUND', 'No such document');
      throw err;
    }
    const thread = this.pushed(docId, view);
    await this.deps.notify({ docId, threadId: thread.id, actor, body: input.body, mentioned: mentions, participants: [] });
    return thread;
  }

  /** Adds a reply; the thread's other writers hear of it, mentioned people too. */
  async reply(docId: string, threadId: string, actor: PublicUser, role: Role, input: CommentText): Promise<Comment> {
    requireCommenter(role);
    const before = await this.thread(docId, threadId);
    if (before.comments.length >= COMMENTS_PER_THREAD_MAX) {
      throw new ProtocolError('BAD_REQUEST', `A thread can hold at most ${COMMENTS_PER_THREAD_MAX} comments`);
    }
    const mentions = await this.checkMentions(docId, input.mentions);
    const comment = { id: newId(), authorId: actor.id, body: input.body, mentions, createdAt: this.now() };
    const view = await this.storage.addComment(docId, threadId, comment);
    if (!view) throw threadNotFound();
    this.pushed(docId, view);
    const participants = [...new Set(before.comments.map((c) => c.author.id))];
    await this.deps.notify({ docId, threadId, actor, body: input.body, mentioned: mentions, participants });
    return toApiComment(this.commentIn(view, comment.id));
  }

  /** Resolves or reopens: anyone who may comment. */
  async resolve(docId: string, threadId: string, actor: PublicUser, role: Role, resolved: boolean): Promise<Thread> {
    requireCommenter(role);
    const view = await this.storage.setResolved(docId, threadId, resolved ? { byId: actor.id, at: this.now() } : null);
    if (!view) throw threadNotFound();
    return this.pushed(docId, view);
  }

  /** The author only; people the edit newly mentions are told. */
  async edit(docId: string, threadId: string, commentId: string, actor: PublicUser, role: Role, input: CommentText): Promise<Comment> {
    requireCommenter(role);
    const before = this.commentIn(await this.thread(docId, threadId), commentId);
    if (before.author.id !== actor.id) throw new ProtocolError('FORBIDDEN', 'Only its author can edit a comment');
    const mentions = await this.checkMentions(docId, input.mentions);
    const view = await this.storage.editComment(docId, threadId, commentId, { body: input.body, mentions, editedAt: this.now() });
    if (!view) throw commentNotFound();
    this.pushed(docId, view);
    const added = mentions.filter((id) => !before.mentions.includes(id));
    await this.deps.notify({ docId, threadId, actor, body: input.body, mentioned: added, participants: [] });
    return toApiComment(this.commentIn(view, commentId));
  }

  /** The author, or the document's owner. Deleting the first comment deletes the thread. */
  async delete(docId: string, threadId: string, commentId: string, actor: PublicUser, role: Role): Promise<void> {
    requireCommenter(role);
    const comment = this.commentIn(await this.thread(docId, threadId), commentId);
    if (comment.author.id !== actor.id && role !== 'owner') {
      throw new ProtocolError('FORBIDDEN', 'Only its author or the owner can delete a comment');
    }
    const result = await this.storage.deleteComment(docId, threadId, commentId);
    if (result === 'missing') throw commentNotFound();
    if (result === 'thread') {
      this.deps.rooms().pushThread(docId, { id: threadId, deleted: true });
    } else {
      const view = await this.storage.getThread(docId, threadId);
      if (view) this.deps.rooms().pushThread(docId, toApiThread(view));
    }
  }

  private async thread(docId: string, threadId: string): Promise<ThreadView> {
    const view = await this.storage.getThread(docId, threadId);
    if (!view) throw threadNotFound();
    return view;
  }

  private commentIn(view: ThreadView, commentId: string): CommentView {
    const comment = view.comments.find((c) => c.id === commentId);
    if (!comment) throw commentNotFound();
    return comment;
  }

  /** The thread as it is now, to every open connection of the document; returned for the caller. */
  private pushed(docId: string, view: ThreadView): Thread {
    const thread = toApiThread(view);
    this.deps.rooms().pushThread(docId, thread);
    return thread;
  }

  /** Only people who can open the document can be mentioned; duplicates count once. */
  private async checkMentions(docId: string, mentions: readonly string[] = []): Promise<string[]> {
    const unique = [...new Set(mentions)];
    for (const userId of unique) {
      if (!(await this.storage.getRole(docId, userId))) {
        throw new ProtocolError('BAD_REQUEST', 'Only people who can open this document can be mentioned');
      }
    }
    return unique;
  }
}
