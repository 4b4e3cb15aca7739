// The MemberStore contract: who belongs to which document, and the ownership rules that
// creating a document or the first user implies. Every implementation runs it
// (test/storage/sqlite-contracts.test.ts) before it is wired in.
import { describe, expect, it } from 'vitest';
import type { AccountStore } from '../../src/storage/account-store.ts';
import type { DocRecord, DocumentStore } from '../../src/storage/document-store.ts';
import { DocNotFoundError, OwnerChangeError } from '../../src/storage/errors.ts';
import type { MemberStore } from '../../src/storage/member-store.ts';
import { type StoreSetup, user } from './store-harness.ts';

/**
 * Memberships relate documents and users, so the suite also makes (and deletes) those,
 * through the same backend: the ownership rules span the three stores.
 */
export type MemberSuiteStore = MemberStore &
  Pick<DocumentStore, 'createDoc' | 'getDoc' | 'listDocs' | 'deleteDoc'> &
  Pick<AccountStore, 'createUser'>;

const doc = (id: string, createdAt: number): DocRecord => ({ id, title: `Doc ${id}`, createdAt, updatedAt: createdAt });

export function memberStoreContract(name: string, setup: StoreSetup<MemberSuiteStore>): void {
  describe(`${name}: MemberStore contract`, () => {
    it('makes the first user the owner of every ownerless document, and the second user nothing', async () => {
      const { storage } = await setup();
      await storage.createDoc(doc('old1', 10));
      await storage.createDoc(doc('old2', 20));
      await storage.createUser(user('first', undefined, 500));
      expect(await storage.getRole('old1', 'first')).toBe('owner');
      expect((await storage.listDocsForUser('first')).map((d) => [d.id, d.role])).toEqual([
        ['old2', 'owner'],
        ['old1', 'owner'],
      ]);
      expect(await storage.listMembers('old1')).toEqual([{ user: user('first', undefined, 500), role: 'owner' }]);

      // Ownerless documents made after the first user stay ownerless.
      await storage.createDoc(doc('late', 30));
      await storage.createUser(user('second'));
      expect(await storage.listDocsForUser('second')).toEqual([]);
      expect(await storage.getRole('old1', 'second')).toBeUndefined();
      expect(await storage.listMembers('late')).toEqual([]);
      expect(await storage.getRole('late', 'first')).toBeUndefined();
    });

    it('creates a document together with its owner, or not at all when the owner is unknown', async () => {
      const { storage } = await setup();
      await storage.createUser(user('u1'));
      await storage.createDoc(doc('a', 1000), 'u1');
      expect(await storage.getRole('a', 'u1')).toBe('owner');
      expect(await storage.listDocsForUser('u1')).toEqual([{ ...doc('a', 1000), role: 'owner' }]);

      await expect(storage.createDoc(doc('b', 2000), 'nobody')).rejects.toThrow();
      expect(await storage.getDoc('b')).toBeUndefined();
      expect((await storage.listDocs()).map((d) => d.id)).toEqual(['a']);
    });

    it('adds members and switches them between editor and viewer in place', async () => {
      const { storage } = await setup();
      for (const id of ['own', 'ed', 'vi']) await storage.createUser(user(id));
      await storage.createDoc(doc('a', 1000), 'own');
      await storage.setMember('a', 'ed', 'editor', 2000);
      await storage.setMember('a', 'vi', 'viewer', 3000);
      expect(await storage.getRole('a', 'ed')).toBe('editor');
      expect(await storage.getRole('a', 'vi')).toBe('viewer');

      await storage.setMember('a', 'vi', 'editor', 4000);
      await storage.setMember('a', 'ed', 'viewer', 5000);
      expect(await storage.getRole('a', 'ed')).toBe('viewer');
      expect(await storage.listDocsForUser('vi')).toEqual([{ ...doc('a', 1000), role: 'editor' }]);
      // A role change keeps the member's place: they were added at 2000 and 3000.
      expect((await storage.listMembers('a')).map((m) => [m.user.id, m.role])).toEqual([
        ['own', 'owner'],
        ['ed', 'viewer'],
        ['vi', 'editor'],
      ]);
    });

    it('gives and changes the commenter role like the others', async () => {
      const { storage } = await setup();
      for (const id of ['own', 'co', 'vi']) await storage.createUser(user(id));
      await storage.createDoc(doc('a', 1000), 'own');
      await storage.setMember('a', 'co', 'commenter', 2000);
      await storage.setMember('a', 'vi', 'viewer', 3000);
      expect(await storage.getRole('a', 'co')).toBe('commenter');
      expect(await storage.listDocsForUser('co')).toEqual([{ ...doc('a', 1000), role: 'commenter' }]);

      await storage.setMember('a', 'vi', 'commenter', 4000);
      await storage.setMember('a', 'co', 'editor', 5000);
      expect((await storage.listMembers('a')).map((m) => [m.user.id, m.role])).toEqual([
        ['own', 'owner'],
        ['co', 'editor'],
        ['vi', 'commenter'],
      ]);
      await expect(storage.setMember('a', 'own', 'commenter', 6000)).rejects.toBeInstanceOf(OwnerChangeError);
    });

    it('never changes or removes the owner', async () => {
      const { storage } = await setup();
      await storage.createUser(user('own'));
      await storage.createDoc(doc('a', 1000), 'own');
      await expect(storage.setMember('a', 'own', 'editor', 2000)).rejects.toBeInstanceOf(OwnerChangeError);
      await expect(storage.removeMember('a', 'own')).rejects.toBeInstanceOf(OwnerChangeError);
      expect(await storage.getRole('a', 'own')).toBe('owner');
      expect(await storage.listMembers('a')).toHaveLength(1);
    });

    it('removes a member once, and refuses members of unknown documents or users', async () => {
      const { storage } = await setup();
      for (const id of ['own', 'ed']) await storage.createUser(user(id));
      await storage.createDoc(doc('a', 1000), 'own');
      await storage.setMember('a', 'ed', 'editor', 2000);
      expect(await storage.removeMember('a', 'ed')).toBe(true);
      expect(await storage.removeMember('a', 'ed')).toBe(false);
      expect(await storage.getRole('a', 'ed')).toBeUndefined();
      expect(await storage.listDocsForUser('ed')).toEqual([]);
      expect(await storage.removeMember('missing', 'ed')).toBe(false);

      await expect(storage.setMember('missing', 'ed', 'editor', 1)).rejects.toBeInstanceOf(DocNotFoundError);
      await expect(storage.setMember('a', 'nobody', 'editor', 1)).rejects.toThrow();
      expect(await storage.listMembers('a')).toHaveLength(1);
    });

    it('lists members owner first, then by when they were added, ties in insertion order', async () => {
      const { storage } = await setup();
      for (const id of ['own', 'x', 'y', 'z', 'w']) await storage.createUser(user(id));
      await storage.createDoc(doc('a', 1000), 'own');
      await storage.setMember('a', 'x', 'editor', 3000);
      await storage.setMember('a', 'z', 'viewer', 2000);
      await storage.setMember('a', 'y', 'editor', 2000);
      // Added "before" the owner (clock skew), still listed after them.
      await storage.setMember('a', 'w', 'viewer', 500);
      expect((await storage.listMembers('a')).map((m) => m.user.id)).toEqual(['own', 'w', 'z', 'y', 'x']);
      expect((await storage.listMembers('a'))[1]).toEqual({ user: user('w'), role: 'viewer' });
      expect(await storage.listMembers('missing')).toEqual([]);
    });

    it('lists only the documents a user belongs to, with roles, newest first', async () => {
      const { storage } = await setup();
      for (const id of ['u1', 'u2']) await storage.createUser(user(id));
      await storage.createDoc(doc('p', 1000), 'u1');
      await storage.createDoc(doc('q', 3000), 'u2');
      await storage.createDoc(doc('r', 2000), 'u2');
      await storage.createDoc(doc('s', 2000), 'u2');
      await storage.setMember('r', 'u1', 'viewer', 4000);
      await storage.setMember('s', 'u1', 'editor', 4000);
      expect(await storage.listDocsForUser('u1')).toEqual([
        { ...doc('s', 2000), role: 'editor' },
        { ...doc('r', 2000), role: 'viewer' },
        { ...doc('p', 1000), role: 'owner' },
      ]);
      expect((await storage.listDocsForUser('u2')).map((d) => d.id)).toEqual(['q', 's', 'r']);
      expect(await storage.listDocsForUser('nobody')).toEqual([]);
    });

    it('drops the memberships of a deleted document', async () => {
      const { storage } = await setup();
      for (const id of ['own', 'ed']) await storage.createUser(user(id));
      await storage.createDoc(doc('a', 1000), 'own');
      await storage.setMember('a', 'ed', 'editor', 2000);
      await storage.deleteDoc('a');
      expect(await storage.listDocsForUser('own')).toEqual([]);
      expect(await storage.getRole('a', 'ed')).toBeUndefined();
      // A new document under the same id starts with no members.
      await storage.createDoc(doc('a', 3000));
      expect(await storage.listMembers('a')).toEqual([]);
      expect(await storage.getRole('a', 'own')).toBeUndefined();
    });

    it('keeps members when reopened', async () => {
      const harness = await setup();
      if (!harness.reopen) return;
      await harness.storage.createUser(user('u1', 'Ann@Example.com'));
      await harness.storage.createUser(user('u2'));
      await harness.storage.createDoc(doc('a', 1000), 'u1');
      await harness.storage.setMember('a', 'u2', 'viewer', 2000);
      const reopened = await harness.reopen();
      expect((await reopened.listMembers('a')).map((m) => [m.user.id, m.role])).toEqual([
        ['u1', 'owner'],
        ['u2', 'viewer'],
      ]);
    });
  });
}
