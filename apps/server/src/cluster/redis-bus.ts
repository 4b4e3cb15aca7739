// The bus on Redis pub/sub: one connection publishes, one subscribes (a subscribed Redis
// connection can do nothing else). Channels: `<prefix>doc:<docId>` per document (subscribed
// while the room is open here), `<prefix>all` for everyone.
//
// Redis going away never stops editing: publishes are dropped at once while it is down
// (no offline queue: what a peer misses it reads from the stored log), and when the
// subscriber is back every open room and stream catches up (the `resync` handler). ioredis
// reconnects and subscribes to the channels again by itself.
//
// Alone on a document: when Redis answers a publish on a document's channel with one receiver
// (this instance's own subscriber), no other instance has the document open, and its updates
// and awareness stop going out (the busiest traffic, which nobody would read). The first
// message from another instance on that channel ends it: a room that opens elsewhere
// subscribes and then asks for awareness (`awarenessQuery`), and is answered, besides, with
// `stored` naming the last seq kept off the bus, which it reads from the log. Redis's count is
// trusted only while our subscriber has been connected and subscribed since the publish went
// out, as far as this process has seen; a drop noticed late is mended by the reconnect, after
// which this instance names what it kept back on every such document and asks on every
// channel again (the others may have counted it out while it was away).
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { Bus, BusHandlers, DocMessage, GlobalMessage } from './bus.ts';
import { decodeBusMessage, encodeBusMessage } from './bus-codec.ts';

/** Redis could not be reached at start-up; the message names the address (without a password). */
export class RedisUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    const shown = new URL(url);
    if (shown.password) shown.password = '***';
    super(`Redis is not reachable at ${shown.toString()}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'RedisUnreachableError';
  }
}

export interface BusMetrics {
  published(): void;
  /** An update or awareness message not sent: no other instance had the document open. */
  skipped(): void;
  /** A publish that could not be sent (Redis down); receivers catch up from the log. */
  dropped(): void;
  /** A message from another instance, `lagMs` after it was sent. */
  received(lagMs: number): void;
  /** A message that did not decode (never from an Inkwell of this version). */
  malformed(): void;
  resynced(): void;
  connected(up: boolean): void;
}

export interface RedisBusOptions {
  url: string;
  logger: Logger;
  metrics?: BusMetrics;
  /** Channel prefix, so that several deployments (or tests) can share one Redis. */
  prefix?: string;
}

export class RedisBus implements Bus {
  /** This process's id on the bus (its own messages come back to it and are skipped). */
  readonly instance = randomUUID();
  /** Made by start(): ioredis is imported only by a server that joins others (~19 MB of RSS). */
  private clients: { pub: Redis; sub: Redis } | undefined;
  private readonly prefix: string;
  private readonly log: Logger;
  private handlers: BusHandlers | null = null;
  private readonly docs = new Set<string>();
  /** Documents whose channel subscription Redis has confirmed. */
  private readonly subscribed = new Set<string>();
  /** Documents no other instance has open, with the last seq kept off the bus meanwhile. */
  private readonly alone = new Map<string, { through: number | undefined }>();
  /** Messages heard from other instances, per document: a publish's answer older than one is stale. */
  private readonly heard = new Map<string, number>();
  /** Whether the subscriber was ready before; its next ready is a reconnect. */
  private wasReady = false;
  /** The subscriber is connected with every channel subscribed again. */
  private subscriberUp = false;
  /** Counts the subscriber's disconnections: a publish answered after one is not trusted. */
  private subscriberEpoch = 0;
  private closed = false;

  constructor(private readonly opts: RedisBusOptions) {
    this.prefix = opts.prefix ?? 'inkwell:';
    this.log = opts.logger.child({ component: 'bus' });
  }

  /**
   * Connects both clients and subscribes to the channel for everyone. Rejects when Redis
   * cannot be reached at start-up (the server refuses to start half-joined).
   */
  async start(): Promise<void> {
    if (this.clients || this.closed) return;
    const { Redis } = await import('ioredis');
    const common = {
      // Keep trying while Redis is away, at most every 2 s; editing goes on meanwhile.
      retryStrategy: (times: number) => Math.min(100 * times, 2000),
      maxRetriesPerRequest: null,
      lazyConnect: true,
    };
    const pub = new Redis(this.opts.url, { ...common, enableOfflineQueue: false, connectionName: 'inkwell-pub' });
    const sub = new Redis(this.opts.url, { ...common, autoResubscribe: true, connectionName: 'inkwell-sub' });
    this.clients = { pub, sub };
    for (const [name, client] of [
      ['publisher', pub],
      ['subscriber', sub],
    ] as const) {
      // ioredis logs nothing itself; an unhandled 'error' would be printed by Node.
      client.on('error', (err: Error) => this.log.debug(`redis ${name}: ${err.message}`));
    }
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel, message));
    sub.on('ready', () => {
      this.opts.metrics?.connected(true);
      if (this.wasReady) {
        // The channels are subscribed again first (ioredis queues that on reconnect): a PING
        // behind those commands returns once they are in place, so nothing published after
        // the catch-up's reads can be missed.
        sub.ping().then(
          () => {
            this.log.info('redis is back: catching up from storage');
            this.opts.metrics?.resynced();
            this.subscriberUp = true;
            // A room that opened elsewhere meanwhile asked for us while we could not hear it,
            // and the others may have stopped publishing while we were not subscribed.
            for (const docId of [...this.alone.keys()]) this.notAlone(docId);
            for (const docId of this.subscribed) this.publishDoc(docId, { kind: 'awarenessQuery' });
            this.handlers?.resync();
          },
          () => {},
        );
      }
      this.wasReady = true;
    });
    sub.on('close', () => {
      this.subscriberUp = false;
      this.subscriberEpoch += 1;
      if (this.wasReady && !this.closed) {
        this.log.warn('redis connection lost: editing goes on here; other instances catch up when it is back');
        this.opts.metrics?.connected(false);
      }
    });
    try {
      await Promise.all([pub.connect(), sub.connect()]);
      // With the channels of any room opened before the start (none in the server, which
      // starts the bus before it listens).
      await sub.subscribe(`${this.prefix}all`, ...[...this.docs].map((docId) => this.docChannel(docId)));
      this.subscriberUp = true;
    } catch (err) {
      await this.close();
      throw new RedisUnreachableError(this.opts.url, err);
    }
  }

  setHandlers(handlers: BusHandlers): void {
    this.handlers = handlers;
  }

  publishDoc(docId: string, message: DocMessage): void {
    const alone = this.alone.get(docId);
    if (alone && (message.kind === 'update' || message.kind === 'awareness')) {
      if (message.kind === 'update') alone.through = message.from + message.updates.length - 1;
      this.opts.metrics?.skipped();
      return;
    }
    const heard = this.heard.get(docId) ?? 0;
    const epoch = this.subscriberEpoch;
    this.publish(this.docChannel(docId), message, (receivers) => {
      // Only our own subscriber got it (subscribed all along), and nobody spoke up since.
      const ours = this.subscriberUp && this.subscriberEpoch === epoch && this.subscribed.has(docId);
      if (receivers <= 1 && ours && (this.heard.get(docId) ?? 0) === heard && !this.alone.has(docId)) {
        this.alone.set(docId, { through: undefined });
      }
    });
  }

  publishGlobal(message: GlobalMessage): void {
    this.publish(`${this.prefix}all`, message);
  }

  async subscribeDoc(docId: string): Promise<void> {
    if (this.closed) return;
    this.docs.add(docId);
    // While Redis is down this waits for the reconnect (the caller does not block on it).
    await this.clients?.sub.subscribe(this.docChannel(docId));
    if (this.docs.has(docId)) this.subscribed.add(docId);
  }

  unsubscribeDoc(docId: string): void {
    if (!this.docs.delete(docId) || this.closed) return;
    this.subscribed.delete(docId);
    this.alone.delete(docId);
    this.heard.delete(docId);
    this.clients?.sub.unsubscribe(this.docChannel(docId)).catch(() => {});
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.clients) return;
    const { pub, sub } = this.clients;
    await Promise.allSettled([pub.quit(), sub.quit()]);
    pub.disconnect();
    sub.disconnect();
  }

  private docChannel(docId: string): string {
    return `${this.prefix}doc:${docId}`;
  }

  /** `answered` gets the number of subscribers Redis delivered the message to (ours included). */
  private publish(channel: string, message: DocMessage | GlobalMessage, answered?: (receivers: number) => void): void {
    if (this.closed) return;
    const pub = this.clients?.pub;
    if (pub?.status !== 'ready') {
      this.opts.metrics?.dropped();
      return;
    }
    const data = encodeBusMessage(this.instance, Date.now(), message);
    this.opts.metrics?.published();
    pub.publish(channel, Buffer.from(data.buffer, data.byteOffset, data.byteLength)).then(answered, () => this.opts.metrics?.dropped());
  }

  /** Another instance has the document open: publish again, and tell it what we kept back. */
  private notAlone(docId: string): void {
    const alone = this.alone.get(docId);
    if (!alone) return;
    this.alone.delete(docId);
    if (alone.through !== undefined) this.publish(this.docChannel(docId), { kind: 'stored', through: alone.through });
  }

  private receive(channelBytes: Buffer, data: Buffer): void {
    let envelope: ReturnType<typeof decodeBusMessage>;
    try {
      envelope = decodeBusMessage(data);
    } catch (err) {
      this.opts.metrics?.malformed();
      this.log.warn('ignored a malformed bus message', { err: (err as Error).message });
      return;
    }
    if (envelope.instance === this.instance || !this.handlers) return;
    this.opts.metrics?.received(Date.now() - envelope.sentAt);
    const channel = channelBytes.toString();
    try {
      if (channel === `${this.prefix}all`) this.handlers.global(envelope.message as GlobalMessage);
      else if (channel.startsWith(`${this.prefix}doc:`)) {
        const docId = channel.slice(this.prefix.length + 4);
        if (this.docs.has(docId)) {
          this.heard.set(docId, (this.heard.get(docId) ?? 0) + 1);
          this.notAlone(docId);
          this.handlers.doc(docId, envelope.message as DocMessage);
        }
      }
    } catch (err) {
      // A handler's bug must not take the subscriber (and every other document) down.
      this.log.error('bus handler failed', { channel, kind: envelope.message.kind, err });
    }
  }
}
