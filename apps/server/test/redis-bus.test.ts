// RedisBus on the local Redis: what it keeps off the bus while no other instance has a
// document open, and how an instance that opens the document later learns what it missed.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BusHandlers, DocMessage } from '../src/cluster/bus.ts';
import { type BusMetrics, RedisBus } from '../src/cluster/redis-bus.ts';
import { silentLogger } from '../src/logger.ts';
import { privateRedis, TEST_REDIS_URL } from './support/cluster.ts';
import { cleanup, defer } from './support/helpers.ts';

afterEach(cleanup);

interface Peer {
  bus: RedisBus;
  /** Messages about documents from other instances, in order. */
  got: { docId: string; message: DocMessage }[];
  counts: { published: number; skipped: number };
}

async function peer(prefix: string, url = TEST_REDIS_URL): Promise<Peer> {
  const got: Peer['got'] = [];
  const counts = { published: 0, skipped: 0 };
  const metrics: BusMetrics = {
    published: () => counts.published++,
    skipped: () => counts.skipped++,
    dropped: () => {},
    received: () => {},
    malformed: () => {},
    resynced: () => {},
    connected: () => {},
  };
  const bus = new RedisBus({ url, logger: silentLogger, metrics, prefix });
  const handlers: BusHandlers = { doc: (docId, message) => got.push({ docId, message }), global: () => {}, resync: () => {} };
  bus.setHandlers(handlers);
  await bus.start();
  defer(() => bus.close());
  return { bus, got, counts };
}

const update = (from: number): DocMessage => ({ kind: 'update', from, updates: [Uint8Array.of(from)] });

/**
 * Publishes updates from seq `from` on (after `before`, each time) until Redis has answered
 * one with A's subscriber alone and A has kept the next one back; returns the next free seq.
 */
async function publishUntilAlone(a: Peer, from: number, { before = async () => {}, timeout = 1000 } = {}): Promise<number> {
  let next = from;
  await vi.waitFor(
    async () => {
      await before();
      a.bus.publishDoc('d', update(next++));
      expect(a.counts.skipped).toBeGreaterThan(0);
    },
    { timeout },
  );
  return next;
}

describe('RedisBus', () => {
  it('keeps updates and awareness off the bus while no other instance has the document open', async () => {
    const prefix = `test-${randomUUID()}:`;
    const a = await peer(prefix);
    const b = await peer(prefix);
    await a.bus.subscribeDoc('d');

    // Redis answers the first publishes with one receiver (A's own subscriber): A is alone.
    let from = await publishUntilAlone(a, 1);
    const published = a.counts.published;
    a.bus.publishDoc('d', update(from++));
    a.bus.publishDoc('d', { kind: 'awareness', data: Uint8Array.of(1) });
    expect(a.counts.published).toBe(published);
    const keptBack = from - 1;

    // B opens the document: it subscribes, then asks who is there. A answers with the last seq
    // it kept back (B reads those from storage) and publishes again from now on.
    await b.bus.subscribeDoc('d');
    b.bus.publishDoc('d', { kind: 'awarenessQuery' });
    await vi.waitFor(() => expect(b.got).toContainEqual({ docId: 'd', message: { kind: 'stored', through: keptBack } }));
    expect(a.got).toContainEqual({ docId: 'd', message: { kind: 'awarenessQuery' } });

    a.bus.publishDoc('d', update(from));
    await vi.waitFor(() => expect(b.got.map((g) => g.message)).toContainEqual(update(from)));
    // Nothing A kept back reached B over the bus.
    expect(b.got.filter((g) => g.message.kind === 'update')).toHaveLength(1);
  });

  it('publishes every update while another instance has the document open', async () => {
    const prefix = `test-${randomUUID()}:`;
    const a = await peer(prefix);
    const b = await peer(prefix);
    await a.bus.subscribeDoc('d');
    await b.bus.subscribeDoc('d');
    for (let from = 1; from <= 20; from++) a.bus.publishDoc('d', update(from));
    await vi.waitFor(() => expect(b.got).toHaveLength(20));
    expect(b.got.map((g) => g.message)).toEqual(Array.from({ length: 20 }, (_, i) => update(i + 1)));
    expect(a.counts.skipped).toBe(0);
  });

  it('publishes again once the other instance that had the document open comes back', async () => {
    const prefix = `test-${randomUUID()}:`;
    const a = await peer(prefix);
    const b = await peer(prefix);
    await a.bus.subscribeDoc('d');
    await b.bus.subscribeDoc('d');
    // B closes the document: A's next answers say it is alone.
    b.bus.unsubscribeDoc('d');
    const from = await publishUntilAlone(a, 1);
    await b.bus.subscribeDoc('d');
    b.bus.publishDoc('d', { kind: 'awarenessQuery' });
    await vi.waitFor(() => expect(b.got.map((g) => g.message)).toContainEqual({ kind: 'stored', through: from - 1 }));
    a.bus.publishDoc('d', update(from));
    await vi.waitFor(() => expect(b.got.map((g) => g.message)).toContainEqual(update(from)));
  });

  it('asks on every channel again when its subscriber reconnects, so that others publish to it again', async () => {
    const redis = await privateRedis();
    const admin = new Redis(redis.url);
    defer(() => admin.quit());
    const subscribers = async () =>
      String(await admin.client('LIST'))
        .split('\n')
        .filter((line) => line.includes('name=inkwell-sub'))
        .map((line) => /\bid=(\d+)/.exec(line)![1]!);
    const a = await peer('p:', redis.url);
    const [idOfA] = await subscribers();
    const b = await peer('p:', redis.url);
    await a.bus.subscribeDoc('d');
    await b.bus.subscribeDoc('d');

    // B's subscriber drops (B keeps the document open; ioredis reconnects it within a moment,
    // so it is dropped again until A has noticed): A's publishes reach nobody else, and A stops.
    const from = await publishUntilAlone(a, 1, {
      before: async () => {
        for (const id of await subscribers()) if (id !== idOfA) await admin.client('KILL', 'ID', id);
      },
      timeout: 5000,
    });
    // Back, B asks on its channels; A names what it kept back and publishes again.
    await vi.waitFor(() => expect(b.got.map((g) => g.message)).toContainEqual({ kind: 'stored', through: from - 1 }), { timeout: 5000 });
    a.bus.publishDoc('d', update(from));
    await vi.waitFor(() => expect(b.got.map((g) => g.message)).toContainEqual(update(from)));
  });
});
