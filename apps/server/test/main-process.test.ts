// The entry point as a real process: environment, the "listening on" line, SIGTERM.
import { once } from 'node:events';
import { CloseCode } from '@inkwell/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, connect, createDoc, startProcess, tempDir } from './support/helpers.ts';

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
});
