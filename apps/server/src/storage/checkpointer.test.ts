import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer } from './checkpointer.ts';

describe('Checkpointer', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function database() {
    const dir = mkdtempSync(join(tmpdir(), 'inkwell-checkpoint-'));
    dirs.push(dir);
    const file = join(dir, 'db.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (v BLOB)');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    return { db, file, write: (kb: number) => insert.run(Buffer.alloc(kb * 1024)) };
  }

  it('starts its worker only once the WAL is written past the threshold, and stops it when writes stop', async () => {
    const { db, file, write } = database();
    const errors: string[] = [];
    const cp = new Checkpointer({ file, intervalMs: 60_000, onError: (m) => errors.push(m), startAfterBytes: 64 * 1024, idleMs: 1000 });
    cp.look(0);
    expect(cp.running).toBe(false); // nothing written: an idle server has no worker

    write(8);
    cp.look(1);
    expect(cp.running).toBe(false); // a small WAL waits for more

    write(128);
    cp.look(2);
    expect(cp.running).toBe(true);

    cp.look(500); // no write since, but not idle long enough
    expect(cp.running).toBe(true);
    cp.look(2000);
    expect(cp.running).toBe(false);

    // The WAL keeps its size after a checkpoint; the next write starts a worker again.
    write(1);
    cp.look(2500);
    expect(cp.running).toBe(true);

    await cp.stop();
    expect(cp.running).toBe(false);
    cp.look(3000);
    expect(cp.running).toBe(false); // stopped for good
    expect(errors).toEqual([]);
    db.close();
  });

  it('lets the database close cleanly while a worker runs', async () => {
    const { db, file, write } = database();
    const cp = new Checkpointer({ file, intervalMs: 10, onError: () => {}, startAfterBytes: 1024 });
    write(64);
    cp.look();
    expect(cp.running).toBe(true);
    await cp.stop();
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    db.close();
  });
});
