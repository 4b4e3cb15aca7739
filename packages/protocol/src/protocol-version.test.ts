import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clientMessageSchema } from './client-message.ts';
import { RPC_METHODS } from './rpc-methods.ts';
import { serverMessageSchema } from './server-message.ts';
import { MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, protocolSupport, supportedProtocols } from './version.ts';

// Golden test: the app messages' and RPC methods' JSON Schema, fingerprinted per protocol version. Changing a
// message changes the fingerprint; then bump PROTOCOL_VERSION (if old peers would misread it)
// and record the new fingerprint here with the new version.
const FINGERPRINTS: Record<number, string> = {
  1: '3ee0445a24731078',
  2: 'ea6b7f771334f66f',
  3: 'e25024afb0dec4d2',
};

function fingerprint(): string {
  const rpc = Object.fromEntries(
    Object.entries(RPC_METHODS).map(([method, { params, result }]) => [
      method,
      { params: z.toJSONSchema(params, { io: 'input' }), result: z.toJSONSchema(result) },
    ]),
  );
  const schemas = { client: z.toJSONSchema(clientMessageSchema), server: z.toJSONSchema(serverMessageSchema), rpc };
  return createHash('sha256').update(JSON.stringify(schemas)).digest('hex').slice(0, 16);
}

describe('protocol version', () => {
  it('matches the recorded fingerprint of every app message schema', () => {
    expect(fingerprint(), `app message schemas changed: bump PROTOCOL_VERSION (now ${PROTOCOL_VERSION}) and record the fingerprint`).toBe(
      FINGERPRINTS[PROTOCOL_VERSION],
    );
  });
});

describe('protocol support', () => {
  it('speaks every version from the floor to the current one and refuses the rest', () => {
    expect(MIN_PROTOCOL_VERSION).toBeLessThanOrEqual(PROTOCOL_VERSION);
    expect(protocolSupport(PROTOCOL_VERSION)).toBe('supported');
    expect(protocolSupport(MIN_PROTOCOL_VERSION)).toBe('supported');
    expect(protocolSupport(MIN_PROTOCOL_VERSION - 1)).toBe('too-old');
    expect(protocolSupport(PROTOCOL_VERSION + 1)).toBe('too-new');
  });

  it('accepts a peer between the floor and the current version', () => {
    expect([1, 2, 3, 4, 5].map((v) => protocolSupport(v, 2, 4))).toEqual(['too-old', 'supported', 'supported', 'supported', 'too-new']);
    expect(supportedProtocols(2, 4)).toBe('2–4');
    expect(supportedProtocols(3, 3)).toBe('3');
  });
});
