import { documentExtensions } from '@inkwell/editor-schema';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useRef } from 'react';
import { HighlightedCodeBlock } from '../editor/code-block.ts';
import { CommentHighlights } from '../editor/comment-highlights.ts';
import type { CommentSession } from '../editor/comment-session.ts';
import { EmptyPlaceholder } from '../editor/empty-placeholder.ts';
import { ImageUpload } from '../editor/image-upload.ts';
import { LinkShortcut } from '../editor/link-shortcut.ts';
import { mentionSuggestion } from '../editor/mention.ts';
import { MentionSource } from '../editor/mention-source.ts';
import { renderCaret } from '../editor/render-caret.ts';
import { SlashCommands } from '../editor/slash-menu.ts';
import { TaskItemKeys } from '../editor/task-items.ts';
import { UndoSteps } from '../editor/undo-steps.ts';
import { useStore } from '../hooks/use-store.ts';
import { api } from '../lib/api.ts';
import { COMMENT_SHORTCUT_LABEL } from '../lib/comment-shortcut.ts';
import { queryKeys } from '../lib/query-keys.ts';
import type { DocConnection } from '../sync/doc-connection.ts';
import type { AwarenessUser } from '../sync/presence.ts';
import '../styles/comments.css';
import { CaretLabels } from './CaretLabels.tsx';
import { EditorToolbar, handleArrowKeys } from './EditorToolbar.tsx';
import { ImageUploadStatus } from './ImageUploadStatus.tsx';
import { SelectionCommentButton } from './SelectionCommentButton.tsx';
import { TableMenu } from './TableMenu.tsx';

interface CollaborativeEditorProps {
  connection: DocConnection;
  user: AwarenessUser;
  /** False for viewers, and for everyone once the server closed the document for good. */
  editable: boolean;
  /** The person may not change the text (viewers, commenters): no formatting toolbar. */
  viewer: boolean;
  /** Owner, editors and commenters: the Comment button, floating and in the toolbar. */
  canComment: boolean;
  /** Comments shared with the sidebar: the editor draws the threads it is given there. */
  session: CommentSession;
}

const MEMBERS_FRESH_MS = 60_000;

function loadMembers(client: QueryClient, docId: string) {
  return client.fetchQuery({
    queryKey: queryKeys.members(docId),
    queryFn: () => api.listMembers(docId),
    staleTime: MEMBERS_FRESH_MS,
  });
}

// Rendered only once the connection exists: Collaboration and CollaborationCaret read the
// Y.Doc and provider when the editor is built and cannot be handed them later.
export function CollaborativeEditor({ connection, user, editable, viewer, canComment, session }: CollaborativeEditorProps) {
  // The caret extension copies `user` into awareness when the editor is built; later changes
  // go through DocConnection.setUser, so the editor is not rebuilt for them. The e-mail stays
  // out: awareness reaches everyone in the document.
  const initialUser = useRef({ id: user.id, name: user.name, color: user.color });
  const initialEditable = useRef(editable);
  const client = useQueryClient();

  const editor = useEditor(
    {
      // Built read-only for a viewer, so the content is never editable, not even for a frame.
      editable: initialEditable.current,
      extensions: [
        // What a document may hold (nodes, marks, their attributes) is the one schema the
        // server converts with too (export, import, the content API); StarterKit there leaves
        // the history to Yjs. The mention node is in every editor, viewers' too: a schema
        // without it would drop the mentions others wrote. The "@" picker reads the members
        // through the cache, which the event stream invalidates when they change.
        ...documentExtensions({
          mentionSuggestion: mentionSuggestion(new MentionSource(() => loadMembers(client, connection.provider.roomname), user.id)),
          // The same codeBlock node with syntax highlighting and the language picker.
          codeBlock: HighlightedCodeBlock,
        }),
        // Ctrl/Cmd+K: the toolbar's link popover.
        LinkShortcut,
        // Undo/redo are Yjs's, scoped to this editor's own edits; UndoSteps cuts them per word.
        Collaboration.configure({ document: connection.doc }),
        UndoSteps,
        // Paste, drop or pick images: uploaded, then added where they were put (after
        // Collaboration, whose y-sync mapping the upload placeholders read).
        ImageUpload.configure({ docId: connection.provider.roomname }),
        // The "/" block menu; Mod+Enter ticks a task, and readers' checkboxes are disabled.
        SlashCommands,
        TaskItemKeys,
        CollaborationCaret.configure({
          provider: connection.provider,
          user: initialUser.current,
          render: renderCaret,
        }),
        EmptyPlaceholder.configure({ text: viewer ? 'This document is empty.' : 'Start writing…' }),
        CommentHighlights.configure({
          onRanges: (ranges) => session.handleRanges(ranges),
          onActivate: (threadId) => session.activate(threadId, { show: true }),
        }),
      ],
      // No `content`: the document comes from Yjs; seeding it here would insert it again on
      // every load and every client.
      editorProps: {
        attributes: {
          class: 'prose',
          'aria-label': 'Document content',
          'aria-readonly': viewer ? 'true' : 'false',
          'data-testid': 'editor',
        },
      },
    },
    [connection],
  );

  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => session.attach(editor), [session, editor]);
  const drafting = useStore(session.state).draft !== null;

  // In the full toolbar an icon (the row must fit a 760 px column); alone in a commenter's
  // toolbar, with its word.
  const commentButton = (labelled: boolean) =>
    canComment && (
      <button
        type="button"
        className="toolbar__button toolbar__button--comment"
        aria-label="Comment"
        title={`Comment (${COMMENT_SHORTCUT_LABEL})`}
        aria-keyshortcuts="Control+Alt+M Meta+Alt+M"
        // Keep the selection the comment is for: a mousedown would move it first.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => session.startDraft()}
      >
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" className="toolbar__icon">
          <path
            fill="none"
            stroke="currentColor"
            strokeWidth="1.7"
            strokeLinecap="round"
            strokeLinejoin="round"
            d="M4 4.5h12a1 1 0 0 1 1 1v7.5a1 1 0 0 1-1 1H9l-3.5 3v-3H4a1 1 0 0 1-1-1V5.5a1 1 0 0 1 1-1zM10 7v4.5M7.75 9.25h4.5"
          />
        </svg>
        {labelled && <span className="toolbar__button-label">Comment</span>}
      </button>
    );

  return (
    <div className="editor">
      {!viewer && <EditorToolbar editor={editor} disabled={!editable} extra={commentButton(false)} />}
      {!viewer && <ImageUploadStatus editor={editor} />}
      {viewer && canComment && (
        <div className="toolbar" role="toolbar" aria-label="Comment tools" onKeyDown={handleArrowKeys}>
          {commentButton(true)}
          <span className="toolbar__note">Select text to comment on it.</span>
        </div>
      )}
      <div className="editor__surface">
        <EditorContent editor={editor} className="editor__content" />
        <CaretLabels editor={editor} />
        {!viewer && <TableMenu editor={editor} />}
        {canComment && <SelectionCommentButton editor={editor} hidden={drafting} onComment={() => session.startDraft()} />}
      </div>
    </div>
  );
}
