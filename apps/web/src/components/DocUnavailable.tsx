import { Pages } from '@inkwell/protocol';
import { Link } from './Link.tsx';

const TEXTS = {
  // GET /api/docs/:id answers 404 both for a missing document and for one the caller may not
  // open, so the page cannot tell them apart either (and must not: ids would leak).
  missing: {
    testId: 'doc-missing',
    title: 'This document does not exist or you have no access',
    text: 'Check the link, or ask its owner to share it with you. If it was yours and you moved it to the trash, you can restore it from the Trash.',
  },
  revoked: {
    testId: 'no-access',
    title: 'You no longer have access to this document',
    text: 'Its owner removed you. Ask them to share it again if you still need it.',
  },
} as const;

/** In place of the editor when the document cannot be opened. */
export function DocUnavailable({ reason }: { reason: keyof typeof TEXTS }) {
  const { testId, title, text } = TEXTS[reason];
  return (
    <div className="page">
      <div className="state state--empty" data-testid={testId}>
        <span className="state__icon" aria-hidden="true">
          <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" strokeWidth="1.7">
            <rect x="5" y="11" width="14" height="9.5" rx="2" />
            <path d="M8 11V8a4 4 0 0 1 8 0v3" />
            <path d="M12 14.5v2.5" strokeLinecap="round" />
          </svg>
        </span>
        <h1 className="state__title">{title}</h1>
        <p className="state__text">{text}</p>
        <Link to={Pages.home} className="button">
          Back to all documents
        </Link>
      </div>
    </div>
  );
}
