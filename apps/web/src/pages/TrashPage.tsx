import { type Doc, Pages, type TrashedDoc } from '@inkwell/protocol';
import { useState } from 'react';
import { ErrorState } from '../components/ErrorState.tsx';
import { Link } from '../components/Link.tsx';
import { TrashIcon } from '../components/TrashIcon.tsx';
import { TrashRow } from '../components/TrashRow.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useNow } from '../hooks/use-now.ts';
import { useTrashQuery } from '../hooks/use-trash.ts';

const SKELETON_ROWS = ['skeleton-1', 'skeleton-2'] as const;

/** The caller's trashed documents: restore one, or delete it for good. */
export function TrashPage() {
  const trash = useTrashQuery();
  const now = useNow();
  const [restored, setRestored] = useState<Doc | null>(null);
  useDocumentTitle('Trash');

  return (
    <div className="page">
      <Link to={Pages.home} className="back-link">
        <span aria-hidden="true">←</span> All documents
      </Link>
      <div className="page-header page-header--stacked">
        <h1 className="page-title">Trash</h1>
        <p className="page-lead">
          Documents you move to the trash stay here until they are deleted for good, 30 days later. Only you can see them; people they were
          shared with get them back when you restore them.
        </p>
      </div>
      {restored && (
        <output className="notice notice--action" data-testid="restored-notice">
          <span>
            Restored <strong>{restored.title}</strong>. It is back in your documents, with its people and versions.
          </span>
          <span className="notice__actions">
            <Link to={Pages.doc(restored.id)} className="button button--small button--primary">
              Open
            </Link>
            <button type="button" className="icon-button notice__dismiss" aria-label="Dismiss" onClick={() => setRestored(null)}>
              <span aria-hidden="true">×</span>
            </button>
          </span>
        </output>
      )}
      <TrashList trash={trash} now={now} onRestored={setRestored} />
    </div>
  );
}

interface TrashListProps {
  trash: ReturnType<typeof useTrashQuery>;
  now: number;
  onRestored: (doc: Doc) => void;
}

function TrashList({ trash, now, onRestored }: TrashListProps) {
  if (trash.isPending) {
    return (
      <div className="doc-list doc-list--loading" aria-busy="true">
        <p className="state__text">Loading the trash…</p>
        {SKELETON_ROWS.map((key) => (
          <div key={key} className="skeleton-row" aria-hidden="true" />
        ))}
      </div>
    );
  }
  if (trash.isError && !trash.data) {
    return (
      <ErrorState title="Couldn't load the trash" error={trash.error} onRetry={() => void trash.refetch()} retrying={trash.isFetching} />
    );
  }
  const docs: TrashedDoc[] = trash.data;
  if (docs.length === 0) {
    return (
      <div className="state state--empty" data-testid="trash-empty">
        <span className="state__icon" aria-hidden="true">
          <TrashIcon />
        </span>
        <p className="state__title">The trash is empty</p>
        <p className="state__text">Documents you move to the trash appear here for 30 days, in case you need them back.</p>
      </div>
    );
  }
  return (
    <ul className="doc-list" aria-label="Documents in the trash">
      {docs.map((doc) => (
        <TrashRow key={doc.id} doc={doc} now={now} onRestored={onRestored} />
      ))}
    </ul>
  );
}
