import type { Role, Thread } from '@inkwell/protocol';
import { useId, useMemo, useState } from 'react';
import type { CommentSession } from '../editor/comment-session.ts';
import { useAppState } from '../hooks/use-app-channel.ts';
import { useCreateThread } from '../hooks/use-comments.ts';
import { useMembersQuery } from '../hooks/use-members.ts';
import { useNow } from '../hooks/use-now.ts';
import { useStore } from '../hooks/use-store.ts';
import { errorMessage } from '../lib/api-error.ts';
import { NEW_COMMENT_DRAFT } from '../lib/comment-drafts.ts';
import { sortThreads } from '../lib/comment-order.ts';
import { canComment, isOwner } from '../lib/roles.ts';
import type { AppClient } from '../sync/app-client.ts';
import '../styles/comments.css';
import { CommentComposer } from './CommentComposer.tsx';
import { CommentThread, NO_LONGER_ALLOWED, type ThreadContext } from './CommentThread.tsx';
import { SidePanel } from './SidePanel.tsx';

interface CommentsPanelProps {
  app: AppClient | null;
  docId: string;
  role: Role;
  userId: string;
  session: CommentSession;
  threads: {
    data: Thread[] | undefined;
    isPending: boolean;
    error: unknown;
    refetch: () => unknown;
  };
  onClose: () => void;
}

const OFFLINE_REASON = 'Offline: comments can be sent once the connection is back.';

/** The document's comment threads in document order, with the composer of a new one. */
export function CommentsPanel({ app, docId, role, userId, session, threads, onClose }: CommentsPanelProps) {
  const ready = useAppState(app).status === 'ready';
  const { activeId, draft, hint, places } = useStore(session.state);
  const members = useMembersQuery(docId);
  const create = useCreateThread(app, docId);
  const now = useNow();
  const [showResolved, setShowResolved] = useState(false);
  const filterId = useId();
  const writer = canComment(role);
  const offline = ready ? null : OFFLINE_REASON;
  const { drafts } = session;

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const thread of threads.data ?? []) for (const comment of thread.comments) map.set(comment.author.id, comment.author.name);
    for (const member of members.data ?? []) map.set(member.user.id, member.user.name);
    return map;
  }, [threads.data, members.data]);

  const sorted = useMemo(() => sortThreads(threads.data ?? [], places), [threads.data, places]);
  const resolvedCount = sorted.filter((thread) => thread.resolved).length;
  const shown = showResolved ? sorted : sorted.filter((thread) => !thread.resolved);

  const context: ThreadContext = {
    app,
    docId,
    userId,
    owner: isOwner(role),
    canComment: writer,
    members: members.data,
    membersFailed: members.isError,
    names,
    now,
    offline,
    drafts,
  };

  return (
    <SidePanel name="comments" title="Comments" onClose={onClose}>
      {!ready && threads.data && (
        <p className="panel-note" role="status">
          {OFFLINE_REASON}
        </p>
      )}
      {hint && (
        <p className="panel-note comments-hint" role="status" data-testid="comment-hint">
          {hint}
        </p>
      )}
      {draft && (writer || drafts.has(NEW_COMMENT_DRAFT)) && (
        <section
          // A new anchor is a new box; the same one comes back with its text.
          key={`${draft.anchor.start}|${draft.anchor.end}`}
          className="thread thread--draft"
          aria-label="New comment"
          data-testid="comment-draft"
        >
          <div className="thread__quote thread__quote--static">
            <q className="thread__quote-text">{draft.anchor.quote}</q>
          </div>
          <CommentComposer
            label="Comment"
            placeholder="Add a comment… (@ to mention)"
            submitLabel="Comment"
            autoFocus
            members={members.data}
            membersFailed={members.isError}
            selfId={userId}
            disabledReason={writer ? offline : NO_LONGER_ALLOWED}
            drafts={drafts}
            draftKey={NEW_COMMENT_DRAFT}
            onSubmit={async (body, mentions) => {
              const thread = await create.mutateAsync({ anchor: draft.anchor, body, mentions });
              session.endDraft();
              session.activate(thread.id);
            }}
            onCancel={() => session.endDraft({ refocus: true })}
          />
        </section>
      )}
      {(resolvedCount > 0 || showResolved) && (
        <div className="comments-filter">
          <input id={filterId} type="checkbox" checked={showResolved} onChange={(event) => setShowResolved(event.target.checked)} />
          <label htmlFor={filterId}>Show resolved ({resolvedCount})</label>
        </div>
      )}
      <ThreadList
        threads={shown}
        total={sorted.length}
        loading={threads.isPending}
        waiting={!ready && threads.data === undefined}
        error={threads.error && !threads.data ? threads.error : null}
        onRetry={() => void threads.refetch()}
        writer={writer}
        hasDraft={draft !== null}
        renderThread={(thread) => (
          <CommentThread
            key={thread.id}
            thread={thread}
            active={thread.id === activeId}
            gone={places.gone.has(thread.id)}
            context={context}
            onActivate={(id) => {
              if (id !== session.state.get().activeId) session.activate(id, { scroll: true });
            }}
          />
        )}
        onShowResolved={() => setShowResolved(true)}
      />
    </SidePanel>
  );
}

interface ThreadListProps {
  threads: Thread[];
  /** Threads there are at all, resolved ones included. */
  total: number;
  loading: boolean;
  waiting: boolean;
  error: unknown;
  onRetry: () => void;
  writer: boolean;
  hasDraft: boolean;
  renderThread: (thread: Thread) => React.ReactNode;
  onShowResolved: () => void;
}

function ThreadList({ threads, total, loading, waiting, error, onRetry, writer, hasDraft, renderThread, onShowResolved }: ThreadListProps) {
  if (error) {
    return (
      <div className="panel-note panel-note--error" role="alert">
        <span>Couldn't load the comments: {errorMessage(error)}</span>
        <button type="button" className="button button--small" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  if (waiting) return <p className="panel-empty">Comments appear once the connection is back.</p>;
  if (loading) {
    return (
      <p className="panel-empty" aria-busy="true">
        Loading comments…
      </p>
    );
  }
  if (threads.length === 0) {
    if (hasDraft) return null;
    if (total > 0) {
      return (
        <div className="panel-empty" data-testid="comments-empty">
          <p>No open comments.</p>
          <button type="button" className="button button--ghost button--small" onClick={onShowResolved}>
            Show resolved ({total})
          </button>
        </div>
      );
    }
    return (
      <p className="panel-empty" data-testid="comments-empty">
        {writer ? 'No comments yet. Select text and press Comment to start a discussion.' : 'No comments yet.'}
      </p>
    );
  }
  return (
    <ol className="thread-list" aria-label="Comment threads">
      {threads.map(renderThread)}
    </ol>
  );
}
