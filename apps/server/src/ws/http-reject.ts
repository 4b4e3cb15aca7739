import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERROR_STATUS, type ErrorCode, errorBody } from '@inkwell/protocol';

/**
 * Answers a WebSocket upgrade request with a plain HTTP error and closes the TCP socket, so
 * a client sees a status (400/404/…) instead of a socket that opens and then closes.
 */
export function rejectUpgrade(socket: Duplex, code: ErrorCode, message: string): void {
  if (socket.destroyed) return;
  const status = ERROR_STATUS[code];
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n' +
      '\r\n' +
      body,
  );
}
