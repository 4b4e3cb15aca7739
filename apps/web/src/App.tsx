import { Pages } from '@inkwell/protocol';
import { lazy, type ReactNode, Suspense } from 'react';
import { AppHeader } from './components/AppHeader.tsx';
import { ErrorState } from './components/ErrorState.tsx';
import { Redirect } from './components/Redirect.tsx';
import { ShortcutSheet } from './components/ShortcutSheet.tsx';
import { useMeQuery } from './hooks/use-auth.ts';
import { useEventStream } from './hooks/use-event-stream.ts';
import { usePathname, useSearch } from './hooks/use-location.ts';
import { authPagePath, nextFromSearch } from './lib/next-path.ts';
import { matchRoute } from './lib/routes.ts';
import { DocListPage } from './pages/DocListPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { SignUpPage } from './pages/SignUpPage.tsx';
import { TrashPage } from './pages/TrashPage.tsx';

// Tiptap, ProseMirror and Yjs are most of the bundle; the document list does not need them.
const EditorPage = lazy(() => import('./pages/EditorPage.tsx').then((module) => ({ default: module.EditorPage })));

const loading = <p className="page state__text">Loading…</p>;

export function App() {
  const pathname = usePathname();
  const search = useSearch();
  const route = matchRoute(pathname);
  const me = useMeQuery();
  // null: signed out. undefined: not known yet (first load, or the server unreachable).
  const user = me.data;
  // One per tab while signed in; of all tabs only one holds the connection.
  const stream = useEventStream(user?.id ?? null);

  let page: ReactNode;
  if (user === undefined) {
    page = me.isError ? (
      <div className="page">
        <ErrorState title="Couldn't reach Inkwell" error={me.error} onRetry={() => void me.refetch()} retrying={me.isFetching} />
      </div>
    ) : (
      loading
    );
  } else if (route.name === 'signIn' || route.name === 'signUp') {
    const next = nextFromSearch(search);
    if (user) page = <Redirect to={next} />;
    else if (route.name === 'signIn') page = <SignInPage next={next} />;
    else page = <SignUpPage next={next} />;
  } else if (!user) {
    // Every other page is someone's; after signing in the person comes back to it.
    page = <Redirect to={authPagePath(Pages.signIn, pathname + search)} />;
  } else if (route.name === 'home') {
    page = <DocListPage />;
  } else if (route.name === 'trash') {
    page = <TrashPage />;
  } else if (route.name === 'settings') {
    page = <SettingsPage user={user} />;
  } else if (route.name === 'doc') {
    // Keyed so moving between documents (back/forward) starts a fresh connection and editor.
    page = <EditorPage key={route.docId} docId={route.docId} user={user} />;
  } else {
    page = <NotFoundPage />;
  }

  return (
    <>
      <AppHeader user={user ?? null} stream={stream} />
      <main className="app-main">
        <Suspense fallback={loading}>{page}</Suspense>
      </main>
      {user && <ShortcutSheet />}
    </>
  );
}
