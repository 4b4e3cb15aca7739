import { Pages, type Doc } from '@inkwell/protocol';
import { useState } from 'react';
import { formatAbsoluteTime, formatRelativeTime } from '../lib/relative-time.ts';
import { DocDeleteConfirm } from './DocDeleteConfirm.tsx';
import { DocRenameForm } from './DocRenameForm.tsx';
import { Link } from './Link.tsx';

type Mode = 'view' | 'rename' | 'confirm-delete';

export function DocRow({ doc, now }: { doc: Doc; now: number }) {
  const [mode, setMode] = useState<Mode>('view');
  const backToView = () => setMode('view');

  return (
    <li className={`doc-row doc-row--${mode}`} data-testid="doc-row" data-doc-id={doc.id}>
      {/* The title link stays while renaming or confirming, so the row keeps its name. */}
      <div className="doc-row__main">
        <Link to={Pages.doc(doc.id)} className="doc-row__title">
          {doc.title}
        </Link>
        <span className="doc-row__meta">
          edited{' '}
          <time dateTime={doc.updatedAt} title={formatAbsoluteTime(doc.updatedAt)}>
            {formatRelativeTime(doc.updatedAt, now)}
          </time>
        </span>
      </div>
      {mode === 'view' && (
        <div className="doc-row__actions">
          <button type="button" className="button button--ghost button--small" onClick={() => setMode('rename')}>
            Rename
          </button>
          <button
            type="button"
            className="button button--ghost button--small button--danger-text"
            onClick={() => setMode('confirm-delete')}
          >
            Delete
          </button>
        </div>
      )}
      {mode === 'rename' && <DocRenameForm doc={doc} onDone={backToView} />}
      {mode === 'confirm-delete' && <DocDeleteConfirm doc={doc} onCancel={backToView} />}
    </li>
  );
}
