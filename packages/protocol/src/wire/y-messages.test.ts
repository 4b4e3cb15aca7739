import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { encodeClientMessage } from './app-frame.ts';
import {
  dataFrameKind,
  decodeMessage,
  MalformedMessageError,
  MessageType,
  syncStep1,
  syncStep2,
  syncStep2FromUpdate,
  syncUpdate,
} from './y-messages.ts';

function syncFrame(write: (encoder: encoding.Encoder, doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hi');
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder, doc);
  return encoding.toUint8Array(encoder);
}

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
    expect(dataFrameKind(encodeClientMessage({ type: 'hello', protocol: 1 }))).toBeNull();
    expect(dataFrameKind(new Uint8Array([0]))).toBeNull();
    expect(dataFrameKind('text')).toBeNull();
  });
});

describe('sync frames', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hello');
  const update = Y.encodeStateAsUpdate(doc);

  it('decode to what was encoded', () => {
    expect(decodeMessage(syncStep1(doc))).toEqual({ type: 'syncStep1', stateVector: Y.encodeStateVector(doc) });
    expect(decodeMessage(syncUpdate(update))).toEqual({ type: 'update', update });
    expect(decodeMessage(syncStep2FromUpdate(update))).toEqual({ type: 'update', update });
    const step2 = decodeMessage(syncStep2(doc, new Uint8Array([0])));
    const copy = new Y.Doc();
    if (step2.type === 'update') Y.applyUpdate(copy, step2.update);
    expect(copy.getText('t').toString()).toBe('hello');
  });

  it('count as data frames exactly when they carry document data', () => {
    expect(dataFrameKind(syncStep1(doc))).toBeNull();
    expect(dataFrameKind(syncStep2FromUpdate(update))).toBe('step2');
    expect(dataFrameKind(syncUpdate(update))).toBe('update');
  });

  it('refuse unknown types, unknown sync steps, truncation and trailing bytes', () => {
    const frame = syncUpdate(update);
    for (const bad of [
      new Uint8Array([42]),
      new Uint8Array([MessageType.SYNC, 9, 0]),
      frame.slice(0, frame.length - 1),
      new Uint8Array([...frame, 0]),
    ]) {
      expect(() => decodeMessage(bad)).toThrow(MalformedMessageError);
    }
    expect(decodeMessage(new Uint8Array([MessageType.QUERY_AWARENESS]))).toEqual({ type: 'queryAwareness' });
  });
});
