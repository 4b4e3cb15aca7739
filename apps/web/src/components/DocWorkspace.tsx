import type { Doc, User } from '@inkwell/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useConnectionOutcome } from '../hooks/use-connection-outcome.ts';
import {
  useConnectionStatus,
  useDocConnection,
  usePresence,
  useSaveStatus,
} from '../hooks/use-doc-connection.ts';
import { queryKeys } from '../lib/query-keys.ts';
import { canEdit, isOwner } from '../lib/roles.ts';
import { CollaborativeEditor } from './CollaborativeEditor.tsx';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { ConnectionNotice } from './ConnectionNotice.tsx';
import { DocBar } from './DocBar.tsx';
import { DocTitleInput } from './DocTitleInput.tsx';
import { PresenceList } from './PresenceList.tsx';
import { RoleBadge } from './RoleBadge.tsx';
import { SaveIndicator } from './SaveIndicator.tsx';
import { ShareDialog } from './ShareDialog.tsx';

interface DocWorkspaceProps {
  doc: Doc;
  user: User;
  /** The server closed the socket with 4403: the page shows the no-access screen instead. */
  onRevoked: () => void;
}

/** An existing document, open for editing: mounted only after its metadata loaded. */
export function DocWorkspace({ doc, user, onRevoked }: DocWorkspaceProps) {
  // Never the e-mail: awareness goes to everyone in the document.
  const queryClient = useQueryClient();
  const connection = useDocConnection(doc.id, { id: user.id, name: user.name, color: user.color }, (patch) => {
    // e.g. the owner made us a viewer: the cached doc's role changes and the editor locks.
    queryClient.setQueryData<Doc>(queryKeys.doc(patch.id), (old) => old && { ...old, ...patch.delta });
    void queryClient.invalidateQueries({ queryKey: queryKeys.docs });
  });
  const snapshot = useConnectionStatus(connection);
  const { status, terminal } = snapshot;
  const people = usePresence(connection);
  const saveStatus = useSaveStatus(connection);
  const [hasSynced, setHasSynced] = useState(false);
  const [sharing, setSharing] = useState(false);
  if (status === 'live' && !hasSynced) setHasSynced(true);
  useConnectionOutcome(doc.id, snapshot, onRevoked);

  const writer = canEdit(doc.role);
  const editable = terminal === null && writer;

  return (
    <div className="page page--doc">
      <DocBar>
        {/* A viewer has no edits of their own to save. */}
        {writer ? (
          <SaveIndicator status={saveStatus} terminal={terminal !== null} />
        ) : (
          <RoleBadge role={doc.role} testId="view-only-badge" />
        )}
        <ConnectionBadge status={status} />
        <PresenceList people={people} />
        {isOwner(doc.role) && (
          <button type="button" className="button button--small" onClick={() => setSharing(true)}>
            Share
          </button>
        )}
      </DocBar>
      <DocTitleInput doc={doc} readOnly={!editable} />
      {terminal && <ConnectionNotice terminal={terminal} />}
      {/* Until the first sync the empty editor would claim "Start writing…" over a document
          that is about to arrive; the class hides that placeholder. */}
      <div className={hasSynced ? 'editor-frame' : 'editor-frame editor-frame--syncing'}>
        {connection ? (
          <CollaborativeEditor
            key={connection.clientId}
            connection={connection}
            user={user}
            editable={editable}
            viewer={!writer}
          />
        ) : (
          <div className="editor editor--placeholder" aria-hidden="true" />
        )}
      </div>
      {sharing && <ShareDialog doc={doc} onClose={() => setSharing(false)} />}
    </div>
  );
}
