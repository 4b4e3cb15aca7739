import { lazy, Suspense, useState, type ReactNode } from 'react';
import { AppHeader } from './components/AppHeader.tsx';
import { DisplayNameDialog } from './components/DisplayNameDialog.tsx';
import { useLocalUser } from './hooks/use-local-user.ts';
import { usePathname } from './hooks/use-pathname.ts';
import { matchRoute } from './lib/routes.ts';
import { DocListPage } from './pages/DocListPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

// Tiptap, ProseMirror and Yjs are most of the bundle; the document list does not need them.
const EditorPage = lazy(() =>
  import('./pages/EditorPage.tsx').then((module) => ({ default: module.EditorPage })),
);

export function App() {
  const user = useLocalUser();
  const route = matchRoute(usePathname());
  const [changingName, setChangingName] = useState(false);

  let page: ReactNode = null;
  // Pages wait for a name: the editor announces it to everyone the moment it connects.
  if (user) {
    if (route.name === 'home') page = <DocListPage />;
    // Keyed so moving between documents (back/forward) starts a fresh connection and editor.
    else if (route.name === 'doc') page = <EditorPage key={route.docId} docId={route.docId} user={user} />;
    else page = <NotFoundPage />;
  }

  return (
    <>
      <AppHeader user={user} onChangeName={() => setChangingName(true)} />
      <main className="app-main">
        <Suspense fallback={<p className="page state__text">Loading…</p>}>{page}</Suspense>
      </main>
      {!user && <DisplayNameDialog onDone={() => {}} />}
      {user && changingName && (
        <DisplayNameDialog currentName={user.name} onDone={() => setChangingName(false)} />
      )}
    </>
  );
}
