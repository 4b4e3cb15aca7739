import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { MAX_APP_MESSAGE_BYTES } from '../client-message.ts';
import { APP_MESSAGE_TYPE } from '../server-message.ts';
import { PROTOCOL_VERSION } from '../version.ts';
import { encodeAppFrame, encodeClientMessage, encodeServerMessage, parseClientMessage, readServerMessage } from './app-frame.ts';
import { decodeMessage } from './y-messages.ts';

function appFrame(json: string): decoding.Decoder {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, APP_MESSAGE_TYPE);
  encoding.writeVarString(encoder, json);
  const decoder = decoding.createDecoder(encoding.toUint8Array(encoder));
  decoding.readVarUint(decoder); // y-websocket consumes the type before calling the handler
  return decoder;
}

/** A frame as the receiving side's handler sees it: the type already read. */
function afterType(frame: Uint8Array): decoding.Decoder {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  return decoder;
}

describe('app messages', () => {
  it('encodes hello as type 100 followed by its JSON', () => {
    const decoder = decoding.createDecoder(encodeClientMessage({ type: 'hello', protocol: PROTOCOL_VERSION }));
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

describe('both directions agree', () => {
  it('a server message encoded by one side is read back by the other', () => {
    const saved = { type: 'saved', seq: 7, updates: 3 } as const;
    expect(readServerMessage(afterType(encodeServerMessage(saved)))).toEqual(saved);
    expect(decodeMessage(encodeServerMessage(saved))).toEqual({ type: 'app', json: JSON.stringify(saved) });
  });

  it('a client message encoded by one side parses on the other', () => {
    const call = { type: 'rpc', id: 3, method: 'doc.info', params: {} } as const;
    const frame = decodeMessage(encodeClientMessage(call));
    expect(frame.type === 'app' && parseClientMessage(frame.json)).toEqual({ ok: true, message: call });
    expect(decodeMessage(encodeAppFrame('{raw'))).toEqual({ type: 'app', json: '{raw' });
  });
});

describe('parseClientMessage', () => {
  it('says why a message is refused, and which call it was when it can tell', () => {
    expect(parseClientMessage('{nope')).toEqual({ ok: false, error: 'app message is not valid JSON' });
    expect(parseClientMessage('{"type":"nope"}')).toEqual({ ok: false, error: 'unknown app message type "nope"' });
    expect(parseClientMessage('{"type":"hello"}')).toEqual({ ok: false, error: 'invalid "hello" message' });
    expect(parseClientMessage('[]')).toEqual({ ok: false, error: 'app message without a type' });
    expect(parseClientMessage('{"type":"rpc","id":9}')).toMatchObject({ ok: false, rpcId: 9 });
    expect(parseClientMessage('{"type":"rpc","id":{}}')).toMatchObject({ ok: false, rpcId: undefined });
  });

  it('counts the limit in UTF-8 bytes, not characters', () => {
    const fits = JSON.stringify({ type: 'typing', active: true, pad: 'x'.repeat(MAX_APP_MESSAGE_BYTES - 40) });
    expect(parseClientMessage(fits).ok).toBe(true);
    // 3 bytes per character: under the limit in characters, over it in bytes.
    const wide = JSON.stringify({ type: 'typing', active: true, pad: '€'.repeat(MAX_APP_MESSAGE_BYTES / 3) });
    expect(wide.length).toBeLessThan(MAX_APP_MESSAGE_BYTES);
    expect(parseClientMessage(wide)).toEqual({ ok: false, error: `app message larger than ${MAX_APP_MESSAGE_BYTES} bytes` });
  });
});
