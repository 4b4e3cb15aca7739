import type { Comment, Member, Thread } from '@inkwell/protocol';
import { useEffect, useRef, useState } from 'react';
import { commentErrorMessage, useDeleteComment, useEditComment, useReply, useResolveThread } from '../hooks/use-comments.ts';
import { type CommentDrafts, editDraftKey, replyDraftKey } from '../lib/comment-drafts.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../lib/relative-time.ts';
import type { AppClient } from '../sync/app-client.ts';
import { Avatar } from './Avatar.tsx';
import { CommentBody } from './CommentBody.tsx';
import { CommentComposer } from './CommentComposer.tsx';

export interface ThreadContext {
  app: AppClient | null;
  docId: string;
  userId: string;
  /** The document's owner may delete anyone's comment. */
  owner: boolean;
  /** Owner, editors and commenters; a viewer reads only. */
  canComment: boolean;
  members: readonly Member[] | undefined;
  membersFailed: boolean;
  /** Names by user id, for showing mentions. */
  names: ReadonlyMap<string, string>;
  now: number;
  /** Why nothing can be sent now (offline), or null. */
  offline: string | null;
  /** Unsent replies and edits, kept while the sidebar is closed. */
  drafts: CommentDrafts;
}

/** Said under text kept from before the role changed to viewer: it stays, to be copied. */
export const NO_LONGER_ALLOWED = 'You can no longer comment on this document (your access changed). Copy your text to keep it.';
const RESOLVED_MEANWHILE = 'This thread was resolved in the meantime: reopen it to send your reply.';

interface CommentThreadProps {
  thread: Thread;
  active: boolean;
  /** The anchored text was deleted entirely. */
  gone: boolean;
  context: ThreadContext;
  onActivate: (threadId: string) => void;
}

/** One thread in the sidebar: the quoted text, its comments, resolve, and a reply box. */
export function CommentThread({ thread, active, gone, context, onActivate }: CommentThreadProps) {
  const { app, docId, canComment, offline } = context;
  const resolve = useResolveThread(app, docId);
  const reply = useReply(app, docId);
  const [error, setError] = useState<string | null>(null);
  const opener = thread.comments[0];
  const classes = ['thread', active && 'thread--active', thread.resolved && 'thread--resolved'].filter(Boolean).join(' ');
  const replyKey = replyDraftKey(thread.id);
  // A reply being written stays in view even when it can no longer be sent, so its text is not lost.
  const replying = (canComment && !thread.resolved) || context.drafts.has(replyKey);
  const replyBlocked = !canComment ? NO_LONGER_ALLOWED : thread.resolved ? RESOLVED_MEANWHILE : offline;

  // Made active from the text (a click on its highlight): the card comes into view.
  const cardRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (active) cardRef.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  function toggleResolved() {
    setError(null);
    resolve.mutate({ threadId: thread.id, resolved: !thread.resolved }, { onError: (failure) => setError(commentErrorMessage(failure)) });
  }

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a mouse convenience only: keyboard users activate the thread with the quote button, and focus entering the card does the same (onFocus).
    <li
      ref={cardRef}
      className={classes}
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-active={active}
      aria-current={active || undefined}
      onClick={() => onActivate(thread.id)}
      onFocus={() => onActivate(thread.id)}
    >
      <div className="thread__head">
        {gone ? (
          <div className="thread__quote thread__quote--gone" data-testid="thread-gone">
            <span className="thread__gone-label">Original text deleted</span>
            <q className="thread__quote-text">{thread.anchor.quote}</q>
          </div>
        ) : (
          <button
            type="button"
            className="thread__quote"
            aria-label={`Show in the document: ${thread.anchor.quote}`}
            onClick={(event) => {
              event.stopPropagation();
              onActivate(thread.id);
            }}
          >
            <q className="thread__quote-text">{thread.anchor.quote}</q>
          </button>
        )}
        {canComment && (
          <button
            type="button"
            className="button button--small thread__resolve"
            onClick={toggleResolved}
            disabled={resolve.isPending || offline !== null}
            title={offline ?? undefined}
          >
            {thread.resolved ? 'Reopen' : 'Resolve'}
          </button>
        )}
      </div>
      {thread.resolved && (
        <p className="thread__resolved" data-testid="thread-resolved">
          Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy.name}` : ''}
          {thread.resolvedAt && <> · {formatRelativeTime(thread.resolvedAt, context.now)}</>}
        </p>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <ol className="thread__comments" aria-label="Comments">
        {thread.comments.map((comment) => (
          <CommentItem key={comment.id} thread={thread} comment={comment} isOpener={comment.id === opener?.id} context={context} />
        ))}
      </ol>
      {replying && (
        <CommentComposer
          label={`Reply to ${opener?.author.name ?? 'the thread'}`}
          placeholder="Reply… (@ to mention)"
          submitLabel="Reply"
          compact
          members={context.members}
          membersFailed={context.membersFailed}
          selfId={context.userId}
          disabledReason={replyBlocked}
          drafts={context.drafts}
          draftKey={replyKey}
          onSubmit={(body, mentions) => reply.mutateAsync({ threadId: thread.id, body, mentions })}
        />
      )}
    </li>
  );
}

interface CommentItemProps {
  thread: Thread;
  comment: Comment;
  /** The first comment: deleting it deletes the thread. */
  isOpener: boolean;
  context: ThreadContext;
}

function CommentItem({ thread, comment, isOpener, context }: CommentItemProps) {
  const { app, docId, userId, now, offline } = context;
  const edit = useEditComment(app, docId);
  const remove = useDeleteComment(app, docId);
  const editKey = editDraftKey(comment.id);
  // An edit left unsent (the sidebar closed) opens again with its text.
  const [editing, setEditing] = useState(() => context.drafts.has(editKey));
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = comment.author.id === userId;
  const canEditIt = mine && context.canComment;
  const canDeleteIt = (mine && context.canComment) || context.owner;
  const mentionNames = comment.mentions.flatMap((id) => {
    const name = context.names.get(id);
    return name ? [name] : [];
  });
  const replies = thread.comments.length - 1;

  function confirmDelete() {
    setError(null);
    remove.mutate(
      { threadId: thread.id, commentId: comment.id },
      {
        onSuccess: () => setConfirming(false),
        onError: (failure) => setError(commentErrorMessage(failure)),
      },
    );
  }

  return (
    <li className="comment" data-testid="comment" data-comment-id={comment.id}>
      <div className="comment__head">
        <Avatar name={comment.author.name} color={comment.author.color} size="small" />
        <span className="comment__author">
          {comment.author.name}
          {mine && <span className="comment__you"> (you)</span>}
        </span>
        <time className="comment__time" dateTime={comment.createdAt} title={formatAbsoluteTime(comment.createdAt)}>
          {formatRelativeTime(comment.createdAt, now)}
        </time>
        {comment.editedAt && (
          <span className="comment__edited" title={`Edited ${formatAbsoluteTime(comment.editedAt)}`}>
            (edited)
          </span>
        )}
        {!editing && !confirming && (canEditIt || canDeleteIt) && (
          <span className="comment__actions">
            {canEditIt && (
              <button
                type="button"
                className="comment__action"
                onClick={(event) => {
                  event.stopPropagation();
                  setEditing(true);
                }}
                disabled={offline !== null}
              >
                Edit
              </button>
            )}
            {canDeleteIt && (
              <button
                type="button"
                className="comment__action comment__action--danger"
                aria-label={mine ? 'Delete your comment' : `Delete comment by ${comment.author.name}`}
                onClick={(event) => {
                  event.stopPropagation();
                  setConfirming(true);
                }}
                disabled={offline !== null}
              >
                Delete
              </button>
            )}
          </span>
        )}
      </div>
      {editing ? (
        <CommentComposer
          label="Edit comment"
          placeholder="Comment"
          submitLabel="Save"
          autoFocus
          initialBody={comment.body}
          initialMentions={comment.mentions.flatMap((id) => {
            const name = context.names.get(id);
            return name ? [{ id, name }] : [];
          })}
          members={context.members}
          membersFailed={context.membersFailed}
          selfId={userId}
          disabledReason={context.canComment ? offline : NO_LONGER_ALLOWED}
          drafts={context.drafts}
          draftKey={editKey}
          onSubmit={async (body, mentions) => {
            await edit.mutateAsync({ threadId: thread.id, commentId: comment.id, body, mentions });
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <CommentBody body={comment.body} mentionNames={mentionNames} />
      )}
      {confirming && (
        <div className="comment__confirm" role="alertdialog" aria-label="Confirm deletion">
          <p>
            {isOpener
              ? replies > 0
                ? `Delete this thread and its ${replies === 1 ? 'reply' : `${replies} replies`}?`
                : 'Delete this thread?'
              : 'Delete this comment?'}
          </p>
          <div className="comment__confirm-actions">
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => setConfirming(false)}
              disabled={remove.isPending}
              // biome-ignore lint/a11y/noAutofocus: the confirmation was just opened by the person; Cancel is the safe default.
              autoFocus
            >
              Cancel
            </button>
            <button type="button" className="button button--danger button--small" onClick={confirmDelete} disabled={remove.isPending}>
              {remove.isPending ? 'Deleting…' : 'Delete'}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
