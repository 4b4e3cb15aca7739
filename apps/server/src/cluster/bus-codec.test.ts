import { describe, expect, it } from 'vitest';
import type { DocMessage, GlobalMessage } from './bus.ts';
import { decodeBusMessage, encodeBusMessage } from './bus-codec.ts';

describe('bus codec', () => {
  const messages: (DocMessage | GlobalMessage)[] = [
    { kind: 'update', from: 41, updates: [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(70_000).fill(7)] },
    { kind: 'awareness', data: new Uint8Array([9, 8]) },
    { kind: 'awarenessQuery' },
    { kind: 'stored', through: 1234 },
    { kind: 'app', data: new TextEncoder().encode('{"type":"typing"}') },
    { kind: 'closeUser', userId: 'u1', code: 4403, reason: 'access revoked' },
    { kind: 'setRole', userId: 'u1', role: 'viewer' },
    { kind: 'evict', code: 4404, reason: 'document deleted' },
    { kind: 'closeSession', sessionId: 's'.repeat(64), code: 4401, reason: 'signed out' },
    { kind: 'renameUser', userId: 'u2', name: 'Zoë "Z" Ünal' },
    { kind: 'userEvents', userIds: ['u1', 'u2'] },
  ];

  it.each(messages.map((m) => [m.kind, m] as const))('round-trips %s', (_kind, message) => {
    const decoded = decodeBusMessage(encodeBusMessage('inst-1', 1765000000123.5, message));
    expect(decoded).toEqual({ instance: 'inst-1', sentAt: 1765000000123.5, message });
  });

  it('refuses another format, an unknown kind, truncation and trailing bytes', () => {
    const good = encodeBusMessage('i', 1, { kind: 'awareness', data: new Uint8Array([1]) });
    expect(() => decodeBusMessage(Uint8Array.of(2, ...good.subarray(1)))).toThrow(/format/);
    expect(() => decodeBusMessage(good.subarray(0, good.length - 1))).toThrow();
    expect(() => decodeBusMessage(Uint8Array.of(...good, 0))).toThrow(/trailing/);
    const unknown = encodeBusMessage('i', 1, { kind: 'nope' } as unknown as GlobalMessage);
    expect(() => decodeBusMessage(unknown)).toThrow(/unknown bus message kind/);
    const noSeq = encodeBusMessage('i', 1, { kind: 'stored', through: -1 });
    expect(() => decodeBusMessage(noSeq)).toThrow(/without a seq/);
  });
});
