import { Pages } from '@inkwell/protocol';
import type { ReactNode } from 'react';
import { Link } from './Link.tsx';

interface DocBarProps {
  /** What the page knows about the document's state (save status, connection, people). */
  children?: ReactNode;
  /** Buttons at the far right (share, panel toggles). */
  actions?: ReactNode;
}

/**
 * The strip above a document: the way back to the list, and on the right whatever the page
 * knows about the document's state. Shared by the loading, error and open states so the
 * link does not jump when the document arrives.
 */
export function DocBar({ children, actions }: DocBarProps) {
  return (
    <div className="doc-bar">
      <Link to={Pages.home} className="back-link">
        <span aria-hidden="true">←</span> All documents
      </Link>
      {(children || actions) && (
        <div className="doc-bar__status">
          {children}
          {actions && <div className="doc-bar__actions">{actions}</div>}
        </div>
      )}
    </div>
  );
}
