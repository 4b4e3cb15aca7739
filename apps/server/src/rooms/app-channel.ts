// The app channel on the document socket: JSON messages in type-100 frames (docs/protocol.md).
// This file parses what clients send and encodes what the server sends; the room decides.
import {
  APP_MESSAGE_TYPE,
  clientMessageSchema,
  MAX_APP_MESSAGE_BYTES,
  type ClientMessage,
  type ServerMessage,
} from '@inkwell/protocol';
import * as encoding from 'lib0/encoding';

export function appFrame(message: ServerMessage): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, APP_MESSAGE_TYPE);
  encoding.writeVarString(enc, JSON.stringify(message));
  return encoding.toUint8Array(enc);
}

export type ParsedAppMessage = { ok: true; message: ClientMessage } | { ok: false; error: string };

/** Parses one app message; a bad one is a transient error (the socket stays open). */
export function parseAppMessage(json: string): ParsedAppMessage {
  if (json.length > MAX_APP_MESSAGE_BYTES) return { ok: false, error: 'app message too large' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, error: 'app message is not valid JSON' };
  }
  const result = clientMessageSchema.safeParse(value);
  if (!result.success) {
    const type = (value as { type?: unknown } | null)?.type;
    return { ok: false, error: typeof type === 'string' ? `unsupported app message "${type.slice(0, 40)}"` : 'invalid app message' };
  }
  return { ok: true, message: result.data };
}
