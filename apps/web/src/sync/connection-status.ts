/**
 * What the connection badge shows:
 * - live: the socket is open and the initial sync finished, so edits reach others now;
 * - offline: the last attempt failed or the socket dropped; the provider keeps retrying
 *   (unless the close was terminal);
 * - connecting: the first attempt, or a reopened socket that has not synced yet.
 */
export type ConnectionStatus = 'connecting' | 'live' | 'offline';

/** A server close after which reconnecting cannot succeed (CloseCode 4401/4403/4404). */
export interface TerminalClose {
  code: number;
  reason: string;
}

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  terminal: TerminalClose | null;
}

export interface ProviderFacts {
  connected: boolean;
  synced: boolean;
  /** A close or failed attempt happened since the socket was last open. */
  droppedSinceOpen: boolean;
  terminal: TerminalClose | null;
}

export function deriveConnectionSnapshot(facts: ProviderFacts): ConnectionSnapshot {
  let status: ConnectionStatus;
  if (facts.terminal) status = 'offline';
  else if (facts.connected) status = facts.synced ? 'live' : 'connecting';
  else status = facts.droppedSinceOpen ? 'offline' : 'connecting';
  return { status, terminal: facts.terminal };
}

export function sameConnectionSnapshot(a: ConnectionSnapshot, b: ConnectionSnapshot): boolean {
  return (
    a.status === b.status &&
    a.terminal?.code === b.terminal?.code &&
    a.terminal?.reason === b.terminal?.reason
  );
}
