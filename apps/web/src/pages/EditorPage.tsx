import type { User } from '@inkwell/protocol';
import { useEffect, useState } from 'react';
import { DocBar } from '../components/DocBar.tsx';
import { DocUnavailable } from '../components/DocUnavailable.tsx';
import { DocWorkspace } from '../components/DocWorkspace.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { useDocQuery } from '../hooks/use-docs.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useSearch } from '../hooks/use-location.ts';
import { ApiError } from '../lib/api-error.ts';
import { keepLoadedFiles } from '../lib/app-shell.ts';

interface EditorPageProps {
  docId: string;
  user: User;
}

export function EditorPage({ docId, user }: EditorPageProps) {
  const doc = useDocQuery(docId, user.id);
  // The editor's code was loaded on demand: keep it for opening this page offline.
  useEffect(() => {
    void keepLoadedFiles();
  }, []);
  const [revoked, setRevoked] = useState(false);
  // A notification about a comment links to `/d/:id?thread=…`.
  const linkedThreadId = new URLSearchParams(useSearch()).get('thread');
  // Also after a later refetch (the socket probe in DocWorkspace): the cached doc is still
  // there, but a 404 now means it is gone or no longer ours.
  const missing = doc.error instanceof ApiError && doc.error.isNotFound;
  useDocumentTitle(revoked ? 'No access' : missing ? 'Not found' : doc.data?.title);

  // Before `missing`: once revoked, a refetch answers 404 too, but "removed" is the truer story.
  if (revoked) return <DocUnavailable reason="revoked" />;

  // No socket is opened until the metadata says the document exists and is ours: the server
  // would refuse the upgrade, and the provider would retry that forever.
  if (missing) return <DocUnavailable reason="missing" />;

  if (doc.data) return <DocWorkspace doc={doc.data} user={user} onRevoked={() => setRevoked(true)} linkedThreadId={linkedThreadId} />;

  return (
    <div className="page page--doc">
      <DocBar />
      <div className="doc-layout">
        {doc.isError ? (
          <ErrorState title="Couldn't open this document" error={doc.error} onRetry={() => void doc.refetch()} retrying={doc.isFetching} />
        ) : (
          <p className="state__text" aria-busy="true">
            Loading document…
          </p>
        )}
      </div>
    </div>
  );
}
