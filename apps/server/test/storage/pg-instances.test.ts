// What only PostgreSQL storage promises: several instances (PgStorage objects with pools of
// their own) on one database. Sequence numbers never collide or leave holes, overlapping
// batches never deadlock, a document lock held by one instance refuses the others,
// compaction by one keeps what another appended meanwhile, and instances starting together
// on an empty database migrate it once.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PG_MIGRATIONS } from '../../src/storage/pg/pg-migrations.ts';
import { PgStorage } from '../../src/storage/pg/pg-storage.ts';
import { createTestDatabase, PgStores, type TestDatabase } from './pg-harness.ts';

let db: TestDatabase | undefined;
let stores: PgStores;

beforeAll(async () => {
  db = await createTestDatabase();
  stores = new PgStores(db);
}, 30_000);

afterEach(async () => {
  await stores.cleanup();
});

afterAll(async () => {
  await db?.drop();
}, 30_000);

/** `n` updates, each inserting `tag` and its number at the end of text `t`. */
function updates(tag: string, n: number): Uint8Array[] {
  const ydoc = new Y.Doc();
  const out: Uint8Array[] = [];
  ydoc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) ydoc.getText('t').insert(ydoc.getText('t').length, `${tag}${i};`);
  return out;
}

const doc = (id: string) => ({ id, title: id, createdAt: 1, updatedAt: 1 });

describe('PostgreSQL storage shared by several instances', () => {
  it('numbers concurrent appends from two instances without a gap or a repeat, and never deadlocks', async () => {
    const { storage: a } = await stores.setup();
    const b = await stores.another();
    for (const id of ['x', 'y', 'z']) await a.createDoc(doc(id));
    const fromA = updates('a', 40);
    const fromB = updates('b', 40);
    // Each round: both instances write one batch over the same documents, named in opposite
    // orders, at the same time.
    const seqs = { x: [] as number[], y: [] as number[], z: [] as number[] };
    await Promise.all([
      (async () => {
        for (let i = 0; i < 20; i++) {
          const [x, y, z] = await a.appendBatch(
            [
              { docId: 'x', updates: [fromA[2 * i]!, fromA[2 * i + 1]!] },
              { docId: 'y', updates: [fromA[2 * i]!] },
              { docId: 'z', updates: [fromA[2 * i]!] },
            ],
            i,
          );
          seqs.x.push(x! - 1, x!);
          seqs.y.push(y!);
          seqs.z.push(z!);
        }
      })(),
      (async () => {
        for (let i = 0; i < 20; i++) {
          const [z, y, x] = await b.appendBatch(
            [
              { docId: 'z', updates: [fromB[2 * i]!] },
              { docId: 'y', updates: [fromB[2 * i]!] },
              { docId: 'x', updates: [fromB[2 * i]!, fromB[2 * i + 1]!] },
            ],
            i,
          );
          seqs.x.push(x! - 1, x!);
          seqs.y.push(y!);
          seqs.z.push(z!);
        }
      })(),
    ]);
    const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(seqs.x.sort((p, q) => p - q)).toEqual(range(80));
    expect(seqs.y.sort((p, q) => p - q)).toEqual(range(40));
    expect(seqs.z.sort((p, q) => p - q)).toEqual(range(40));
    // Both instances read the same log: every update of both writers, once each.
    for (const storage of [a, b]) {
      const state = await storage.loadDocState('x');
      expect(state?.lastSeq).toBe(80);
      const ydoc = new Y.Doc();
      for (const u of state!.updates) Y.applyUpdate(ydoc, u);
      const text = ydoc.getText('t').toString();
      for (let i = 0; i < 40; i++) {
        expect(text).toContain(`a${i};`);
        expect(text).toContain(`b${i};`);
      }
    }
  }, 60_000);

  it('refuses a document lock another instance holds, until it lets go', async () => {
    const { storage: a } = await stores.setup();
    const b = await stores.another();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = a.withDocLock('d1', async () => {
      entered();
      await held;
      return 'a';
    });
    await inside;
    expect(await b.withDocLock('d1', async () => 'b')).toEqual({ acquired: false });
    expect(await b.withDocLock('d2', async () => 'b on d2')).toEqual({ acquired: true, value: 'b on d2' });
    release();
    expect(await first).toEqual({ acquired: true, value: 'a' });
    expect(await b.withDocLock('d1', async () => 'b')).toEqual({ acquired: true, value: 'b' });
  });

  it('takes document locks again after the database ended the lock connection', async () => {
    const { storage } = await stores.setup();
    expect(await storage.withDocLock('d1', async () => 'before')).toEqual({ acquired: true, value: 'before' });
    // What a database restart does to it: the server ends that backend.
    const admin = new pg.Client({ connectionString: db!.url });
    await admin.connect();
    const { rowCount } = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_advisory_unlock%'`,
    );
    await admin.end();
    // (A closed instance's backend may still be on its way out, and is ended too.)
    expect(rowCount).toBeGreaterThanOrEqual(1);
    expect(await storage.withDocLock('d1', async () => 'after')).toEqual({ acquired: true, value: 'after' });
  });

  it('keeps the updates another instance appended while one compacted', async () => {
    const { storage: a } = await stores.setup();
    const b = await stores.another();
    await a.createDoc(doc('d'));
    const ydoc = new Y.Doc();
    const all: Uint8Array[] = [];
    ydoc.on('update', (u: Uint8Array) => all.push(u));
    const text = ydoc.getText('t');
    text.insert(0, 'one ');
    text.insert(text.length, 'two ');
    await a.appendUpdates('d', all.slice(0, 2), 1);
    const snapshot = Y.encodeStateAsUpdate(ydoc); // through seq 2
    text.insert(text.length, 'three');
    await b.appendUpdates('d', [all[2]!], 2); // seq 3, after the snapshot was taken
    await a.compact('d', snapshot, 2);
    const since = await b.readUpdatesSince('d', 2);
    expect(since?.updates.map((u) => u.seq)).toEqual([3]);
    const state = await b.loadDocState('d');
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, state!.snapshot!);
    for (const u of state!.updates) Y.applyUpdate(reloaded, u);
    expect(reloaded.getText('t').toString()).toBe('one two three');
  });
});

describe('PostgreSQL migrations', () => {
  it('migrate an empty database once when several instances start together', async () => {
    const fresh = await createTestDatabase();
    try {
      const opened = await Promise.all([1, 2, 3].map(() => PgStorage.open({ url: fresh.url, poolSize: 2 })));
      await Promise.all(opened.map((s) => s.close()));
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      const { rows } = await client.query<{ version: number }>('SELECT version FROM inkwell_migrations ORDER BY version');
      await client.end();
      expect(rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    } finally {
      await fresh.drop();
    }
  }, 60_000);

  it('refuses a database a newer server migrated', async () => {
    const { storage } = await stores.setup();
    await storage.close();
    const client = new pg.Client({ connectionString: db!.url });
    await client.connect();
    await client.query(`INSERT INTO inkwell_migrations (version, name) VALUES (9999, 'from the future')`);
    try {
      await expect(PgStorage.open({ url: db!.url, poolSize: 1 })).rejects.toThrow(/schema version 9999, newer than this server knows/);
    } finally {
      await client.query('DELETE FROM inkwell_migrations WHERE version = 9999');
      await client.end();
    }
  });
});
