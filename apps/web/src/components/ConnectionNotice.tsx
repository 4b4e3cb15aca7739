import { CloseCode, Pages } from '@inkwell/protocol';
import type { TerminalClose } from '../sync/connection-status.ts';
import { Link } from './Link.tsx';

function describe(code: number): string {
  switch (code) {
    case CloseCode.DOC_DELETED:
      return 'This document was deleted. Changes can no longer be saved.';
    case CloseCode.ACCESS_REVOKED:
      return 'You no longer have access to this document.';
    case CloseCode.SESSION_ENDED:
      return 'Your session ended. Reload the page to continue.';
    default:
      return 'The server closed the connection to this document.';
  }
}

/** Shown once the server has closed the socket for good; editing is then disabled. */
export function ConnectionNotice({ terminal }: { terminal: TerminalClose }) {
  return (
    <div className="notice notice--error" role="alert" data-testid="connection-closed">
      <p>{describe(terminal.code)}</p>
      <Link to={Pages.home}>Go to the document list</Link>
    </div>
  );
}
