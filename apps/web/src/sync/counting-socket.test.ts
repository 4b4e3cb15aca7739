import { describe, expect, it } from 'vitest';
import { countingSocketClass } from './counting-socket.ts';

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
    const Counting = countingSocketClass(Plain as unknown as typeof WebSocket, (socket, kind) => reports.push([socket, kind]));
    const socket = new Counting('ws://x');
    socket.send(new Uint8Array([0, 0, 0]));
    socket.send(new Uint8Array([0, 2, 0]));
    expect(sent).toHaveLength(2);
    expect(reports).toEqual([[socket, 'update']]);
    expect((socket as unknown as Plain).url).toBe('ws://x');
  });
});
