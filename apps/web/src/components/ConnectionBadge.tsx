import type { ConnectionStatus } from '../sync/connection-status.ts';

// The texts are part of the e2e contract: exactly these three strings.
const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline',
};

const DESCRIPTIONS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting to the server',
  live: 'Connected: your changes are shared as you type',
  offline: 'Not connected: changes are kept in this tab and sent when the connection returns',
};

export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  return (
    <span
      className={`badge badge--${status}`}
      title={DESCRIPTIONS[status]}
      role="status"
      data-testid="connection-status"
      data-status={status}
    >
      <span className="badge__dot" aria-hidden="true" />
      {/* Visually hidden on a phone (doc-bar.css): the dot and the tooltip remain. */}
      <span className="badge__label">{LABELS[status]}</span>
    </span>
  );
}
