// The real server process on PostgreSQL (DATABASE_URL), each test on a database of its own:
// what another client saw survives kill -9, two processes on one database serve the same
// documents, and a database that cannot be opened stops the start with one line.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc } from '@inkwell/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_FILE_NAME } from '../src/server.ts';
import { createTestDatabase, type TestDatabase } from './storage/pg-harness.ts';
import { api, cleanup, connect, createDoc, startProcess, tempDir } from './support/helpers.ts';

const wsOf = (url: string) => `${url.replace('http', 'ws')}/ws/doc`;

let db: TestDatabase | undefined;

beforeEach(async () => {
  db = await createTestDatabase();
}, 30_000);

afterEach(async () => {
  // The processes first: dropping the database ends their connections.
  await cleanup();
  await db?.drop();
}, 30_000);

const listIds = async (url: string) => (await api<{ docs: Doc[] }>(url, '/api/docs')).body.docs.map((d) => d.id).sort();

describe('the server on PostgreSQL', () => {
  it('keeps every update another client saw through kill -9, and a second process serves the same documents', async () => {
    const dataDir = tempDir();
    const env = { DATABASE_URL: db!.url, DATA_DIR: dataDir };
    const first = startProcess(env);
    const url = await first.url;
    const doc = await createDoc(url, 'Stored in PostgreSQL');
    const a = connect(wsOf(url), doc.id);
    const b = connect(wsOf(url), doc.id);
    await Promise.all([a.synced, b.synced]);

    let expected = '';
    for (let i = 0; i < 100; i++) {
      const piece = `${i};`;
      a.text.insert(a.text.length, piece); // one update, one frame each
      expected += piece;
    }
    // The server relays an update only once it is stored: what b has seen is in the database.
    await vi.waitFor(() => expect(b.text.toString()).toBe(expected), { timeout: 15_000 });
    await first.kill();
    a.destroy();
    b.destroy();

    // Restarted on the same database (the session is stored there too, so the cookie holds).
    const again = startProcess(env);
    const againUrl = await again.url;
    const reader = connect(wsOf(againUrl), doc.id);
    await reader.synced;
    expect(reader.text.toString()).toBe(expected);

    // A second process at the same time: one document list, whichever process is asked.
    const second = startProcess(env);
    const secondUrl = await second.url;
    const other = await createDoc(secondUrl, 'Made on the second process');
    expect(await listIds(againUrl)).toEqual([doc.id, other.id].sort());
    expect(await listIds(secondUrl)).toEqual([doc.id, other.id].sort());

    // Nothing went to SQLite.
    expect(existsSync(join(dataDir, DB_FILE_NAME))).toBe(false);
    expect(readdirSync(dataDir)).toEqual([]);
  }, 120_000);

  it('stops with one line and exit 1 when the database cannot be reached', async () => {
    const proc = startProcess({ DATABASE_URL: 'postgres://inkwell:secret@127.0.0.1:1/inkwell', DATA_DIR: tempDir() });
    await expect(proc.url).rejects.toThrow();
    expect(proc.child.exitCode).toBe(1);
    const lines = proc.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^inkwell: cannot open PostgreSQL at postgres:\/\/inkwell@127\.0\.0\.1:1\/inkwell: .*ECONNREFUSED/);
    // The password is never printed.
    expect(proc.output()).not.toContain('secret');
  }, 60_000);

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, or a pool size out of range', async () => {
    const bad: Record<string, string>[] = [{ DATABASE_URL: 'mysql://db/inkwell' }, { DATABASE_URL: db!.url, DATABASE_POOL_SIZE: '0' }];
    for (const env of bad) {
      const proc = startProcess({ ...env, DATA_DIR: tempDir() });
      await expect(proc.url).rejects.toThrow();
      expect(proc.child.exitCode).toBe(2);
      expect(proc.output().trim().split('\n')).toHaveLength(1);
      expect(proc.output()).toMatch(/^inkwell: DATABASE_(URL|POOL_SIZE) must be/);
    }
  }, 60_000);
});
