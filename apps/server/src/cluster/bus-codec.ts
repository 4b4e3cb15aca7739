// The bus's wire format: one binary message per publish. Yjs payloads travel as bytes (no
// base64), everything else as a small JSON part. Format 1:
//   u8 format · varString instance id · float64 sent-at (ms since the epoch) · varString kind ·
//   update: varUint from · varUint n · n × varUint8Array
//   awareness, app: varUint8Array
//   anything else: varString JSON of the message's other fields
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { DocMessage, GlobalMessage } from './bus.ts';

const FORMAT = 1;

export interface Envelope<M> {
  /** The instance that published it (an instance ignores its own messages). */
  instance: string;
  sentAt: number;
  message: M;
}

export function encodeBusMessage(instance: string, sentAt: number, message: DocMessage | GlobalMessage): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeUint8(enc, FORMAT);
  encoding.writeVarString(enc, instance);
  encoding.writeFloat64(enc, sentAt);
  encoding.writeVarString(enc, message.kind);
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(enc, message.from);
      encoding.writeVarUint(enc, message.updates.length);
      for (const update of message.updates) encoding.writeVarUint8Array(enc, update);
      break;
    case 'awareness':
    case 'app':
      encoding.writeVarUint8Array(enc, message.data);
      break;
    default: {
      const { kind: _kind, ...rest } = message;
      encoding.writeVarString(enc, JSON.stringify(rest));
    }
  }
  return encoding.toUint8Array(enc);
}

/** Throws on anything that is not a well-formed message of a known kind. */
export function decodeBusMessage(data: Uint8Array): Envelope<DocMessage | GlobalMessage> {
  const dec = decoding.createDecoder(data);
  const format = decoding.readUint8(dec);
  if (format !== FORMAT) throw new Error(`unknown bus message format ${format}`);
  const instance = decoding.readVarString(dec);
  const sentAt = decoding.readFloat64(dec);
  const kind = decoding.readVarString(dec);
  let message: DocMessage | GlobalMessage;
  switch (kind) {
    case 'update': {
      const from = decoding.readVarUint(dec);
      const n = decoding.readVarUint(dec);
      const updates: Uint8Array[] = [];
      for (let i = 0; i < n; i++) updates.push(decoding.readVarUint8Array(dec));
      message = { kind, from, updates };
      break;
    }
    case 'awareness':
    case 'app':
      message = { kind, data: decoding.readVarUint8Array(dec) };
      break;
    case 'awarenessQuery':
    case 'stored':
    case 'closeUser':
    case 'setRole':
    case 'evict':
    case 'closeSession':
    case 'renameUser':
    case 'userEvents':
      message = { kind, ...JSON.parse(decoding.readVarString(dec)) } as DocMessage | GlobalMessage;
      break;
    default:
      throw new Error(`unknown bus message kind ${JSON.stringify(kind).slice(0, 40)}`);
  }
  if (decoding.hasContent(dec)) throw new Error('trailing bytes after a bus message');
  if (message.kind === 'stored' && !(Number.isSafeInteger(message.through) && message.through >= 0)) {
    throw new Error('a stored message without a seq');
  }
  return { instance, sentAt, message };
}
