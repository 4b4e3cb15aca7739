import { type Doc, type DocListEntry, Pages } from '@inkwell/protocol';
import { useState } from 'react';
import { formatAbsoluteTime, formatRelativeTime } from '../lib/relative-time.ts';
import { canEdit, isOwner } from '../lib/roles.ts';
import { DocRenameForm } from './DocRenameForm.tsx';
import { Link } from './Link.tsx';
import { MoveToTrashConfirm } from './MoveToTrashConfirm.tsx';
import { RoleBadge } from './RoleBadge.tsx';
import { ShareDialog } from './ShareDialog.tsx';

type Mode = 'view' | 'rename' | 'confirm-trash';

interface DocRowProps {
  doc: DocListEntry;
  now: number;
  /** The signed-in person: "Shared by" and "by you" depend on who is looking. */
  meId: string;
  /** After the owner moved it to the trash (the row is gone by then). */
  onTrashed: (doc: Doc) => void;
}

export function DocRow({ doc, now, meId, onTrashed }: DocRowProps) {
  const [mode, setMode] = useState<Mode>('view');
  const [sharing, setSharing] = useState(false);
  const backToView = () => setMode('view');
  // Only what the server would allow is offered (it refuses the rest with 403 anyway).
  const owner = isOwner(doc.role);

  return (
    <li className={`doc-row doc-row--${mode}`} data-testid="doc-row" data-doc-id={doc.id} data-role={doc.role}>
      {/* The title link stays while renaming or confirming, so the row keeps its name. */}
      <div className="doc-row__main">
        <Link to={Pages.doc(doc.id)} className="doc-row__title">
          {doc.title}
        </Link>
        {doc.snippet !== undefined && (
          <p className={doc.snippet ? 'doc-row__snippet' : 'doc-row__snippet doc-row__snippet--empty'} data-testid="doc-snippet">
            {doc.snippet || 'No text yet'}
          </p>
        )}
        <span className="doc-row__meta">
          <RoleBadge role={doc.role} />
          {doc.owner && doc.owner.id !== meId && (
            <span className="doc-row__shared" data-testid="doc-shared-by">
              Shared by {doc.owner.name}
            </span>
          )}
          <EditedLine doc={doc} now={now} meId={meId} />
        </span>
      </div>
      {mode === 'view' && (canEdit(doc.role) || owner) && (
        <div className="doc-row__actions">
          {owner && (
            <button type="button" className="button button--ghost button--small" onClick={() => setSharing(true)}>
              Share
            </button>
          )}
          {canEdit(doc.role) && (
            <button type="button" className="button button--ghost button--small" onClick={() => setMode('rename')}>
              Rename
            </button>
          )}
          {owner && (
            <button
              type="button"
              className="button button--ghost button--small button--danger-text"
              onClick={() => setMode('confirm-trash')}
            >
              Move to trash
            </button>
          )}
        </div>
      )}
      {mode === 'rename' && <DocRenameForm doc={doc} onDone={backToView} />}
      {mode === 'confirm-trash' && <MoveToTrashConfirm doc={doc} onCancel={backToView} onMoved={onTrashed} />}
      {sharing && <ShareDialog doc={doc} onClose={() => setSharing(false)} />}
    </li>
  );
}

/** "Edited 5 min ago by Ben" when the last editor is known, else when it last changed (or was made). */
function EditedLine({ doc, now, meId }: { doc: DocListEntry; now: number; meId: string }) {
  const at = doc.lastEditor && doc.editedAt ? doc.editedAt : doc.updatedAt;
  const by = doc.lastEditor ? (doc.lastEditor.id === meId ? 'you' : doc.lastEditor.name) : null;
  // Never changed since it was made: say so rather than "Edited".
  const verb = !doc.lastEditor && doc.updatedAt === doc.createdAt ? 'Created' : 'Edited';
  return (
    <span className="doc-row__edited" data-testid="doc-edited">
      {verb}{' '}
      <time dateTime={at} title={formatAbsoluteTime(at)}>
        {formatRelativeTime(at, now)}
      </time>
      {by && ` by ${by}`}
    </span>
  );
}
