import { type Doc, Pages } from '@inkwell/protocol';
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
  doc: Doc;
  now: number;
  /** After the owner moved it to the trash (the row is gone by then). */
  onTrashed: (doc: Doc) => void;
}

export function DocRow({ doc, now, onTrashed }: DocRowProps) {
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
        <span className="doc-row__meta">
          <RoleBadge role={doc.role} />
          <span>
            edited{' '}
            <time dateTime={doc.updatedAt} title={formatAbsoluteTime(doc.updatedAt)}>
              {formatRelativeTime(doc.updatedAt, now)}
            </time>
          </span>
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
