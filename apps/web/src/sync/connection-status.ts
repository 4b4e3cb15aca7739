/**
 * What the connection badge shows:
 * - live: the socket is open and the initial sync finished, so edits reach others now;
 * - offline: the last attempt failed or the socket dropped; the provider keeps retrying
 *   (unless the close was terminal);
 * - connecting: the first attempt, or a reopened socket that has not synced yet.
 */
export type ConnectionStatus = 'connecting' | 'live' | 'offline';

/** A server close after which reconnecting cannot succeed (TERMINAL_CLOSE_CODES). */
export interface TerminalClose {
  code: number;
  reason: string;
}

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  terminal: TerminalClose | null;
  /**
   * Attempts in a row that failed without a close code: the socket never opened, or closed
   * with 1006. A browser hides why an upgrade was refused (401, 403, 404 look the same as a
   * server that is down), so after a few of these the page asks the HTTP API instead.
   * Back to 0 once a socket syncs.
   */
  failedAttempts: number;
}

export interface ProviderFacts {
  connected: boolean;
  synced: boolean;
  /** A close or failed attempt happened since the socket was last open. */
  droppedSinceOpen: boolean;
  terminal: TerminalClose | null;
  failedAttempts: number;
}

export function deriveConnectionSnapshot(facts: ProviderFacts): ConnectionSnapshot {
  let status: ConnectionStatus;
  if (facts.terminal) status = 'offline';
  else if (facts.connected) status = facts.synced ? 'live' : 'connecting';
  else status = facts.droppedSinceOpen ? 'offline' : 'connecting';
  return { status, terminal: facts.terminal, failedAttempts: facts.failedAttempts };
}

export function sameConnectionSnapshot(a: ConnectionSnapshot, b: ConnectionSnapshot): boolean {
  return (
    a.status === b.status &&
    a.failedAttempts === b.failedAttempts &&
    a.terminal?.code === b.terminal?.code &&
    a.terminal?.reason === b.terminal?.reason
  );
}
