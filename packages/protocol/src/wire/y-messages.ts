// The y-websocket frames (y-protocols sync and awareness) as bytes, shared by the server, the
// web app and the tests so that every side encodes and decodes them the same way.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { APP_MESSAGE_TYPE } from '../server-message.ts';

/** The first varUint of every frame. */
export const MessageType = {
  SYNC: 0,
  AWARENESS: 1,
  AUTH: 2,
  QUERY_AWARENESS: 3,
  APP: APP_MESSAGE_TYPE,
} as const;

export function syncStep1(doc: Y.Doc): Uint8Array<ArrayBuffer> {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.SYNC);
  syncProtocol.writeSyncStep1(enc, doc);
  return encoding.toUint8Array(enc);
}

export function syncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array<ArrayBuffer> {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.SYNC);
  syncProtocol.writeSyncStep2(enc, doc, stateVector);
  return encoding.toUint8Array(enc);
}

/** Sync step 2 carrying an update as it is (stored bytes), without a Y.Doc. */
export function syncStep2FromUpdate(update: Uint8Array): Uint8Array<ArrayBuffer> {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.SYNC);
  encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(enc, update);
  return encoding.toUint8Array(enc);
}

export function syncUpdate(update: Uint8Array): Uint8Array<ArrayBuffer> {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.SYNC);
  syncProtocol.writeUpdate(enc, update);
  return encoding.toUint8Array(enc);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array<ArrayBuffer> {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MessageType.AWARENESS);
  encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(enc);
}

export type IncomingMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'app'; json: string };

export class MalformedMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedMessageError';
  }
}

/**
 * Decodes one frame. Throws MalformedMessageError for anything that is not a well-formed
 * y-websocket message (unknown type, truncated varints, trailing bytes). It checks the
 * framing only; whether an update's contents are valid is the receiver's concern.
 */
export function decodeMessage(data: Uint8Array): IncomingMessage {
  try {
    const dec = decoding.createDecoder(data);
    const type = decoding.readVarUint(dec);
    let message: IncomingMessage;
    switch (type) {
      case MessageType.SYNC: {
        const step = decoding.readVarUint(dec);
        const payload = decoding.readVarUint8Array(dec);
        if (step === syncProtocol.messageYjsSyncStep1) message = { type: 'syncStep1', stateVector: payload };
        else if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate)
          message = { type: 'update', update: payload };
        else throw new MalformedMessageError(`unknown sync step ${step}`);
        break;
      }
      case MessageType.AWARENESS:
        message = { type: 'awareness', update: decoding.readVarUint8Array(dec) };
        break;
      case MessageType.QUERY_AWARENESS:
        message = { type: 'queryAwareness' };
        break;
      case MessageType.APP:
        message = { type: 'app', json: decoding.readVarString(dec) };
        break;
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
    // lib0 reads through the underlying ArrayBuffer, which `ws` may share between frames,
    // so a length prefix that overruns the frame shows up only as a position past its end.
    if (dec.pos > data.byteLength) throw new MalformedMessageError('truncated frame');
    if (decoding.hasContent(dec)) throw new MalformedMessageError('trailing bytes after message');
    return message;
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err;
    throw new MalformedMessageError(`undecodable frame: ${(err as Error).message}`);
  }
}

/** The frames that carry document data: what the server's `saved.updates` counts. */
export type DataFrameKind = 'step2' | 'update';

/**
 * Whether a frame carries document data: sync followed by step 2 or update. Both are
 * single-byte varUints, so the first two bytes decide without decoding the rest.
 */
export function dataFrameKind(data: unknown): DataFrameKind | null {
  let bytes: Uint8Array;
  if (data instanceof Uint8Array) bytes = data;
  else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
  else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  else return null;
  if (bytes.length < 2 || bytes[0] !== MessageType.SYNC) return null;
  if (bytes[1] === syncProtocol.messageYjsSyncStep2) return 'step2';
  if (bytes[1] === syncProtocol.messageYjsUpdate) return 'update';
  return null;
}
