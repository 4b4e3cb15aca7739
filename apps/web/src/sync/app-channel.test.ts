import { APP_MESSAGE_TYPE, PROTOCOL_VERSION } from '@inkwell/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { countingSocketClass, dataFrameKind, encodeAppMessage, readServerMessage } from './app-channel.ts';

function appFrame(json: string): decoding.Decoder {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, APP_MESSAGE_TYPE);
  encoding.writeVarString(encoder, json);
  const decoder = decoding.createDecoder(encoding.toUint8Array(encoder));
  decoding.readVarUint(decoder); // y-websocket consumes the type before calling the handler
  return decoder;
}

function syncFrame(write: (encoder: encoding.Encoder, doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hi');
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder, doc);
  return encoding.toUint8Array(encoder);
}

describe('app messages', () => {
  it('encodes hello as type 100 followed by its JSON', () => {
    const decoder = decoding.createDecoder(encodeAppMessage({ type: 'hello', protocol: PROTOCOL_VERSION }));
    expect(decoding.readVarUint(decoder)).toBe(APP_MESSAGE_TYPE);
    expect(JSON.parse(decoding.readVarString(decoder))).toEqual({ type: 'hello', protocol: PROTOCOL_VERSION });
  });

  it('reads the messages the server sends', () => {
    expect(readServerMessage(appFrame('{"type":"saved","seq":4,"updates":2}'))).toEqual({
      type: 'saved',
      seq: 4,
      updates: 2,
    });
  });

  it('ignores invalid JSON, unknown types and truncated frames', () => {
    expect(readServerMessage(appFrame('{nope'))).toBeNull();
    expect(readServerMessage(appFrame('{"type":"fromTheFuture"}'))).toBeNull();
    expect(readServerMessage(appFrame('{"type":"saved","seq":1,"updates":-1}'))).toBeNull();
    expect(readServerMessage(decoding.createDecoder(new Uint8Array([5])))).toBeNull();
  });
});

describe('dataFrameKind', () => {
  it('recognises sync step 2 and update frames, in any binary form', () => {
    const step2 = syncFrame((encoder, doc) => syncProtocol.writeSyncStep2(encoder, doc));
    const update = syncFrame((encoder, doc) => syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc)));
    expect(dataFrameKind(step2)).toBe('step2');
    expect(dataFrameKind(update)).toBe('update');
    expect(dataFrameKind(update.buffer)).toBe('update');
    expect(dataFrameKind(new DataView(update.buffer))).toBe('update');
  });

  it('leaves out step 1, awareness, app frames and text', () => {
    expect(dataFrameKind(syncFrame((encoder, doc) => syncProtocol.writeSyncStep1(encoder, doc)))).toBeNull();
    expect(dataFrameKind(new Uint8Array([1, 2, 3]))).toBeNull();
    expect(dataFrameKind(encodeAppMessage({ type: 'hello', protocol: 1 }))).toBeNull();
    expect(dataFrameKind(new Uint8Array([0]))).toBeNull();
    expect(dataFrameKind('text')).toBeNull();
  });
});

describe('countingSocketClass', () => {
  it('sends everything and reports data frames with the socket that sent them', () => {
    const sent: unknown[] = [];
    class Plain {
      constructor(readonly url: string) {}
      send(data: unknown) {
        sent.push(data);
      }
    }
    const reports: [unknown, string][] = [];
    const Counting = countingSocketClass(Plain as unknown as typeof WebSocket, (socket, kind) =>
      reports.push([socket, kind]),
    );
    const socket = new Counting('ws://x');
    socket.send(new Uint8Array([0, 0, 0]));
    socket.send(new Uint8Array([0, 2, 0]));
    expect(sent).toHaveLength(2);
    expect(reports).toEqual([[socket, 'update']]);
    expect((socket as unknown as Plain).url).toBe('ws://x');
  });
});
