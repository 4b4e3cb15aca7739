import { APP_MESSAGE_TYPE, PROTOCOL_VERSION } from '@inkwell/protocol';
import { dataFrameKind, encodeAppFrame, syncStep1, syncUpdate } from '@inkwell/protocol/wire';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { DocConnection } from './doc-connection.ts';
import { SAVED_SETTLE_MS } from './save-tracker.ts';

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
  serverSends(frame: Uint8Array) {
    this.onmessage?.({ data: frame.slice().buffer });
  }
  /** The server's half of the handshake: its state vector; the client answers with step 2. */
  serverSendsStep1(serverDoc: Y.Doc) {
    this.serverSends(syncStep1(serverDoc));
  }
  serverSendsApp(json: string) {
    this.serverSends(encodeAppFrame(json));
  }
  serverSaved(updates: number) {
    this.serverSendsApp(JSON.stringify({ type: 'saved', seq: 1, updates }));
  }
  dataFrames(): Uint8Array[] {
    return this.sent.filter((frame): frame is Uint8Array => dataFrameKind(frame) !== null);
  }
}

const latest = () => FakeSocket.instances.at(-1)!;

function open(events: EventTarget | null = null, random?: () => number): DocConnection {
  return new DocConnection({
    random,
    serverUrl: 'ws://test/ws/doc',
    docId: 'doc1',
    user: { id: 'u-ada', name: 'Ada', color: '#1864ab' },
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    events,
  });
}

/** Applies the client's sync frames to the server's copy, as the server would. */
function receive(serverDoc: Y.Doc, frames: Uint8Array[]): void {
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), serverDoc, null);
  }
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
    expect(connection.presence.get()).toEqual([{ key: 'u-ada', name: 'Ada', color: '#1864ab', isLocal: true, tabs: 1 }]);
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
    expect(connection.status.get()).toEqual({ status: 'offline', terminal: null, failedAttempts: 1 });
    vi.advanceTimersByTime(3_000);
    expect(FakeSocket.instances).toHaveLength(2);
    expect(connection.status.get().status).toBe('offline');
    latest().serverOpens();
    expect(connection.status.get().status).toBe('connecting');
  });

  it('retries after 4400, which the stock provider would treat as final, no sooner than a second', () => {
    connection.destroy();
    FakeSocket.instances = [];
    connection = open(null, () => 0);
    latest().serverOpens();
    latest().serverCloses(4400);
    vi.advanceTimersByTime(999);
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(2);
    expect(connection.isTerminated).toBe(false);
  });

  it('waits a jittered share of a window that doubles with each failed attempt', () => {
    connection.destroy();
    FakeSocket.instances = [];
    connection = open(null, () => 0.5);
    latest().serverOpens();
    connection.provider.synced = true;
    latest().serverCloses(1006);
    // First attempt: half of the 500 ms window.
    vi.advanceTimersByTime(249);
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(2);
    // It fails too: half of 1 s.
    latest().serverCloses(1006);
    vi.advanceTimersByTime(499);
    expect(FakeSocket.instances).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(3);
    // The server said busy: a second more.
    latest().serverOpens();
    latest().serverCloses(1013);
    vi.advanceTimersByTime(1_999);
    expect(FakeSocket.instances).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(4);
  });

  it('stops for good after a terminal close code', () => {
    latest().serverOpens();
    latest().serverCloses(4404, 'deleted');
    expect(connection.status.get()).toEqual({
      status: 'offline',
      terminal: { code: 4404, reason: 'deleted' },
      failedAttempts: 0,
    });
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('updates the awareness user when the name changes', () => {
    connection.setUser({ id: 'u-ada', name: 'Ada L.', color: '#1864ab' });
    expect(connection.presence.get()[0]?.name).toBe('Ada L.');
  });

  it('takes the account the welcome names as its awareness user', () => {
    latest().serverOpens();
    const user = { id: 'u-ada', name: 'Ada Lovelace', color: '#c2255c' };
    latest().serverSendsApp(JSON.stringify({ type: 'welcome', protocol: PROTOCOL_VERSION, user, connectionId: 'c1' }));
    expect(connection.provider.awareness.getLocalState()?.['user']).toEqual(user);
  });

  it('counts attempts that fail before opening, and forgets them once synced', () => {
    latest().serverCloses(1006); // refused at the upgrade: the browser says only 1006
    vi.advanceTimersByTime(3_000);
    latest().serverCloses(1006);
    expect(connection.status.get().failedAttempts).toBe(2);
    vi.advanceTimersByTime(3_000);
    latest().serverOpens();
    latest().serverCloses(1001); // opened, then a clean close: the server is there
    expect(connection.status.get().failedAttempts).toBe(2);
    vi.advanceTimersByTime(3_000);
    latest().serverOpens();
    connection.provider.synced = true;
    expect(connection.status.get()).toEqual({ status: 'live', terminal: null, failedAttempts: 0 });
  });
});

describe('DocConnection save status', () => {
  let connection: DocConnection;
  let events: EventTarget;
  let serverDoc: Y.Doc;
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.instances = [];
    events = new EventTarget();
    serverDoc = new Y.Doc();
    connection = open(events);
  });
  afterEach(() => {
    connection.destroy();
    vi.useRealTimers();
  });

  const type = (text: string) => connection.doc.getText('t').insert(connection.doc.getText('t').length, text);
  /** Whether leaving the page would ask first (a browser's BeforeUnloadEvent, in Node). */
  function leaveBlocked(): boolean {
    const event = new Event('beforeunload', { cancelable: true });
    Object.defineProperty(event, 'returnValue', { value: undefined, writable: true });
    events.dispatchEvent(event);
    return event.defaultPrevented;
  }

  /** Opens the socket and completes the handshake; returns how many data frames that sent. */
  function connect(): number {
    latest().serverOpens();
    latest().serverSendsStep1(serverDoc);
    connection.provider.synced = true;
    return latest().dataFrames().length;
  }

  it('says hello before anything else on every socket', () => {
    latest().serverOpens();
    const first = decoding.createDecoder(latest().sent[0] as Uint8Array);
    expect(decoding.readVarUint(first)).toBe(APP_MESSAGE_TYPE);
    expect(JSON.parse(decoding.readVarString(first))).toEqual({ type: 'hello', protocol: PROTOCOL_VERSION });
  });

  it('is saved once the server has stored every data frame this socket sent', () => {
    expect(connect()).toBe(1); // the step 2 answer
    type('Hello');
    expect(connection.save.status.get()).toBe('saving');
    expect(leaveBlocked()).toBe(true);
    latest().serverSaved(1);
    expect(connection.save.unsaved.get()).toBe(true);
    latest().serverSaved(2);
    vi.advanceTimersByTime(SAVED_SETTLE_MS);
    expect(connection.save.status.get()).toBe('saved');
    expect(leaveBlocked()).toBe(false);
  });

  it('does not count edits received from the server as ours', () => {
    connect();
    latest().serverSaved(1);
    const other = new Y.Doc();
    other.getText('t').insert(0, 'from someone else');
    latest().serverSends(syncUpdate(Y.encodeStateAsUpdate(other)));
    expect(connection.doc.getText('t').toString()).toBe('from someone else');
    expect(connection.save.unsaved.get()).toBe(false);
  });

  it('keeps offline edits, says so, and saves them with the step 2 after reconnecting', () => {
    connect();
    latest().serverSaved(1);
    latest().serverCloses(1006);
    type('Offline words');
    expect(connection.save.status.get()).toBe('offline');
    expect(leaveBlocked()).toBe(true);

    vi.advanceTimersByTime(3_000);
    latest().serverOpens();
    expect(connection.save.status.get()).toBe('saving');
    latest().serverSendsStep1(serverDoc);
    receive(serverDoc, latest().dataFrames());
    expect(serverDoc.getText('t').toString()).toBe('Offline words');
    latest().serverSaved(1);
    vi.advanceTimersByTime(SAVED_SETTLE_MS);
    expect(connection.save.status.get()).toBe('saved');
    expect(leaveBlocked()).toBe(false);
  });

  it('counts frames per socket: an unacknowledged edit is unsaved until a new socket stores it', () => {
    connect();
    type('Lost in flight');
    latest().serverCloses(1006);
    vi.advanceTimersByTime(3_000);
    latest().serverOpens();
    latest().serverSaved(1); // a late ack on the new socket, before its step 2: not ours
    expect(connection.save.unsaved.get()).toBe(true);
    latest().serverSendsStep1(serverDoc);
    latest().serverSaved(1);
    expect(connection.save.unsaved.get()).toBe(false);
  });

  it('asks before leaving while something else is held (a comment being written), with one listener for both', () => {
    connect();
    const listeners = vi.spyOn(events, 'addEventListener');
    connection.holdLeaving('comment-draft', true);
    expect(leaveBlocked()).toBe(true);
    type('Hello'); // unsaved edits too: still the one listener
    connection.holdLeaving('comment-draft', false);
    expect(leaveBlocked()).toBe(true);
    latest().serverSaved(2);
    vi.advanceTimersByTime(SAVED_SETTLE_MS);
    expect(leaveBlocked()).toBe(false);
    connection.holdLeaving('comment-draft', true);
    connection.destroy();
    expect(leaveBlocked()).toBe(false);
    const added = listeners.mock.calls.filter(([type]) => type === 'beforeunload').map(([, listener]) => listener);
    expect(new Set(added).size).toBe(1);
  });

  it('ignores app frames it cannot read', () => {
    connect();
    type('x');
    latest().serverSendsApp('{"type":"saved","updates":"all"}');
    latest().serverSendsApp('not json');
    expect(connection.save.unsaved.get()).toBe(true);
    expect(connection.status.get().status).toBe('live');
  });
});

describe('DocConnection app channel', () => {
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

  /** The JSON app messages the client sent on a socket. */
  function appMessages(socket: FakeSocket): Record<string, unknown>[] {
    return socket.sent.flatMap((frame) => {
      const decoder = decoding.createDecoder(frame as Uint8Array);
      if (decoding.readVarUint(decoder) !== APP_MESSAGE_TYPE) return [];
      return [JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown>];
    });
  }
  function welcome(socket: FakeSocket) {
    const user = { id: 'u-ada', name: 'Ada', color: '#1864ab' };
    socket.serverSendsApp(JSON.stringify({ type: 'welcome', protocol: PROTOCOL_VERSION, user, connectionId: 'c1' }));
  }

  it('carries RPC over the socket and rejects what is in flight when it drops', async () => {
    latest().serverOpens();
    welcome(latest());
    expect(connection.app.ready).toBe(true);
    const info = connection.app.call('version.list', {});
    const call = appMessages(latest()).find((m) => m['type'] === 'rpc')!;
    expect(call).toMatchObject({ method: 'version.list', params: {} });
    latest().serverSendsApp(JSON.stringify({ type: 'rpc', id: call['id'], result: { versions: [] } }));
    await expect(info).resolves.toEqual({ versions: [] });

    const lost = connection.app.call('version.list', {});
    latest().serverCloses(1006);
    await expect(lost).rejects.toMatchObject({ code: 'CLOSED' });
    expect(connection.app.ready).toBe(false);
  });

  it('says hello and subscribes again on the next socket', () => {
    const unsubscribe = connection.app.subscribeActivity();
    latest().serverOpens();
    welcome(latest());
    latest().serverCloses(1006);
    vi.advanceTimersByTime(3_000);
    latest().serverOpens();
    expect(appMessages(latest())).toEqual([{ type: 'hello', protocol: PROTOCOL_VERSION }]);
    welcome(latest());
    expect(appMessages(latest()).at(-1)).toMatchObject({ type: 'rpc', method: 'activity.subscribe' });
    unsubscribe();
  });

  it('announces typing when this tab edits the document, not when others do', () => {
    latest().serverOpens();
    welcome(latest());
    const other = new Y.Doc();
    other.getText('t').insert(0, 'theirs');
    latest().serverSends(syncUpdate(Y.encodeStateAsUpdate(other)));
    expect(appMessages(latest()).filter((m) => m['type'] === 'typing')).toEqual([]);
    connection.doc.getText('t').insert(0, 'mine');
    expect(appMessages(latest()).filter((m) => m['type'] === 'typing')).toEqual([{ type: 'typing', active: true }]);
  });
});
