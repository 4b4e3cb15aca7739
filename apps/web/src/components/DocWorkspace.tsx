import type { Doc, User } from '@inkwell/protocol';
import type { Editor } from '@tiptap/core';
import { type FocusEvent, useEffect, useRef, useState } from 'react';
import { CommentSession } from '../editor/comment-session.ts';
import { useTyping } from '../hooks/use-app-channel.ts';
import { useThreads } from '../hooks/use-comments.ts';
import { useConnectionOutcome } from '../hooks/use-connection-outcome.ts';
import { useConnectionStatus, useDocConnection, usePresence, useSaveStatus } from '../hooks/use-doc-connection.ts';
import { useStore } from '../hooks/use-store.ts';
import { isCommentShortcut } from '../lib/comment-shortcut.ts';
import { canComment, canEdit, isOwner } from '../lib/roles.ts';
import { ActivityPanel } from './ActivityPanel.tsx';
import { CollaborativeEditor } from './CollaborativeEditor.tsx';
import { CommentsPanel } from './CommentsPanel.tsx';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { ConnectionNotice } from './ConnectionNotice.tsx';
import { DocActionsMenu } from './DocActionsMenu.tsx';
import { DocBar, useScrolledPast } from './DocBar.tsx';
import { DocTitleInput } from './DocTitleInput.tsx';
import { PanelToggles } from './PanelToggles.tsx';
import { PresenceList } from './PresenceList.tsx';
import { RoleBadge } from './RoleBadge.tsx';
import { SaveIndicator } from './SaveIndicator.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import type { PanelName } from './SidePanel.tsx';
import { TypingIndicator } from './TypingIndicator.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';

interface DocWorkspaceProps {
  doc: Doc;
  user: User;
  /** The server closed the socket with 4403: the page shows the no-access screen instead. */
  onRevoked: () => void;
  /** `?thread=`: open the comments at this thread (from a notification). */
  linkedThreadId?: string | null;
}

/** Typing in a text field (a comment box, the title) is not a shortcut for the editor. */
function inTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT');
}

/** Tiptap keeps its editor on the editable element; the title's Enter uses it. */
function editorIn(frame: HTMLElement | null): Editor | null {
  const dom = frame?.querySelector<HTMLElement & { editor?: Editor }>('.ProseMirror');
  return dom?.editor ?? null;
}

/** An existing document, open for editing: mounted only after its metadata loaded. */
export function DocWorkspace({ doc, user, onRevoked, linkedThreadId = null }: DocWorkspaceProps) {
  // Never the e-mail: awareness goes to everyone in the document. The connection also feeds
  // the server's pushes (title, role, lists to refetch) into the query cache, so `doc`
  // follows a rename or role change made anywhere.
  const connection = useDocConnection(doc.id, { id: user.id, name: user.name, color: user.color });
  const app = connection?.app ?? null;
  const snapshot = useConnectionStatus(connection);
  const { status, terminal } = snapshot;
  const people = usePresence(connection);
  const saveStatus = useSaveStatus(connection);
  const typing = useTyping(app);
  const [hasSynced, setHasSynced] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [panel, setPanel] = useState<PanelName | null>(linkedThreadId ? 'comments' : null);
  // setPanel is stable, so the session (made once) may keep it.
  const [session] = useState(() => new CommentSession(() => setPanel('comments')));
  const threads = useThreads(app, doc.id);
  const titleRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const titleScrolledAway = useScrolledPast(titleRef);
  if (status === 'live' && !hasSynced) setHasSynced(true);
  useConnectionOutcome(doc.id, snapshot, onRevoked);

  const writer = canEdit(doc.role);
  const commenter = canComment(doc.role);
  const editable = terminal === null && writer;
  const openThreads = threads.data?.filter((thread) => !thread.resolved).length ?? 0;

  useEffect(() => {
    if (threads.data) session.setThreads(threads.data);
  }, [session, threads.data]);

  useEffect(() => {
    if (linkedThreadId) session.focusLinked(linkedThreadId);
  }, [session, linkedThreadId]);

  // A comment written but not sent is lost with the page: the browser asks first, through
  // the connection's one beforeunload listener (the one for unsaved edits).
  const unsentComment = useStore(session.drafts.unsent);
  useEffect(() => {
    if (!connection || !unsentComment) return;
    connection.holdLeaving('comment-draft', true);
    return () => connection.holdLeaving('comment-draft', false);
  }, [connection, unsentComment]);

  // On the window, not the editor: a read-only editor (a commenter's) gets no key events.
  useEffect(() => {
    if (!commenter) return;
    const handleKeyDown = (event: KeyboardEvent) => {
      if (!isCommentShortcut(event) || inTextField(event.target)) return;
      event.preventDefault();
      session.startDraft();
    };
    window.addEventListener('keydown', handleKeyDown);
    return () => window.removeEventListener('keydown', handleKeyDown);
  }, [session, commenter]);

  // Drafts stay with the session (comment-drafts.ts); an empty new comment goes.
  function closePanel() {
    if (panel === 'comments') session.handlePanelClosed();
    setPanel(null);
  }

  function togglePanel(next: PanelName | null) {
    if (panel === 'comments') session.handlePanelClosed();
    setPanel(next);
  }

  // Enter in the title: on to the first line of the text, as in a word processor.
  function focusBodyStart() {
    const editor = editorIn(frameRef.current);
    if (editor?.isEditable) editor.commands.focus('start', { scrollIntoView: false });
  }

  function scrollToTitle() {
    titleRef.current?.scrollIntoView({ block: 'center' });
    titleRef.current?.querySelector('input')?.focus({ preventScroll: true });
  }

  // Focus leaving the editor (toolbar included) ends "is typing" at once instead of after
  // the idle pause.
  function handleEditorBlur(event: FocusEvent<HTMLDivElement>) {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) app?.stopTyping();
  }

  return (
    <div className="page page--doc">
      <DocBar
        title={doc.title}
        showTitle={titleScrolledAway}
        onTitleClick={scrollToTitle}
        actions={
          <>
            {isOwner(doc.role) && (
              <button type="button" className="button button--small doc-bar__share" onClick={() => setSharing(true)}>
                Share
              </button>
            )}
            <PanelToggles open={panel} openComments={openThreads} onChange={togglePanel} />
            <DocActionsMenu
              doc={doc}
              onShare={isOwner(doc.role) ? () => setSharing(true) : undefined}
              panel={panel}
              onPanel={(name) => togglePanel(panel === name ? null : name)}
            />
          </>
        }
      >
        {/* A viewer has no edits of their own to save. */}
        {writer ? (
          <SaveIndicator status={saveStatus} terminal={terminal !== null} />
        ) : (
          <RoleBadge role={doc.role} testId="view-only-badge" />
        )}
        <ConnectionBadge status={status} />
        <PresenceList people={people} />
      </DocBar>
      <div className="doc-layout">
        <div className="doc-layout__main">
          <div ref={titleRef}>
            <DocTitleInput doc={doc} readOnly={!editable} app={app} onEnter={focusBodyStart} />
          </div>
          {terminal && <ConnectionNotice terminal={terminal} owner={isOwner(doc.role)} />}
          {/* Until the first sync the empty editor would claim "Start writing…" over a document
              that is about to arrive; the class hides that placeholder. */}
          {/* biome-ignore lint/a11y/noStaticElementInteractions: onBlur only listens to focus leaving the toolbar or editor inside (React's blur bubbles like focusout); the frame itself is neither focusable nor interactive. */}
          <div ref={frameRef} className={hasSynced ? 'editor-frame' : 'editor-frame editor-frame--syncing'} onBlur={handleEditorBlur}>
            {connection ? (
              <CollaborativeEditor
                key={connection.clientId}
                connection={connection}
                user={user}
                editable={editable}
                viewer={!writer}
                canComment={commenter}
                session={session}
              />
            ) : (
              <div className="editor editor--placeholder" aria-hidden="true" />
            )}
          </div>
          <TypingIndicator people={typing} />
        </div>
        {panel === 'comments' && (
          <CommentsPanel
            app={app}
            docId={doc.id}
            role={doc.role}
            userId={user.id}
            session={session}
            threads={threads}
            onClose={closePanel}
          />
        )}
        {panel === 'versions' && <VersionsPanel app={app} docId={doc.id} role={doc.role} onClose={closePanel} />}
        {panel === 'activity' && <ActivityPanel app={app} typing={typing} userId={user.id} onClose={closePanel} />}
      </div>
      {sharing && <ShareDialog doc={doc} onClose={() => setSharing(false)} />}
    </div>
  );
}
