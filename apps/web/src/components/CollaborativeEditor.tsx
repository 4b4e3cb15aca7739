import type { PresenceUser } from '@inkwell/protocol';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { StarterKit } from '@tiptap/starter-kit';
import { useEffect, useRef } from 'react';
import { EmptyPlaceholder } from '../editor/empty-placeholder.ts';
import { renderCaret } from '../editor/render-caret.ts';
import type { DocConnection } from '../sync/doc-connection.ts';
import { CaretLabels } from './CaretLabels.tsx';
import { EditorToolbar } from './EditorToolbar.tsx';

interface CollaborativeEditorProps {
  connection: DocConnection;
  user: PresenceUser;
  editable: boolean;
}

// Rendered only once the connection exists: Collaboration and CollaborationCaret read the
// Y.Doc and provider when the editor is built and cannot be handed them later.
export function CollaborativeEditor({ connection, user, editable }: CollaborativeEditorProps) {
  // The caret extension copies `user` into awareness when the editor is built; later name
  // changes go through DocConnection.setUser, so the editor is not rebuilt for them.
  const initialUser = useRef(user);

  const editor = useEditor(
    {
      extensions: [
        // Yjs keeps the history (Collaboration adds undo/redo bound to Mod-Z); ProseMirror's
        // own undo stack would fight it.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: connection.doc }),
        CollaborationCaret.configure({
          provider: connection.provider,
          user: initialUser.current,
          render: renderCaret,
        }),
        EmptyPlaceholder.configure({ text: 'Start writing…' }),
      ],
      // No `content`: the document comes from Yjs; seeding it here would insert it again on
      // every load and every client.
      editorProps: {
        attributes: {
          class: 'prose',
          'aria-label': 'Document content',
          'data-testid': 'editor',
        },
      },
    },
    [connection],
  );

  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);

  return (
    <div className="editor">
      <EditorToolbar editor={editor} disabled={!editable} />
      <div className="editor__surface">
        <EditorContent editor={editor} className="editor__content" />
        <CaretLabels editor={editor} />
      </div>
    </div>
  );
}
