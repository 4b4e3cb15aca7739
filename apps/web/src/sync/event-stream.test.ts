import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventSourceFactory } from '../../test/support/fake-event-source.ts';
import { FakeLocks } from '../../test/support/fake-locks.ts';
import { type ChannelLike, EventStream } from './event-stream.ts';
import type { StreamMessage } from './sse-connection.ts';

// The tabs of one browser, each an EventStream: Web Locks are faked (Node 20 has none), the
// BroadcastChannel is Node's own, which like a browser's delivers to every other channel of
// the same name in the process, asynchronously, never to the sender.

interface Tab {
  stream: EventStream;
  messages: StreamMessage[];
  onRefused: ReturnType<typeof vi.fn>;
}

const channels: BroadcastChannel[] = [];
const tabs: Tab[] = [];

afterEach(() => {
  for (const tab of tabs.splice(0)) tab.stream.stop();
  for (const channel of channels.splice(0)) channel.close();
});

function browser(options: { locks?: boolean; channel?: boolean } = {}) {
  const locks = new FakeLocks();
  const sources = eventSourceFactory();
  const createChannel = (name: string): ChannelLike => {
    const channel = new BroadcastChannel(name);
    channels.push(channel);
    return channel as unknown as ChannelLike;
  };
  return {
    locks,
    sources,
    openTab(scope = 'user-1'): Tab {
      const messages: StreamMessage[] = [];
      const onRefused = vi.fn();
      const stream = new EventStream({
        url: '/api/events',
        scope,
        createSource: sources.create,
        locks: options.locks === false ? null : locks,
        createChannel: options.channel === false ? null : createChannel,
        onMessage: (message) => messages.push(message),
        onRefused,
      });
      stream.start();
      const tab = { stream, messages, onRefused };
      tabs.push(tab);
      return tab;
    },
  };
}

const role = (tab: Tab) => tab.stream.snapshot.get().role;
const unreadCounts = (tab: Tab) =>
  tab.messages.flatMap((m) => (m.type === 'event' && m.event.event === 'unread' ? [m.event.data.count] : []));

describe('EventStream: one stream per browser', () => {
  it('opens one EventSource for all tabs and relays every event to each tab once', async () => {
    const b = browser();
    const [first, second, third] = [b.openTab(), b.openTab(), b.openTab()];
    expect(b.sources.sources).toHaveLength(1);
    expect([role(first), role(second), role(third)]).toEqual(['leader', 'follower', 'follower']);

    const source = b.sources.latest();
    source.open();
    source.emit('unread', '1', { count: 1 });
    source.emit('unread', '2', { count: 2 });

    for (const tab of [first, second, third]) {
      await vi.waitFor(() => expect(unreadCounts(tab)).toEqual([1, 2]));
      expect(tab.messages[0]).toEqual({ type: 'resync' });
    }
  });

  it('tells followers the stream status, also one that joins later', async () => {
    const b = browser();
    const leader = b.openTab();
    const early = b.openTab();
    expect(early.stream.snapshot.get().status).toBe('connecting');
    b.sources.latest().open();
    await vi.waitFor(() => expect(early.stream.snapshot.get().status).toBe('live'));
    const late = b.openTab();
    await vi.waitFor(() => expect(late.stream.snapshot.get()).toEqual({ role: 'follower', status: 'live' }));
    b.sources.latest().drop();
    expect(leader.stream.snapshot.get().status).toBe('reconnecting');
    await vi.waitFor(() => expect(late.stream.snapshot.get().status).toBe('reconnecting'));
  });

  it('hands the stream to a waiting tab when the leader goes, resuming after the last event', async () => {
    const b = browser();
    const leader = b.openTab();
    const next = b.openTab();
    const third = b.openTab();
    b.sources.latest().open();
    b.sources.latest().emit('unread', '7', { count: 1 });
    await vi.waitFor(() => expect(unreadCounts(next)).toEqual([1]));
    await vi.waitFor(() => expect(unreadCounts(third)).toEqual([1]));

    leader.stream.stop();
    expect(b.sources.sources[0]!.isClosed).toBe(true);
    await vi.waitFor(() => expect(role(next)).toBe('leader'));
    expect(role(third)).toBe('follower');
    expect(b.sources.sources).toHaveLength(2);
    expect(b.sources.latest().url).toBe('/api/events?lastEventId=7');

    // The replay after the takeover and live events reach the remaining follower.
    b.sources.latest().open();
    b.sources.latest().emit('unread', '8', { count: 2 });
    await vi.waitFor(() => expect(unreadCounts(third)).toEqual([1, 2]));
    expect(unreadCounts(next)).toEqual([1, 2]);
    // A takeover with an id to resume from needs no refetch of everything.
    expect(next.messages.filter((m) => m.type === 'resync')).toHaveLength(1);
  });

  it('a tab stopped while waiting never opens a stream', async () => {
    const b = browser();
    const leader = b.openTab();
    const waiting = b.openTab();
    waiting.stream.stop();
    leader.stream.stop();
    const after = b.openTab();
    await vi.waitFor(() => expect(role(after)).toBe('leader'));
    expect(b.sources.sources).toHaveLength(2);
    expect(b.locks.isHeld('inkwell-events:user-1')).toBe(true);
  });

  it('tells every tab when the server refused the stream', async () => {
    const b = browser();
    const leader = b.openTab();
    const follower = b.openTab();
    b.sources.latest().refuse();
    expect(leader.onRefused).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(follower.onRefused).toHaveBeenCalledTimes(1));
  });

  it('keeps two accounts apart: each has its own leader and stream', async () => {
    const b = browser();
    const ana = b.openTab('ana');
    const ben = b.openTab('ben');
    expect([role(ana), role(ben)]).toEqual(['leader', 'leader']);
    expect(b.sources.sources).toHaveLength(2);
    const [anaSource, benSource] = b.sources.sources;
    anaSource!.emit('unread', '1', { count: 5 });
    benSource!.emit('unread', '1', { count: 9 });
    expect(unreadCounts(ana)).toEqual([5]);
    expect(unreadCounts(ben)).toEqual([9]);
  });

  it('ignores relay messages it cannot read (another build, another script)', async () => {
    const b = browser();
    const leader = b.openTab();
    const follower = b.openTab();
    const intruder = new BroadcastChannel('inkwell-events:user-1');
    channels.push(intruder);
    intruder.postMessage({ type: 'event', event: { id: '3', event: 'unread', data: { count: 'many' } } });
    intruder.postMessage({ type: 'event', event: { id: '4', event: 'unread', data: { count: 4 } } });
    intruder.postMessage('hello');
    await vi.waitFor(() => expect(unreadCounts(follower)).toEqual([4]));
    // A leader only trusts its own stream.
    expect(unreadCounts(leader)).toEqual([]);
  });

  it.each([
    ['Web Locks', { locks: false }],
    ['BroadcastChannel', { channel: false }],
  ])('without %s every tab has its own stream', (_name, options) => {
    const b = browser(options);
    const [first, second] = [b.openTab(), b.openTab()];
    expect([role(first), role(second)]).toEqual(['solo', 'solo']);
    expect(b.sources.sources).toHaveLength(2);
    b.sources.sources[1]!.emit('unread', '1', { count: 3 });
    expect(unreadCounts(second)).toEqual([3]);
    expect(unreadCounts(first)).toEqual([]);
  });
});
