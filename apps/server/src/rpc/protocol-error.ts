import type { SocketErrorCode } from '@inkwell/protocol';

/**
 * An expected failure of an RPC call or app message, answered to the client as
 * `{code, message}`. Anything else thrown by a handler is a bug: the client gets INTERNAL
 * and the server logs it.
 */
export class ProtocolError extends Error {
  constructor(
    readonly code: SocketErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}
