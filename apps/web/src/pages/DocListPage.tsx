import { type Doc, type DocListEntry, Pages } from '@inkwell/protocol';
import { useId, useMemo, useState } from 'react';
import { DocRow } from '../components/DocRow.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { ImportButton } from '../components/ImportButton.tsx';
import { Link } from '../components/Link.tsx';
import { TrashedNotice } from '../components/TrashedNotice.tsx';
import { TrashIcon } from '../components/TrashIcon.tsx';
import { useMeQuery } from '../hooks/use-auth.ts';
import { useCreateDoc, useDocsQuery } from '../hooks/use-docs.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useSearch } from '../hooks/use-location.ts';
import { useNow } from '../hooks/use-now.ts';
import { errorMessage } from '../lib/api-error.ts';
import { getPathname, navigate } from '../lib/navigation.ts';
import { trashedFromHistory } from '../lib/trash-flash.ts';

type SortOrder = 'edited' | 'title';

/** The order is kept in the URL (`?sort=title`), so a reload, Back or a shared link keeps it. */
function sortFromSearch(search: string): SortOrder {
  return new URLSearchParams(search).get('sort') === 'title' ? 'title' : 'edited';
}

const titleCollator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
/** When the text last changed (falling back to the last change of any kind), epoch ms. */
const editedAt = (doc: DocListEntry) => Date.parse(doc.editedAt ?? doc.updatedAt);

function sortDocs(docs: readonly DocListEntry[], order: SortOrder): DocListEntry[] {
  const sorted = [...docs];
  if (order === 'title') sorted.sort((a, b) => titleCollator.compare(a.title, b.title) || editedAt(b) - editedAt(a));
  else sorted.sort((a, b) => editedAt(b) - editedAt(a) || titleCollator.compare(a.title, b.title));
  return sorted;
}

// Placeholder rows while the list loads: fixed, so each gets a stable key of its own.
const SKELETON_ROWS = ['skeleton-1', 'skeleton-2', 'skeleton-3'] as const;

export function DocListPage() {
  const docs = useDocsQuery();
  const create = useCreateDoc();
  const now = useNow();
  const meId = useMeQuery().data?.id ?? '';
  const sort = sortFromSearch(useSearch());
  const sortId = useId();
  const sorted = useMemo(() => (docs.data ? sortDocs(docs.data, sort) : []), [docs.data, sort]);
  // Moved to the trash here, or in the editor that navigated here (history state).
  const [trashed, setTrashed] = useState<Pick<Doc, 'id' | 'title'> | null>(trashedFromHistory);
  const [importError, setImportError] = useState<string | null>(null);
  useDocumentTitle('Documents');

  function createDoc() {
    create.mutate(undefined, { onSuccess: (doc) => navigate(Pages.doc(doc.id)) });
  }

  function changeSort(next: SortOrder) {
    navigate(next === 'title' ? `${getPathname()}?sort=title` : getPathname(), { replace: true });
  }

  function dismissTrashed() {
    setTrashed(null);
    // A reload or Back should not bring the notice back.
    window.history.replaceState(null, '');
  }

  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">Documents</h1>
        <div className="page-header__actions">
          <Link to={Pages.trash} className="button button--ghost" data-testid="trash-link">
            <TrashIcon /> Trash
          </Link>
          <ImportButton onError={setImportError} />
          <button
            type="button"
            className="button button--primary"
            onClick={createDoc}
            disabled={create.isPending}
            aria-busy={create.isPending || undefined}
          >
            <span aria-hidden="true">+</span> New document
          </button>
        </div>
      </div>
      {create.isError && (
        <p className="notice notice--error" role="alert">
          Could not create a document: {errorMessage(create.error)}
        </p>
      )}
      {importError && (
        <div className="notice notice--error" role="alert" data-testid="import-error">
          <span className="notice__text">Couldn't import: {importError}</span>
          <button type="button" className="icon-button notice__dismiss" aria-label="Dismiss" onClick={() => setImportError(null)}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
      {trashed && <TrashedNotice key={trashed.id} doc={trashed} onDismiss={dismissTrashed} />}
      {docs.isPending ? (
        <div className="doc-list doc-list--loading" aria-busy="true">
          <p className="state__text">Loading documents…</p>
          {SKELETON_ROWS.map((key) => (
            <div key={key} className="skeleton-row" aria-hidden="true" />
          ))}
        </div>
      ) : docs.isError && !docs.data ? (
        <ErrorState
          title="Couldn't load your documents"
          error={docs.error}
          onRetry={() => void docs.refetch()}
          retrying={docs.isFetching}
        />
      ) : docs.data.length === 0 ? (
        <div className="state state--empty">
          <p className="state__title">No documents yet</p>
          <p className="state__text">Create one, or import a Markdown file, then share it with others to write together.</p>
          <button type="button" className="button" onClick={createDoc} disabled={create.isPending}>
            Create a document
          </button>
        </div>
      ) : (
        <>
          <div className="doc-list__toolbar">
            <label htmlFor={sortId} className="doc-list__sort-label">
              Sort by
            </label>
            <select
              id={sortId}
              className="input doc-list__sort"
              value={sort}
              onChange={(event) => changeSort(event.target.value === 'title' ? 'title' : 'edited')}
              data-testid="doc-sort"
            >
              <option value="edited">Last edited</option>
              <option value="title">Title</option>
            </select>
          </div>
          <ul className="doc-list" aria-label="Documents">
            {sorted.map((doc) => (
              <DocRow key={doc.id} doc={doc} now={now} meId={meId} onTrashed={setTrashed} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
