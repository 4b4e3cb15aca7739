import type { SaveStatus } from '../sync/save-tracker.ts';

// The texts are part of the e2e contract.
const LABELS: Record<SaveStatus, string> = {
  saved: 'All changes saved',
  saving: 'Saving…',
  local: 'Saved on this device',
  offline: 'Not saved yet',
};

const DESCRIPTIONS: Record<SaveStatus, string> = {
  saved: 'Everything you wrote is stored on the server',
  saving: 'Sending your latest changes to the server',
  local:
    'You are offline. Your changes are stored in this browser, also if you close the tab, and are sent to the server when the connection returns.',
  offline: 'You are offline. Your changes are kept in this tab and saved when the connection returns; closing the tab now would lose them.',
};

const TERMINAL_DESCRIPTION = 'The server closed this document, so your latest changes could not be saved.';

interface SaveIndicatorProps {
  status: SaveStatus;
  /** The socket was closed for good: unsaved changes will never be sent. */
  terminal: boolean;
}

/**
 * Whether this tab's own edits are stored. Not a live region: it changes with every
 * keystroke, and the connection badge already announces going offline.
 */
export function SaveIndicator({ status, terminal }: SaveIndicatorProps) {
  const lost = terminal && (status === 'offline' || status === 'local');
  return (
    <span
      className={`save-status save-status--${status}`}
      title={lost ? TERMINAL_DESCRIPTION : DESCRIPTIONS[status]}
      data-testid="save-status"
      data-status={status}
    >
      <SaveIcon status={status} />
      {/* Visually hidden on a phone (doc-bar.css): the icon and the tooltip remain. */}
      <span className="save-status__label">{lost ? 'Not saved' : LABELS[status]}</span>
    </span>
  );
}

function SaveIcon({ status }: { status: SaveStatus }) {
  if (status === 'saving') return <span className="save-status__spinner" aria-hidden="true" />;
  return (
    <svg className="save-status__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      {status === 'saved' || status === 'local' ? (
        <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
      ) : (
        <>
          <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M8 4.75v3.75" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="8" cy="11" r="0.9" fill="currentColor" />
        </>
      )}
    </svg>
  );
}
