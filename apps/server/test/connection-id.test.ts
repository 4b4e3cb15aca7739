// One connection id from the upgrade to the room: the socket edge mints it and logs with it,
// and the room, its RPC dispatcher and the client's `welcome` use the same one.
import { join } from 'node:path';
import { CloseCode, MAX_NESTING_DEPTH } from '@inkwell/protocol';
import { syncUpdate } from '@inkwell/protocol/wire';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../src/logger.ts';
import { DB_FILE_NAME } from '../src/server.ts';
import { SqliteStorage } from '../src/storage/sqlite-storage.ts';
import { AppClient } from './support/app-client.ts';
import { cleanup, closeCode, createDoc, rawSocket, signUp, startServer, tempDir } from './support/helpers.ts';

afterEach(cleanup);

type Entry = Record<string, unknown>;

async function loggedServer(opts: { failVersionList?: boolean } = {}) {
  const lines: string[] = [];
  const dataDir = tempDir();
  const real = new SqliteStorage(join(dataDir, DB_FILE_NAME));
  // Listing versions fails with a plain error, which the RPC dispatcher logs as INTERNAL.
  const storage = new Proxy(real, {
    get(target, prop) {
      if (opts.failVersionList && prop === 'listVersions') return () => Promise.reject(new Error('disk on fire'));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const running = await startServer({ dataDir, storage, logger: createLogger('debug', (line) => lines.push(line)) });
  const entries = () => lines.map((l) => JSON.parse(l) as Entry);
  /** The connection id the socket edge logged when it accepted the upgrade. */
  const upgradeId = () => entries().find((e) => e.msg === 'socket opened')?.connId;
  return { ...running, entries, upgradeId };
}

describe('connection id', () => {
  it('is the same in the upgrade log, the welcome and the RPC error log', async () => {
    const { url, wsBase, entries, upgradeId } = await loggedServer({ failVersionList: true });
    const owner = await signUp(url);
    const doc = await createDoc(url, 'Plan', owner.cookie);
    const client = await AppClient.open(wsBase, doc.id, owner.cookie);
    const welcome = await client.next('welcome');
    const answer = await client.answer(client.request('version.list', {}));
    expect(answer.error?.code).toBe('INTERNAL');

    const id = upgradeId();
    expect(id).toEqual(expect.stringMatching(/^[\w-]{8}$/));
    expect(welcome.connectionId).toBe(id);
    expect(entries().find((e) => e.msg === 'rpc failed')).toMatchObject({
      level: 'error',
      docId: doc.id,
      connId: id,
      method: 'version.list',
    });
  });

  it('is the one the room logs when it refuses that connection’s update', async () => {
    const { url, wsBase, entries, upgradeId } = await loggedServer();
    const doc = await createDoc(url);
    const evil = await rawSocket(wsBase, doc.id);
    await vi.waitFor(() => expect(upgradeId()).toBeDefined());
    const nested = new Y.Doc();
    nested.transact(() => {
      let parent: Y.XmlFragment | Y.XmlElement = nested.getXmlFragment('default');
      for (let i = 0; i <= MAX_NESTING_DEPTH * 4; i++) {
        const child = new Y.XmlElement('blockquote');
        parent.insert(0, [child]);
        parent = child;
      }
    });
    const closed = closeCode(evil);
    evil.send(syncUpdate(Y.encodeStateAsUpdate(nested)));
    expect(await closed).toBe(CloseCode.PROTOCOL_VIOLATION);

    const refused = entries().find((e) => e.msg === 'refused an update that breaks a limit; reloading the room');
    expect(refused).toMatchObject({ level: 'warn', docId: doc.id, connId: upgradeId() });
  });
});
