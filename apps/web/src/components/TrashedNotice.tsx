import { type Doc, Pages } from '@inkwell/protocol';
import { useRestoreFromTrash, useTrashQuery } from '../hooks/use-trash.ts';
import { errorMessage } from '../lib/api-error.ts';
import { formatAbsoluteTime } from '../lib/relative-time.ts';
import { Link } from './Link.tsx';

interface TrashedNoticeProps {
  doc: Pick<Doc, 'id' | 'title'>;
  onDismiss: () => void;
}

/** "“Plan” moved to the trash." with Undo, shown on the list right after a move. */
export function TrashedNotice({ doc, onDismiss }: TrashedNoticeProps) {
  const restore = useRestoreFromTrash();
  // The server decides when it goes for good; until the trash has loaded, the sentence waits.
  const purgeAt = useTrashQuery().data?.find((trashed) => trashed.id === doc.id)?.purgeAt;

  if (restore.isSuccess) {
    return (
      <output className="notice notice--action" data-testid="trash-notice">
        <span>
          Restored <strong>{doc.title}</strong>.
        </span>
        <span className="notice__actions">
          <Link to={Pages.doc(doc.id)} className="button button--small">
            Open
          </Link>
          <DismissButton onDismiss={onDismiss} />
        </span>
      </output>
    );
  }

  return (
    <output className="notice notice--action" data-testid="trash-notice">
      <span>
        <strong>{doc.title}</strong> moved to the trash.
        {purgeAt && <> It will be deleted for good on {formatAbsoluteTime(purgeAt)}.</>}
        {restore.isError && <span className="field__error"> Couldn't undo: {errorMessage(restore.error)}</span>}
      </span>
      <span className="notice__actions">
        <button type="button" className="button button--small" onClick={() => restore.mutate(doc.id)} disabled={restore.isPending}>
          {restore.isPending ? 'Restoring…' : 'Undo'}
        </button>
        <Link to={Pages.trash} className="button button--ghost button--small">
          View trash
        </Link>
        <DismissButton onDismiss={onDismiss} />
      </span>
    </output>
  );
}

function DismissButton({ onDismiss }: { onDismiss: () => void }) {
  return (
    <button type="button" className="icon-button notice__dismiss" aria-label="Dismiss" onClick={onDismiss}>
      <span aria-hidden="true">×</span>
    </button>
  );
}
