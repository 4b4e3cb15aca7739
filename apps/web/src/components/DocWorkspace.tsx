import { CloseCode, type Doc, type PresenceUser } from '@inkwell/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  useConnectionStatus,
  useDocConnection,
  usePresence,
  useSaveStatus,
} from '../hooks/use-doc-connection.ts';
import { queryKeys } from '../lib/query-client.ts';
import { CollaborativeEditor } from './CollaborativeEditor.tsx';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { ConnectionNotice } from './ConnectionNotice.tsx';
import { DocBar } from './DocBar.tsx';
import { DocTitleInput } from './DocTitleInput.tsx';
import { PresenceList } from './PresenceList.tsx';
import { SaveIndicator } from './SaveIndicator.tsx';

interface DocWorkspaceProps {
  doc: Doc;
  user: PresenceUser;
}

/** An existing document, open for editing: mounted only after its metadata loaded. */
export function DocWorkspace({ doc, user }: DocWorkspaceProps) {
  const connection = useDocConnection(doc.id, user);
  const { status, terminal } = useConnectionStatus(connection);
  const people = usePresence(connection);
  const saveStatus = useSaveStatus(connection);
  const queryClient = useQueryClient();
  const [hasSynced, setHasSynced] = useState(false);
  if (status === 'live' && !hasSynced) setHasSynced(true);

  const editable = terminal === null && doc.role !== 'viewer';

  // Someone deleted the document while it was open: the list must not offer it any more.
  useEffect(() => {
    if (terminal?.code === CloseCode.DOC_DELETED) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.docs });
    }
  }, [terminal, queryClient]);

  return (
    <div className="page page--doc">
      <DocBar>
        {/* A viewer has no edits of their own to save. */}
        {doc.role !== 'viewer' && <SaveIndicator status={saveStatus} terminal={terminal !== null} />}
        <ConnectionBadge status={status} />
        <PresenceList people={people} />
      </DocBar>
      <DocTitleInput doc={doc} readOnly={!editable} />
      {terminal && <ConnectionNotice terminal={terminal} />}
      {doc.role === 'viewer' && !terminal && (
        <p className="notice">You can read this document but not change it.</p>
      )}
      {/* Until the first sync the empty editor would claim "Start writing…" over a document
          that is about to arrive; the class hides that placeholder. */}
      <div className={hasSynced ? 'editor-frame' : 'editor-frame editor-frame--syncing'}>
        {connection ? (
          <CollaborativeEditor
            key={connection.clientId}
            connection={connection}
            user={user}
            editable={editable}
          />
        ) : (
          <div className="editor editor--placeholder" aria-hidden="true" />
        )}
      </div>
    </div>
  );
}
