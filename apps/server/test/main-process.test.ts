// The entry point as a real process: environment, the "listening on" line, SIGTERM.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CloseCode } from '@inkwell/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterBackend } from './support/cluster.ts';
import { cleanup, connect, createDoc, signUp, startProcess, tempDir } from './support/helpers.ts';

afterEach(cleanup);

describe('main process', () => {
  it('prints its real port, and on SIGTERM stores the document, closes sockets with 1001 and exits 0', async () => {
    const dataDir = tempDir();
    const first = startProcess({ DATA_DIR: dataDir });
    const url = await first.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const doc = await createDoc(url);
    const wsBase = `${url.replace('http', 'ws')}/ws/doc`;
    const a = connect(wsBase, doc.id);
    await a.synced;
    a.text.insert(0, 'kept through SIGTERM');
    const closed = a.nextClose();
    const exited = once(first.child, 'exit');

    const started = Date.now();
    first.child.kill('SIGTERM');
    expect(await closed).toBe(CloseCode.GOING_AWAY);
    const [code] = await exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    a.destroy();

    const second = startProcess({ DATA_DIR: dataDir });
    const b = connect(`${(await second.url).replace('http', 'ws')}/ws/doc`, doc.id);
    await b.synced;
    expect(b.text.toString()).toBe('kept through SIGTERM');
  });

  it('refuses a bad setting with a clear message and exit code 2', async () => {
    const proc = startProcess({ PORT: 'eighty' });
    const [code] = await once(proc.child, 'exit');
    expect(code).toBe(2);
    expect(proc.output()).toContain('PORT must be an integer');
    await expect(proc.url).rejects.toThrow();
  });

  // node-postgres and ioredis are imported when configured: an embedded server never needs
  // them, and together they cost about 25 MB of an idle server's RSS (docs/performance.md).
  it('loads neither node-postgres nor ioredis on the embedded default, and both when configured', async () => {
    const driversLoaded = async (env: Record<string, string>) => {
      const log = path.join(tempDir(), 'modules.log');
      const hook = new URL('./support/module-log.mjs', import.meta.url).href;
      const proc = startProcess({ ...env, INKWELL_TEST_MODULE_LOG: log }, ['--import', hook, 'src/main.ts']);
      const url = await proc.url;
      // A user and a document: the requests an embedded server serves load nothing more.
      await createDoc(url, 'Drivers', (await signUp(url)).cookie);
      expect(await proc.stop()).toBe(0);
      const urls = readFileSync(log, 'utf8').split('\n');
      // Resolved from the server's source and its other dependencies alike: the package itself.
      return ['pg', 'ioredis'].filter((name) => urls.some((url) => url.includes(`/node_modules/${name}/`)));
    };

    expect(await driversLoaded({ DATA_DIR: tempDir() })).toEqual([]);
    expect(await driversLoaded((await clusterBackend()).env)).toEqual(['pg', 'ioredis']);
  });
});
