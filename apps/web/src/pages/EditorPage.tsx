import { Pages, type PresenceUser } from '@inkwell/protocol';
import { DocBar } from '../components/DocBar.tsx';
import { DocWorkspace } from '../components/DocWorkspace.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Link } from '../components/Link.tsx';
import { useDocQuery } from '../hooks/use-docs.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { ApiError } from '../lib/api-error.ts';

interface EditorPageProps {
  docId: string;
  user: PresenceUser;
}

export function EditorPage({ docId, user }: EditorPageProps) {
  const doc = useDocQuery(docId);
  const missing = doc.error instanceof ApiError && doc.error.isNotFound;
  useDocumentTitle(missing ? 'Not found' : doc.data?.title);

  // No socket is opened until the metadata says the document exists: the server would
  // refuse the upgrade, and the provider would retry that forever.
  if (missing) {
    return (
      <div className="page">
        <div className="state state--empty" data-testid="doc-missing">
          <h1 className="state__title">This document does not exist or was deleted</h1>
          <p className="state__text">Check the link, or pick another document.</p>
          <Link to={Pages.home} className="button">
            Back to all documents
          </Link>
        </div>
      </div>
    );
  }

  if (doc.data) return <DocWorkspace doc={doc.data} user={user} />;

  return (
    <div className="page page--doc">
      <DocBar />
      {doc.isError ? (
        <ErrorState
          title="Couldn't open this document"
          error={doc.error}
          onRetry={() => void doc.refetch()}
          retrying={doc.isFetching}
        />
      ) : (
        <p className="state__text" aria-busy="true">
          Loading document…
        </p>
      )}
    </div>
  );
}
