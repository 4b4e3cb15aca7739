import { CloseCode, Pages } from '@inkwell/protocol';
import type { TerminalClose } from '../sync/connection-status.ts';
import { Link } from './Link.tsx';

function describe(code: number, owner: boolean): string {
  switch (code) {
    case CloseCode.DOC_DELETED:
      return owner
        ? 'This document is in your trash, so changes can no longer be saved. You can restore it from the Trash.'
        : "This document was moved to its owner's trash, so changes can no longer be saved. Its owner can restore it from their Trash.";
    case CloseCode.ACCESS_REVOKED:
      return 'You no longer have access to this document.';
    case CloseCode.SESSION_ENDED:
      return 'Your session ended. Reload the page to continue.';
    default:
      return 'The server closed the connection to this document.';
  }
}

/** Shown once the server has closed the socket for good; editing is then disabled. */
export function ConnectionNotice({ terminal, owner = false }: { terminal: TerminalClose; owner?: boolean }) {
  const trashed = terminal.code === CloseCode.DOC_DELETED;
  return (
    <div className="notice notice--error" role="alert" data-testid="connection-closed">
      <p>{describe(terminal.code, owner)}</p>
      {trashed && owner ? <Link to={Pages.trash}>Go to the Trash</Link> : <Link to={Pages.home}>Go to the document list</Link>}
    </div>
  );
}
