import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DocConnection } from './doc-connection.ts';

// Just enough of a browser WebSocket for y-websocket: the test plays the server by calling
// the handlers the provider installs.
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeSocket[] = [];
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readyState = FakeSocket.CONNECTING;
  binaryType = 'blob';
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(data: unknown) {
    this.sent.push(data);
  }
  close() {
    this.readyState = FakeSocket.CLOSED;
  }
  serverOpens() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  serverCloses(code: number, reason = '') {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code, reason });
  }
}

const latest = () => FakeSocket.instances.at(-1)!;

function open(): DocConnection {
  return new DocConnection({
    serverUrl: 'ws://test/ws/doc',
    docId: 'doc1',
    user: { name: 'Ada', color: '#1864ab' },
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    events: null,
  });
}

describe('DocConnection', () => {
  let connection: DocConnection;
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.instances = [];
    connection = open();
  });
  afterEach(() => {
    connection.destroy();
    vi.useRealTimers();
  });

  it('dials <base>/<docId> and announces the user before the socket opens', () => {
    expect(latest().url).toBe('ws://test/ws/doc/doc1');
    expect(connection.presence.get()).toEqual([
      { clientId: connection.clientId, name: 'Ada', color: '#1864ab', isLocal: true },
    ]);
  });

  it('goes connecting → live once connected and synced', () => {
    expect(connection.status.get().status).toBe('connecting');
    latest().serverOpens();
    expect(connection.status.get().status).toBe('connecting');
    connection.provider.synced = true; // what a sync step 2 from the server does
    expect(connection.status.get().status).toBe('live');
  });

  it('shows offline after a drop and keeps retrying', () => {
    latest().serverOpens();
    connection.provider.synced = true;
    latest().serverCloses(1006);
    expect(connection.status.get()).toEqual({ status: 'offline', terminal: null });
    vi.advanceTimersByTime(3_000);
    expect(FakeSocket.instances).toHaveLength(2);
    expect(connection.status.get().status).toBe('offline');
    latest().serverOpens();
    expect(connection.status.get().status).toBe('connecting');
  });

  it('retries after a rate-limit close, which the stock provider would treat as final', () => {
    latest().serverOpens();
    latest().serverCloses(4429);
    vi.advanceTimersByTime(3_000);
    expect(FakeSocket.instances).toHaveLength(2);
    expect(connection.isTerminated).toBe(false);
  });

  it('stops for good after a terminal close code', () => {
    latest().serverOpens();
    latest().serverCloses(4404, 'deleted');
    expect(connection.status.get()).toEqual({
      status: 'offline',
      terminal: { code: 4404, reason: 'deleted' },
    });
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('updates the awareness user when the name changes', () => {
    connection.setUser({ name: 'Ada L.', color: '#1864ab' });
    expect(connection.presence.get()[0]?.name).toBe('Ada L.');
  });
});
