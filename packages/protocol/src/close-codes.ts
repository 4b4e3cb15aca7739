// WebSocket close codes the server uses on the document socket (API.md §3). 1xxx are the
// RFC 6455 codes; 4xxx are Inkwell's own and tell the client whether reconnecting can help.
export const CloseCode = {
  /** Server shutting down; reconnect later. */
  GOING_AWAY: 1001,
  /** A frame exceeded the server's maxPayload. */
  MESSAGE_TOO_BIG: 1009,
  /** The server failed internally (for example, storage refused a write); reconnect. */
  INTERNAL_ERROR: 1011,
  /** Too much unsent data queued for a slow client; reconnect. */
  TRY_AGAIN_LATER: 1013,
  /** Undecodable frame or invalid update. */
  PROTOCOL_VIOLATION: 4400,
  /** The session ended (logout). */
  SESSION_ENDED: 4401,
  /** Access to the document was revoked. */
  ACCESS_REVOKED: 4403,
  /** The document was deleted. */
  DOC_DELETED: 4404,
  /** Message or byte budget exceeded. */
  RATE_LIMITED: 4429,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which reconnecting to the same document cannot succeed. */
export const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.SESSION_ENDED,
  CloseCode.ACCESS_REVOKED,
  CloseCode.DOC_DELETED,
]);
