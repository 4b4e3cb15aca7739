// The DocumentStore contract: documents and their Yjs update log. Every implementation runs
// it (test/storage/sqlite-contracts.test.ts) before it is wired in.
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocRecord, DocumentStore } from '../../src/storage/document-store.ts';
import { DocNotFoundError } from '../../src/storage/errors.ts';
import type { StoreSetup } from './store-harness.ts';

const doc = (id: string, createdAt: number, title = `Doc ${id}`): DocRecord => ({
  id,
  title,
  createdAt,
  updatedAt: createdAt,
});

function textUpdate(ydoc: Y.Doc, insert: string): Uint8Array {
  let captured: Uint8Array | undefined;
  const onUpdate = (u: Uint8Array) => (captured = u);
  ydoc.on('update', onUpdate);
  ydoc.getText('t').insert(ydoc.getText('t').length, insert);
  ydoc.off('update', onUpdate);
  if (!captured) throw new Error('no update');
  return captured;
}

function materialise(state: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string {
  const ydoc = new Y.Doc();
  if (state.snapshot) Y.applyUpdate(ydoc, state.snapshot);
  for (const u of state.updates) Y.applyUpdate(ydoc, u);
  return ydoc.getText('t').toString();
}

export function documentStoreContract(name: string, setup: StoreSetup<DocumentStore>): void {
  describe(`${name}: DocumentStore contract`, () => {
    it('creates, reads and lists documents newest first', async () => {
      const { storage } = await setup();
      await storage.createDoc(doc('a', 1000));
      await storage.createDoc(doc('b', 3000));
      await storage.createDoc(doc('c', 2000));
      expect(await storage.getDoc('b')).toEqual(doc('b', 3000));
      expect(await storage.getDoc('missing')).toBeUndefined();
      expect((await storage.listDocs()).map((d) => d.id)).toEqual(['b', 'c', 'a']);
    });

    it('lists documents created in the same millisecond latest first', async () => {
      const { storage } = await setup();
      for (const id of ['m', 'z', 'a']) await storage.createDoc(doc(id, 1000));
      expect((await storage.listDocs()).map((d) => d.id)).toEqual(['a', 'z', 'm']);
    });

    it('refuses a duplicate id and keeps the first document', async () => {
      const { storage } = await setup();
      await storage.createDoc(doc('a', 1000, 'first'));
      await expect(storage.createDoc(doc('a', 2000, 'second'))).rejects.toThrow();
      expect((await storage.getDoc('a'))?.title).toBe('first');
    });

    it('renames and moves updatedAt, leaving createdAt alone', async () => {
      const { storage } = await setup();
      await storage.createDoc(doc('a', 1000));
      expect(await storage.renameDoc('a', 'Renamed', 5000)).toEqual({
        id: 'a',
        title: 'Renamed',
        createdAt: 1000,
        updatedAt: 5000,
      });
      expect(await storage.renameDoc('missing', 'x', 5000)).toBeUndefined();
    });

    it('assigns consecutive sequence numbers per document', async () => {
      const { storage } = await setup();
      await storage.createDoc(doc('a', 1));
      await storage.createDoc(doc('b', 2));
      const ydoc = new Y.Doc();
      expect(await storage.appendUpdates('a', [textUpdate(ydoc, 'x'), textUpdate(ydoc, 'y')], 10)).toBe(2);
      expect(await storage.appendUpdates('b', [textUpdate(new Y.Doc(), 'z')], 10)).toBe(1);
      expect(await storage.appendUpdates('a', [textUpdate(ydoc, 'z')], 20)).toBe(3);
      const state = await storage.loadDocState('a');
      expect(state?.lastSeq).toBe(3);
      expect(state?.updates).toHaveLength(3);
      expect(materialise(state!)).toBe('xyz');
      expect((await storage.getDoc('a'))?.updatedAt).toBe(20);
    });

    it('appends to several documents in one batch, skipping unknown ones', async () => {
      const { storage } = await setup();
      await storage.createDoc(doc('a', 1));
      await storage.createDoc(doc('b', 2));
      const [ya, yb] = [new Y.Doc(), new Y.Doc()];
      await storage.appendUpdates('a', [textUpdate(ya, 'x')], 5);
      const seqs = await storage.appendBatch(
        [
          { docId: 'a', updates: [textUpdate(ya, 'y'), textUpdate(ya, 'z')] },
          { docId: 'gone', updates: [textUpdate(new Y.Doc(), 'lost')] },
          { docId: 'b', updates: [textUpdate(yb, 'q')] },
        ],
        9,
      );
      expect(seqs).toEqual([3, undefined, 1]);
      expect(materialise((await storage.loadDocState('a'))!)).toBe('xyz');
      expect(materialise((await storage.loadDocState('b'))!)).toBe('q');
      expect((await storage.getDoc('b'))?.updatedAt).toBe(9);
      expect(await storage.loadDocState('gone')).toBeUndefined();
    });

    it('loads an empty state for a new document and nothing for an unknown one', async () => {
      const { storage } = await setup();
      await storage.createDoc(doc('a', 1));
      expect(await storage.loadDocState('a')).toEqual({ snapshot: null, snapshotChecksum: null, updates: [], lastSeq: 0 });
      expect(await storage.loadDocState('missing')).toBeUndefined();
    });

    it('refuses updates and snapshots for an unknown document', async () => {
      const { storage } = await setup();
      const u = textUpdate(new Y.Doc(), 'x');
      await expect(storage.appendUpdates('missing', [u], 1)).rejects.toBeInstanceOf(DocNotFoundError);
      await expect(storage.compact('missing', u, 1)).rejects.toBeInstanceOf(DocNotFoundError);
    });

    it('compacts a prefix into a snapshot; load = snapshot + remaining tail', async () => {
      const { storage } = await setup();
      await storage.createDoc(doc('a', 1));
      const ydoc = new Y.Doc();
      await storage.appendUpdates('a', [textUpdate(ydoc, 'he'), textUpdate(ydoc, 'll')], 1);
      const snapshot = Y.encodeStateAsUpdate(ydoc);
      await storage.appendUpdates('a', [textUpdate(ydoc, 'o')], 1);
      await storage.compact('a', snapshot, 2);
      const state = await storage.loadDocState('a');
      expect(state?.updates).toHaveLength(1);
      expect(state?.lastSeq).toBe(3);
      expect(materialise(state!)).toBe('hello');
      // With the CRC-32 of the bytes it was handed (a cold load may serve them unbuilt).
      expect(state?.snapshotChecksum).toBe(crc32(snapshot));
      // Numbering continues after compaction.
      expect(await storage.appendUpdates('a', [textUpdate(ydoc, '!')], 1)).toBe(4);
    });

    it('ignores a snapshot older than the one it has', async () => {
      const { storage } = await setup();
      await storage.createDoc(doc('a', 1));
      const ydoc = new Y.Doc();
      await storage.appendUpdates('a', [textUpdate(ydoc, 'a')], 1);
      const old = Y.encodeStateAsUpdate(ydoc);
      await storage.appendUpdates('a', [textUpdate(ydoc, 'b')], 1);
      await storage.compact('a', Y.encodeStateAsUpdate(ydoc), 2);
      await storage.compact('a', old, 1);
      const state = (await storage.loadDocState('a'))!;
      expect(materialise(state)).toBe('ab');
      expect(state.snapshotChecksum).toBe(crc32(state.snapshot!));
    });

    it('deletes a document with all of its state', async () => {
      const { storage } = await setup();
      await storage.createDoc(doc('a', 1));
      await storage.appendUpdates('a', [textUpdate(new Y.Doc(), 'x')], 1);
      expect(await storage.deleteDoc('a')).toBe(true);
      expect(await storage.deleteDoc('a')).toBe(false);
      expect(await storage.getDoc('a')).toBeUndefined();
      expect(await storage.loadDocState('a')).toBeUndefined();
      // The id can be used again, starting from nothing.
      await storage.createDoc(doc('a', 2));
      expect(await storage.loadDocState('a')).toEqual({ snapshot: null, snapshotChecksum: null, updates: [], lastSeq: 0 });
    });

    it('reads the updates after a sequence number, or says the snapshot is needed', async () => {
      const { storage } = await setup();
      await storage.createDoc(doc('a', 1));
      const ydoc = new Y.Doc();
      await storage.appendUpdates('a', [textUpdate(ydoc, 'a'), textUpdate(ydoc, 'b')], 1);
      const snapshot = Y.encodeStateAsUpdate(ydoc);
      await storage.appendUpdates('a', [textUpdate(ydoc, 'c')], 1);

      const since1 = await storage.readUpdatesSince('a', 1);
      expect(since1).toMatchObject({ lastSeq: 3, snapshotNeeded: false });
      expect(since1?.updates.map((u) => u.seq)).toEqual([2, 3]);
      // Applied over what the caller had (seq 1), the tail gives the whole text.
      const caller = new Y.Doc();
      const first = (await storage.loadDocState('a'))!.updates[0]!;
      Y.applyUpdate(caller, first);
      for (const u of since1!.updates) Y.applyUpdate(caller, u.data);
      expect(caller.getText('t').toString()).toBe('abc');
      expect(await storage.readUpdatesSince('a', 3)).toEqual({ updates: [], lastSeq: 3, snapshotNeeded: false });

      // Rows 1 and 2 folded into the snapshot: from 1 the tail is not enough, from 2 it is.
      await storage.compact('a', snapshot, 2);
      expect(await storage.readUpdatesSince('a', 1)).toEqual({ updates: [], lastSeq: 3, snapshotNeeded: true });
      expect((await storage.readUpdatesSince('a', 2))?.updates.map((u) => u.seq)).toEqual([3]);
      // A caller ahead of the log has not seen this log.
      expect((await storage.readUpdatesSince('a', 7))?.snapshotNeeded).toBe(true);
      expect(await storage.readUpdatesSince('missing', 0)).toBeUndefined();
    });

    it('runs one holder of a document lock at a time, per document', async () => {
      const { storage } = await setup();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const first = storage.withDocLock('a', async () => {
        await gate;
        return 'first';
      });
      let ranSecond = false;
      expect(
        await storage.withDocLock('a', async () => {
          ranSecond = true;
        }),
      ).toEqual({ acquired: false });
      expect(ranSecond).toBe(false);
      expect(await storage.withDocLock('b', async () => 'other doc')).toEqual({ acquired: true, value: 'other doc' });
      release();
      expect(await first).toEqual({ acquired: true, value: 'first' });
      // Released once fn settled, also when it threw.
      await expect(
        storage.withDocLock('a', async () => {
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await storage.withDocLock('a', async () => 'again')).toEqual({ acquired: true, value: 'again' });
    });

    it('keeps documents and state when reopened', async () => {
      const harness = await setup();
      if (!harness.reopen) return;
      await harness.storage.createDoc(doc('a', 1, 'Kept'));
      const ydoc = new Y.Doc();
      await harness.storage.appendUpdates('a', [textUpdate(ydoc, 'one '), textUpdate(ydoc, 'two')], 7);
      const reopened = await harness.reopen();
      expect(await reopened.getDoc('a')).toEqual({ id: 'a', title: 'Kept', createdAt: 1, updatedAt: 7 });
      const state = await reopened.loadDocState('a');
      expect(state?.lastSeq).toBe(2);
      expect(materialise(state!)).toBe('one two');
    });
  });
}
