// App frames on the document socket (docs/protocol.md "App channel"): one JSON message in a
// varString after the type APP_MESSAGE_TYPE. Encoding and parsing for both directions.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { type ClientMessage, clientMessageSchema, MAX_APP_MESSAGE_BYTES } from '../client-message.ts';
import { type RpcId, rpcIdSchema } from '../messages/rpc.ts';
import { APP_MESSAGE_TYPE, type ServerMessage, serverMessageSchema } from '../server-message.ts';

/** A type-100 frame carrying `json` as it is (tests use it to send malformed messages). */
export function encodeAppFrame(json: string): Uint8Array<ArrayBuffer> {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, APP_MESSAGE_TYPE);
  encoding.writeVarString(enc, json);
  return encoding.toUint8Array(enc);
}

export function encodeClientMessage(message: ClientMessage): Uint8Array<ArrayBuffer> {
  return encodeAppFrame(JSON.stringify(message));
}

export function encodeServerMessage(message: ServerMessage): Uint8Array<ArrayBuffer> {
  return encodeAppFrame(JSON.stringify(message));
}

export type ParsedClientMessage =
  | { ok: true; message: ClientMessage }
  /** `rpcId` when the message was recognisably an RPC call, so the error can answer it. */
  | { ok: false; error: string; rpcId?: RpcId };

const KNOWN_CLIENT_TYPES: ReadonlySet<string> = new Set(clientMessageSchema.options.map((o) => o.shape.type.value));

/**
 * Parses the JSON of one client app message, saying why when it is not one. A bad message is
 * the sender's mistake, not a broken frame, so this reports rather than throws.
 */
export function parseClientMessage(json: string): ParsedClientMessage {
  // Characters are at most bytes; count bytes only when the string could be over the limit.
  if (json.length > MAX_APP_MESSAGE_BYTES || (json.length > MAX_APP_MESSAGE_BYTES / 3 && utf8Length(json) > MAX_APP_MESSAGE_BYTES)) {
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
  if (typeof type === 'string' && !KNOWN_CLIENT_TYPES.has(type))
    return { ok: false, error: `unknown app message type "${type.slice(0, 40)}"` };
  return { ok: false, error: typeof type === 'string' ? `invalid "${type}" message` : 'app message without a type' };
}

/**
 * Reads the JSON of an app frame whose type varUint was already consumed (y-websocket's
 * message handlers get the decoder at that point). Null for anything that is not a message
 * this build understands: a newer server may send more, and none of it may break a client.
 */
export function readServerMessage(decoder: decoding.Decoder): ServerMessage | null {
  try {
    const result = serverMessageSchema.safeParse(JSON.parse(decoding.readVarString(decoder)));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

const utf8 = new TextEncoder();

function utf8Length(text: string): number {
  return utf8.encode(text).byteLength;
}
