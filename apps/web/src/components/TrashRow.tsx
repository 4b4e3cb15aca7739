import type { Doc, TrashedDoc } from '@inkwell/protocol';
import { useState } from 'react';
import { useDeleteForever, useRestoreFromTrash } from '../hooks/use-trash.ts';
import { errorMessage } from '../lib/api-error.ts';
import { formatAbsoluteTime, formatRelativeTime, formatTimeUntil } from '../lib/relative-time.ts';
import { RowConfirm } from './RowConfirm.tsx';

interface TrashRowProps {
  doc: TrashedDoc;
  now: number;
  onRestored: (doc: Doc) => void;
}

/** One trashed document: when it went, when it goes for good, Restore and Delete forever. */
export function TrashRow({ doc, now, onRestored }: TrashRowProps) {
  const restore = useRestoreFromTrash();
  const purge = useDeleteForever();
  const [confirming, setConfirming] = useState(false);
  const error = restore.error ?? purge.error;

  return (
    <li
      className={`doc-row trash-row ${confirming ? 'doc-row--confirm-trash' : 'doc-row--view'}`}
      data-testid="trash-row"
      data-doc-id={doc.id}
    >
      <div className="doc-row__main">
        {/* Not a link: a trashed document cannot be opened until it is restored. */}
        <span className="doc-row__title doc-row__title--static">{doc.title}</span>
        <span className="doc-row__meta">
          <span>
            Moved to trash{' '}
            <time dateTime={doc.deletedAt} title={formatAbsoluteTime(doc.deletedAt)}>
              {formatRelativeTime(doc.deletedAt, now)}
            </time>
          </span>
          <span className="trash-row__dot" aria-hidden="true">
            ·
          </span>
          <span className="trash-row__purge">
            Deleted for good{' '}
            <time dateTime={doc.purgeAt} title={formatAbsoluteTime(doc.purgeAt)}>
              {formatTimeUntil(doc.purgeAt, now)}
            </time>
          </span>
        </span>
      </div>
      {confirming ? (
        <RowConfirm
          label={`Delete ${doc.title} forever`}
          confirmLabel="Delete forever"
          pendingLabel="Deleting…"
          pending={purge.isPending}
          onConfirm={() => purge.mutate(doc.id, { onSuccess: () => setConfirming(false) })}
          onCancel={() => setConfirming(false)}
        >
          Delete <strong>{doc.title}</strong> forever? Its text, versions and comments are erased for everyone. This cannot be undone.
        </RowConfirm>
      ) : (
        <div className="doc-row__actions doc-row__actions--always">
          <button
            type="button"
            className="button button--small"
            onClick={() => restore.mutate(doc.id, { onSuccess: onRestored })}
            disabled={restore.isPending}
          >
            {restore.isPending ? 'Restoring…' : 'Restore'}
          </button>
          <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => setConfirming(true)}>
            Delete forever
          </button>
        </div>
      )}
      {error && (
        <p className="field__error doc-row__error" role="alert">
          {restore.error ? "Couldn't restore it" : "Couldn't delete it"}: {errorMessage(error)}
        </p>
      )}
    </li>
  );
}
