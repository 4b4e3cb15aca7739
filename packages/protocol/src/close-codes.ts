// WebSocket close codes the server uses on the document socket (API.md §3). 1xxx are the
// RFC 6455 codes; 4xxx are Inkwell's own and tell the client whether reconnecting can help.
export const CloseCode = {
  /** Server shutting down; reconnect later. */
  GOING_AWAY: 1001,
  /** A frame exceeded the server's maxPayload. */
  MESSAGE_TOO_BIG: 1009,
  /** The server failed internally (for example, storage refused a write); reconnect. */
  INTERNAL_ERROR: 1011,
  /**
   * Retry later: over the rate budget for too long, too slow to keep up, the document is
   * reloading, or an update depends on changes not sent yet (the reconnect's sync sends them).
   */
  TRY_AGAIN_LATER: 1013,
  /** Undecodable frame or invalid update: the same client would send it again, so it is final. */
  PROTOCOL_VIOLATION: 4400,
  /** The session ended (logout). */
  SESSION_ENDED: 4401,
  /** Access to the document was revoked. */
  ACCESS_REVOKED: 4403,
  /** The document was deleted. */
  DOC_DELETED: 4404,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Close codes after which reconnecting to the same document cannot succeed. Stock y-websocket
 * clients (3.x) stop reconnecting on every code from 4400 to 4499, so the server uses 44xx
 * codes only where reconnecting cannot help and 1xxx codes for everything a retry can fix.
 * (Inkwell's web client still retries 4400, with backoff: its next sync may well be valid.)
 */
export const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.SESSION_ENDED,
  CloseCode.ACCESS_REVOKED,
  CloseCode.DOC_DELETED,
]);
