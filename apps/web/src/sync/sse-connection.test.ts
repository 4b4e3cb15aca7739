import type { Notification } from '@inkwell/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventSourceFactory } from '../../test/support/fake-event-source.ts';
import { isNewerEventId, retryDelayMs, SseConnection, type StreamMessage, type StreamStatus, streamUrl } from './sse-connection.ts';

const notification: Notification = {
  id: 'n1',
  kind: 'shared',
  actor: { id: 'u-ana', name: 'Ana', color: '#2f6feb' },
  docId: 'doc-1',
  docTitle: 'Plan',
  role: 'editor',
  createdAt: '2026-11-27T10:00:00.000Z',
  readAt: null,
};

function connect(lastEventId?: string) {
  const factory = eventSourceFactory();
  const messages: StreamMessage[] = [];
  const statuses: StreamStatus[] = [];
  const onRefused = vi.fn();
  const connection = new SseConnection({
    url: '/api/events',
    createSource: factory.create,
    ...(lastEventId === undefined ? {} : { lastEventId }),
    onMessage: (message) => messages.push(message),
    onStatus: (status) => statuses.push(status),
    onRefused,
    random: () => 1,
  });
  return { connection, factory, messages, statuses, onRefused };
}

const eventsOf = (messages: StreamMessage[]) => messages.flatMap((message) => (message.type === 'event' ? [message.event] : []));

describe('SseConnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('delivers each protocol event parsed, with its id', () => {
    const { factory, messages } = connect();
    const source = factory.latest();
    source.open();
    source.emit('invalidate', '1', { entity: 'docs', id: 'doc-1', action: 'shared' });
    source.emit('notification', '2', { notification });
    source.emit('unread', '3', { count: 4 });
    expect(eventsOf(messages)).toEqual([
      { id: '1', event: 'invalidate', data: { entity: 'docs', id: 'doc-1', action: 'shared' } },
      { id: '2', event: 'notification', data: { notification } },
      { id: '3', event: 'unread', data: { count: 4 } },
    ]);
  });

  it('asks for a resync on the first open, since nothing covers the time before it', () => {
    const { factory, messages, statuses } = connect();
    expect(statuses).toEqual(['connecting']);
    factory.latest().open();
    expect(statuses).toEqual(['connecting', 'live']);
    expect(messages).toEqual([{ type: 'resync' }]);
  });

  it('resumes from a given id without a resync, through ?lastEventId=', () => {
    const { factory, messages } = connect('41');
    expect(factory.latest().url).toBe('/api/events?lastEventId=41');
    factory.latest().open();
    expect(messages).toEqual([]);
  });

  it('drops events that do not match the protocol, and ids it has already seen', () => {
    const { factory, messages } = connect('5');
    const source = factory.latest();
    source.open();
    source.emit('unread', '6', '{not json');
    source.emit('unread', '7', { count: -1 });
    source.emit('invalidate', '8', { entity: 'planets', id: 'x', action: 'created' });
    source.emit('unread', '5', { count: 1 });
    source.emit('unread', '9', { count: 2 });
    source.emit('unread', '9', { count: 3 });
    expect(eventsOf(messages)).toEqual([{ id: '9', event: 'unread', data: { count: 2 } }]);
  });

  it('lets the browser reconnect a dropped stream itself, then resyncs once it is back', () => {
    const { factory, messages, statuses, onRefused } = connect();
    const source = factory.latest();
    source.open();
    messages.length = 0;
    source.drop();
    expect(statuses.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(60_000);
    expect(factory.sources).toHaveLength(1);
    source.open();
    expect(statuses.at(-1)).toBe('live');
    expect(messages).toEqual([{ type: 'resync' }]);
    expect(onRefused).not.toHaveBeenCalled();
  });

  it('after a refusal makes a new EventSource with backoff, resuming from the last id', () => {
    const { factory, onRefused, statuses, messages } = connect();
    factory.latest().open();
    factory.latest().emit('unread', '12', { count: 1 });
    factory.latest().refuse();
    expect(onRefused).toHaveBeenCalledTimes(1);
    expect(statuses.at(-1)).toBe('reconnecting');

    vi.advanceTimersByTime(999);
    expect(factory.sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(factory.sources).toHaveLength(2);
    expect(factory.latest().url).toBe('/api/events?lastEventId=12');

    // The second refusal waits twice as long.
    factory.latest().refuse();
    vi.advanceTimersByTime(1_999);
    expect(factory.sources).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(factory.sources).toHaveLength(3);

    messages.length = 0;
    factory.latest().open();
    expect(messages).toEqual([{ type: 'resync' }]);
    expect(statuses.at(-1)).toBe('live');
  });

  it('ignores a closed source and stops retrying once closed', () => {
    const { connection, factory, messages } = connect();
    const first = factory.latest();
    first.open();
    first.refuse();
    connection.close();
    vi.advanceTimersByTime(60_000);
    expect(factory.sources).toHaveLength(1);
    messages.length = 0;
    first.emit('unread', '1', { count: 1 });
    expect(messages).toEqual([]);
  });

  it('closes its EventSource on close()', () => {
    const { connection, factory } = connect();
    connection.close();
    expect(factory.latest().isClosed).toBe(true);
  });
});

describe('helpers', () => {
  it('retryDelayMs doubles from 1 s up to 30 s, scaled by 0.5–1', () => {
    expect(retryDelayMs(0, () => 1)).toBe(1_000);
    expect(retryDelayMs(0, () => 0)).toBe(500);
    expect(retryDelayMs(3, () => 1)).toBe(8_000);
    expect(retryDelayMs(20, () => 1)).toBe(30_000);
  });

  it('isNewerEventId compares decimal ids as numbers, and takes anything else as new', () => {
    expect(isNewerEventId('10', '9')).toBe(true);
    expect(isNewerEventId('9', '10')).toBe(false);
    expect(isNewerEventId('10', '10')).toBe(false);
    expect(isNewerEventId('1', undefined)).toBe(true);
    expect(isNewerEventId('abc', '10')).toBe(true);
  });

  it('streamUrl adds the id as a query parameter', () => {
    expect(streamUrl('/api/events', undefined)).toBe('/api/events');
    expect(streamUrl('/api/events', '7')).toBe('/api/events?lastEventId=7');
    expect(streamUrl('/api/events?x=1', '7')).toBe('/api/events?x=1&lastEventId=7');
  });
});
