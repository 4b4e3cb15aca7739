// The trash part of the DocumentStore contract: a trashed document is hidden from every read
// a room or a route makes (getDoc, loadDocState, listDocs, listDocsForUser) but keeps all of
// its rows until deleteDoc purges it. Every implementation runs it
// (test/storage/sqlite-contracts.test.ts).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AccountStore } from '../../src/storage/account-store.ts';
import type { DocRecord, DocumentStore } from '../../src/storage/document-store.ts';
import type { MemberStore } from '../../src/storage/member-store.ts';
import type { VersionStore } from '../../src/storage/version-store.ts';
import { type StoreSetup, user } from './store-harness.ts';

export type TrashSuiteStore = DocumentStore &
  MemberStore &
  Pick<AccountStore, 'createUser'> &
  Pick<VersionStore, 'createVersion' | 'listVersions'>;

const doc = (id: string, createdAt: number): DocRecord => ({ id, title: `Doc ${id}`, createdAt, updatedAt: createdAt });

function update(text: string): Uint8Array {
  const ydoc = new Y.Doc();
  ydoc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(ydoc);
}

export function trashContract(name: string, setup: StoreSetup<TrashSuiteStore>): void {
  describe(`${name}: DocumentStore trash contract`, () => {
    async function withDocs() {
      const harness = await setup();
      const { storage } = harness;
      for (const id of ['own', 'ed']) await storage.createUser(user(id));
      await storage.createDoc(doc('a', 1000), 'own');
      await storage.createDoc(doc('b', 2000), 'own');
      await storage.setMember('a', 'ed', 'editor', 1500);
      await storage.appendUpdates('a', [update('kept text')], 1600);
      await storage.createVersion({
        id: 'v1',
        docId: 'a',
        label: 'First',
        reason: 'manual',
        authorId: 'own',
        authorIds: ['ed'],
        createdAt: 1700,
        state: update('kept text'),
      });
      return harness;
    }

    it('hides a trashed document from every read and list, and keeps its rows', async () => {
      const { storage } = await withDocs();
      expect(await storage.trashDoc('a', 'own', 5000)).toBe(true);
      expect(await storage.trashDoc('a', 'own', 6000)).toBe(false);
      expect(await storage.getDoc('a')).toBeUndefined();
      expect(await storage.loadDocState('a')).toBeUndefined();
      expect(await storage.renameDoc('a', 'New', 5100)).toBeUndefined();
      expect((await storage.listDocs()).map((d) => d.id)).toEqual(['b']);
      expect((await storage.listDocsForUser('own')).map((d) => d.id)).toEqual(['b']);
      expect(await storage.listDocsForUser('ed')).toEqual([]);
      expect(await storage.getTrashedDoc('a')).toEqual({ ...doc('a', 1000), updatedAt: 1600, deletedAt: 5000, deletedBy: 'own' });
      expect(await storage.getTrashedDoc('b')).toBeUndefined();
      // Members and versions stay, for the restore.
      expect(await storage.getRole('a', 'ed')).toBe('editor');
      expect((await storage.listVersions('a')).map((v) => v.id)).toEqual(['v1']);
    });

    it('restores a document with its content, members and versions', async () => {
      const { storage } = await withDocs();
      await storage.trashDoc('a', 'own', 5000);
      expect(await storage.restoreDoc('a')).toEqual({ ...doc('a', 1000), updatedAt: 1600 });
      expect(await storage.restoreDoc('a')).toBeUndefined();
      expect(await storage.restoreDoc('b')).toBeUndefined();
      expect(await storage.getTrashedDoc('a')).toBeUndefined();
      expect((await storage.listDocsForUser('ed')).map((d) => [d.id, d.role])).toEqual([['a', 'editor']]);
      const state = await storage.loadDocState('a');
      const ydoc = new Y.Doc();
      for (const u of state!.updates) Y.applyUpdate(ydoc, u);
      expect(ydoc.getText('t').toString()).toBe('kept text');
      expect((await storage.listVersions('a')).map((v) => [v.id, v.authors.map((p) => p.id)])).toEqual([['v1', ['ed']]]);
    });

    it("lists an owner's trash most recently deleted first, and nobody else's", async () => {
      const { storage } = await withDocs();
      await storage.createDoc(doc('c', 3000), 'ed');
      await storage.trashDoc('b', 'own', 5000);
      await storage.trashDoc('a', 'own', 7000);
      await storage.trashDoc('c', 'ed', 6000);
      expect((await storage.listTrash('own')).map((d) => [d.id, d.deletedAt])).toEqual([
        ['a', 7000],
        ['b', 5000],
      ]);
      // An editor of a trashed document does not see it in their trash.
      expect((await storage.listTrash('ed')).map((d) => d.id)).toEqual(['c']);
      expect(await storage.listTrash('nobody')).toEqual([]);
    });

    it('finds what was trashed at or before a time, oldest first, and purges it for good', async () => {
      const { storage } = await withDocs();
      await storage.trashDoc('b', 'own', 5000);
      await storage.trashDoc('a', 'own', 4000);
      expect(await storage.trashedBefore(3999)).toEqual([]);
      expect(await storage.trashedBefore(5000)).toEqual(['a', 'b']);
      expect(await storage.deleteDoc('a')).toBe(true);
      expect(await storage.getTrashedDoc('a')).toBeUndefined();
      expect(await storage.getRole('a', 'ed')).toBeUndefined();
      expect(await storage.listVersions('a')).toEqual([]);
      expect(await storage.trashedBefore(5000)).toEqual(['b']);
    });

    it('keeps the trash when reopened', async () => {
      const harness = await withDocs();
      if (!harness.reopen) return;
      await harness.storage.trashDoc('a', 'own', 5000);
      const reopened = await harness.reopen();
      expect(await reopened.getDoc('a')).toBeUndefined();
      expect((await reopened.listTrash('own')).map((d) => d.id)).toEqual(['a']);
    });
  });
}
