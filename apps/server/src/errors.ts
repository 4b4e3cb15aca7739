import type { SocketErrorCode } from '@inkwell/protocol';

/** What a NOT_FOUND names; HTTP answers each with its own code (http/http-error.ts). */
export type NotFoundSubject = 'document' | 'version' | 'user' | 'thread' | 'comment';

/**
 * An expected failure a client caused: answered as `{code, message}` to an RPC call or app
 * message, and as the matching HTTP error to a request. Anything else thrown by a handler or
 * route is a bug: the client gets INTERNAL and the server logs it.
 */
export class ProtocolError extends Error {
  constructor(
    readonly code: SocketErrorCode,
    message: string,
    /** For NOT_FOUND: what is missing. */
    readonly subject: NotFoundSubject = 'document',
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}
