// The client's side of the document socket's app channel (docs/protocol.md): JSON messages
// in type-100 frames, next to y-websocket's own sync and awareness frames.
import {
  APP_MESSAGE_TYPE,
  serverMessageSchema,
  type ClientMessage,
  type ServerMessage,
} from '@inkwell/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export function encodeAppMessage(message: ClientMessage): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, APP_MESSAGE_TYPE);
  encoding.writeVarString(encoder, JSON.stringify(message));
  return encoding.toUint8Array(encoder);
}

/**
 * Reads the JSON of an app frame whose type varUint was already consumed (y-websocket's
 * message handlers get the decoder at that point). Null for anything that is not a message
 * this client understands: a newer server may send more, and none of it may break the editor.
 */
export function readServerMessage(decoder: decoding.Decoder): ServerMessage | null {
  try {
    const result = serverMessageSchema.safeParse(JSON.parse(decoding.readVarString(decoder)));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** The frames the server's `saved.updates` counts. */
export type DataFrameKind = 'step2' | 'update';

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/**
 * Whether an outgoing frame carries document data: y-protocols sync (0) followed by step 2
 * (1) or update (2). Both are single-byte varUints, so the first two bytes decide.
 */
export function dataFrameKind(data: unknown): DataFrameKind | null {
  let bytes: Uint8Array;
  if (data instanceof Uint8Array) bytes = data;
  else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
  else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  else return null;
  if (bytes.length < 2 || bytes[0] !== MESSAGE_SYNC) return null;
  if (bytes[1] === SYNC_STEP_2) return 'step2';
  if (bytes[1] === SYNC_UPDATE) return 'update';
  return null;
}

/**
 * A WebSocket class for WebsocketProvider's `WebSocketPolyfill` that reports every data frame
 * it sends. The provider writes to its socket from several places (the step 2 answer, local
 * updates); wrapping `send` sees them all without patching y-websocket.
 */
export function countingSocketClass(
  Base: typeof WebSocket,
  onDataFrame: (socket: WebSocket, kind: DataFrameKind) => void,
): typeof WebSocket {
  return class CountingSocket extends Base {
    override send(data: Parameters<WebSocket['send']>[0]): void {
      super.send(data);
      const kind = dataFrameKind(data);
      if (kind) onDataFrame(this, kind);
    }
  };
}
