// Test support: a raw WebSocket that speaks the app channel (type-100 frames) by hand, next
// to a Y.Doc synced through the same socket, so tests see exactly what the server sends.
import {
  APP_MESSAGE_TYPE,
  PROTOCOL_VERSION,
  type RpcMethod,
  type RpcParams,
  type RpcResult,
  type ServerMessage,
  serverMessageSchema,
} from '@inkwell/protocol';
import { MessageType, syncStep1, syncUpdate } from '@inkwell/protocol/wire';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { rawSocket } from './helpers.ts';
import { clientAppFrame } from './test-socket.ts';

/** An RPC answer with both fields optional, for terse assertions. */
type RpcAnswer = { type: 'rpc'; id: string | number; result?: unknown; error?: { code: string; message: string } };

export class AppClient {
  readonly messages: ServerMessage[] = [];
  readonly ydoc = new Y.Doc();
  /** Every frame type received (first varUint), in order. */
  readonly frameTypes: number[] = [];
  private waiters: (() => boolean)[] = [];
  private nextId = 1;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      ws.send(syncUpdate(update));
    });
  }

  static async open(wsBase: string, docId: string, cookie?: string, { hello = true } = {}): Promise<AppClient> {
    const client = new AppClient(await rawSocket(wsBase, docId, cookie));
    // Like a stock client: ask for the server's state.
    client.ws.send(syncStep1(client.ydoc));
    if (hello) {
      client.send({ type: 'hello', protocol: PROTOCOL_VERSION });
      await client.next('welcome');
    }
    return client;
  }

  send(value: unknown): void {
    this.ws.send(clientAppFrame(value));
  }

  /** Sends a call without waiting; returns its id. */
  request(method: string, params?: unknown, id: string | number = this.nextId++): string | number {
    this.send({ type: 'rpc', id, method, params });
    return id;
  }

  async call<M extends RpcMethod>(method: M, params: RpcParams<M>): Promise<RpcResult<M>> {
    const answer = await this.answer(this.request(method, params));
    if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
    return answer.result as RpcResult<M>;
  }

  answer(id: string | number): Promise<RpcAnswer> {
    return this.next('rpc', (m) => m.id === id) as Promise<RpcAnswer>;
  }

  /** The first message of `type` (already received or coming) that matches. */
  next<T extends ServerMessage['type']>(
    type: T,
    match: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const find = () => this.messages.find((m): m is Extract<ServerMessage, { type: T }> => m.type === type && match(m as never));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${type} message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.map((m) => m.type))}`)),
        timeoutMs,
      );
      const check = () => {
        const found = find();
        if (!found) return false;
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      if (!check()) this.waiters.push(check);
    });
  }

  of<T extends ServerMessage['type']>(type: T): Extract<ServerMessage, { type: T }>[] {
    return this.messages.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);
  }

  text(): string {
    return this.ydoc.getText('text').toString();
  }

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    this.frameTypes.push(type);
    if (type === APP_MESSAGE_TYPE) {
      this.messages.push(serverMessageSchema.parse(JSON.parse(decoding.readVarString(decoder))));
    } else if (type === MessageType.SYNC) {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MessageType.SYNC);
      syncProtocol.readSyncMessage(decoder, enc, this.ydoc, this);
      if (encoding.length(enc) > 1) this.ws.send(encoding.toUint8Array(enc));
    }
    this.waiters = this.waiters.filter((check) => !check());
  }
}
