import { Pages } from '@inkwell/protocol';
import { Link } from '../components/Link.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <div className="page">
      <div className="state state--empty">
        <h1 className="state__title">Page not found</h1>
        <p className="state__text">There is nothing at this address.</p>
        <Link to={Pages.home} className="button">
          Back to all documents
        </Link>
      </div>
    </div>
  );
}
