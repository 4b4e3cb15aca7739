// The app channel on the document socket: JSON messages in type-100 frames (docs/protocol.md).
// This file parses what clients send and encodes what the server sends; the room decides.
import {
  APP_MESSAGE_TYPE,
  clientMessageSchema,
  MAX_APP_MESSAGE_BYTES,
  rpcIdSchema,
  type ClientMessage,
  type RpcId,
  type ServerMessage,
} from '@inkwell/protocol';
import * as encoding from 'lib0/encoding';

export function appFrame(message: ServerMessage): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, APP_MESSAGE_TYPE);
  encoding.writeVarString(enc, JSON.stringify(message));
  return encoding.toUint8Array(enc);
}

export type ParsedAppMessage =
  | { ok: true; message: ClientMessage }
  /** `rpcId` when the message was recognisably an RPC call, so the error can answer it. */
  | { ok: false; error: string; rpcId?: RpcId };

/** Parses one app message; a bad one is a transient error (the socket stays open). */
export function parseAppMessage(json: string): ParsedAppMessage {
  // Characters are at most bytes; count bytes only when the string could be over the limit.
  if (json.length > MAX_APP_MESSAGE_BYTES || (json.length > MAX_APP_MESSAGE_BYTES / 3 && Buffer.byteLength(json) > MAX_APP_MESSAGE_BYTES)) {
    return { ok: false, error: `app message larger than ${MAX_APP_MESSAGE_BYTES} bytes` };
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, error: 'app message is not valid JSON' };
  }
  const result = clientMessageSchema.safeParse(value);
  if (result.success) return { ok: true, message: result.data };
  const { type, id } = (typeof value === 'object' && value !== null ? value : {}) as { type?: unknown; id?: unknown };
  if (type === 'rpc') {
    const rpcId = rpcIdSchema.safeParse(id);
    return { ok: false, error: 'invalid rpc call: needs id, method and params', rpcId: rpcId.success ? rpcId.data : undefined };
  }
  if (typeof type === 'string' && !KNOWN_TYPES.has(type)) return { ok: false, error: `unknown app message type "${type.slice(0, 40)}"` };
  return { ok: false, error: typeof type === 'string' ? `invalid "${type}" message` : 'app message without a type' };
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(clientMessageSchema.options.map((o) => o.shape.type.value));
