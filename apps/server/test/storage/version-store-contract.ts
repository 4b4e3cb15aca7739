// The VersionStore contract: named snapshots of a document. Every implementation runs it
// (test/storage/sqlite-contracts.test.ts) before it is wired in.
import { describe, expect, it } from 'vitest';
import type { AccountStore } from '../../src/storage/account-store.ts';
import type { DocumentStore } from '../../src/storage/document-store.ts';
import { DocNotFoundError } from '../../src/storage/errors.ts';
import type { VersionRecord, VersionStore } from '../../src/storage/version-store.ts';
import type { StoreSetup } from './store-harness.ts';

/** Versions belong to a document and name their author, so the suite makes both. */
export type VersionSuiteStore = VersionStore & Pick<DocumentStore, 'createDoc' | 'deleteDoc'> & Pick<AccountStore, 'createUser'>;

const version = (id: string, createdAt: number, over: Partial<VersionRecord> = {}): VersionRecord => ({
  id,
  docId: 'd1',
  label: `Version ${id}`,
  reason: 'manual',
  authorId: 'u1',
  authorIds: [],
  createdAt,
  state: new Uint8Array([1, 2, 3, createdAt % 256]),
  ...over,
});

export function versionStoreContract(name: string, setup: StoreSetup<VersionSuiteStore>): void {
  describe(`${name}: VersionStore contract`, () => {
    async function withDoc() {
      const harness = await setup();
      const { storage } = harness;
      await storage.createUser({ id: 'u1', email: 'ana@example.com', name: 'Ana', color: '#d9480f', passwordHash: 'x', createdAt: 1 });
      await storage.createDoc({ id: 'd1', title: 'Plan', createdAt: 10, updatedAt: 10 }, 'u1');
      await storage.createDoc({ id: 'd2', title: 'Other', createdAt: 11, updatedAt: 11 }, 'u1');
      return harness;
    }

    it('stores a version with its state and lists them newest first with their author', async () => {
      const { storage } = await withDoc();
      const created = await storage.createVersion(version('v1', 100));
      expect(created).toEqual({
        id: 'v1',
        docId: 'd1',
        label: 'Version v1',
        reason: 'manual',
        createdAt: 100,
        author: { id: 'u1', name: 'Ana', color: '#d9480f' },
        authors: [],
      });
      await storage.createVersion(version('v2', 200, { reason: 'before-restore', authorId: null }));
      await storage.createVersion(version('v3', 200));
      expect((await storage.listVersions('d1')).map((v) => v.id)).toEqual(['v3', 'v2', 'v1']);
      expect((await storage.listVersions('d1'))[1]?.author).toBeNull();
      expect(await storage.listVersions('d2')).toEqual([]);
      const got = await storage.getVersion('d1', 'v1');
      expect(got?.state).toEqual(new Uint8Array([1, 2, 3, 100]));
      expect(got?.label).toBe('Version v1');
    });

    it('stores automatic versions and resolves their authors in order, leaving unknown ones out', async () => {
      const { storage } = await withDoc();
      await storage.createUser({ id: 'u2', email: 'ben@example.com', name: 'Ben', color: '#1864ab', passwordHash: 'x', createdAt: 1 });
      const created = await storage.createVersion(version('v1', 100, { reason: 'auto', authorId: null, authorIds: ['u2', 'gone', 'u1'] }));
      expect(created.reason).toBe('auto');
      expect(created.author).toBeNull();
      const authors = [
        { id: 'u2', name: 'Ben', color: '#1864ab' },
        { id: 'u1', name: 'Ana', color: '#d9480f' },
      ];
      expect(created.authors).toEqual(authors);
      expect((await storage.listVersions('d1'))[0]?.authors).toEqual(authors);
      expect((await storage.getVersion('d1', 'v1'))?.authors).toEqual(authors);
    });

    it('deletes the given versions of a document only', async () => {
      const { storage } = await withDoc();
      for (const [id, at] of [
        ['v1', 100],
        ['v2', 200],
        ['v3', 300],
      ] as const) {
        await storage.createVersion(version(id, at, { reason: 'auto' }));
      }
      await storage.createVersion(version('o1', 100, { docId: 'd2' }));
      expect(await storage.deleteVersions('d1', ['v1', 'v3', 'o1', 'missing'])).toBe(2);
      expect((await storage.listVersions('d1')).map((v) => v.id)).toEqual(['v2']);
      expect((await storage.listVersions('d2')).map((v) => v.id)).toEqual(['o1']);
      expect(await storage.deleteVersions('d1', [])).toBe(0);
    });

    it('finds a version only under its own document', async () => {
      const { storage } = await withDoc();
      await storage.createVersion(version('v1', 100));
      expect(await storage.getVersion('d2', 'v1')).toBeUndefined();
      expect(await storage.getVersion('d1', 'nope')).toBeUndefined();
    });

    it('refuses a version of a missing document and drops versions with their document', async () => {
      const { storage } = await withDoc();
      await expect(storage.createVersion(version('v1', 100, { docId: 'missing' }))).rejects.toBeInstanceOf(DocNotFoundError);
      await storage.createVersion(version('v2', 100));
      await storage.deleteDoc('d1');
      expect(await storage.listVersions('d1')).toEqual([]);
      expect(await storage.getVersion('d1', 'v2')).toBeUndefined();
    });
  });
}
