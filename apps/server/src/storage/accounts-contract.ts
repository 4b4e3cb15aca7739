// The accounts half of the storage contract (users, sessions, members); storageContract
// runs it for every implementation, so a backend cannot pass one half without the other.
import { describe, expect, it } from 'vitest';
import type { StorageHarness } from './storage-contract.ts';
import {
  DocNotFoundError,
  EmailTakenError,
  OwnerChangeError,
  type DocRecord,
  type SessionRecord,
  type UserRecord,
} from './storage.ts';

const doc = (id: string, createdAt: number): DocRecord => ({ id, title: `Doc ${id}`, createdAt, updatedAt: createdAt });

const user = (id: string, email = `${id}@example.com`, createdAt = 100): UserRecord => ({
  id,
  email,
  name: `User ${id}`,
  color: '#336699',
  passwordHash: `scrypt$hash-of-${id}`,
  createdAt,
});

const session = (tokenHash: string, userId: string, expiresAt: number): SessionRecord => ({
  tokenHash,
  userId,
  createdAt: 1000,
  expiresAt,
});

export function accountsContract(setup: () => Promise<StorageHarness>): void {
  describe('accounts', () => {
    it('finds a user by id and by email in any letter case, keeping the email as given', async () => {
      const { storage } = await setup();
      expect(await storage.createUser(user('u1', 'Ann.Lee@Example.COM'))).toEqual(user('u1', 'Ann.Lee@Example.COM'));
      expect(await storage.getUser('u1')).toEqual(user('u1', 'Ann.Lee@Example.COM'));
      expect((await storage.getUserByEmail('ann.lee@example.com'))?.id).toBe('u1');
      expect((await storage.getUserByEmail('ANN.LEE@EXAMPLE.COM'))?.email).toBe('Ann.Lee@Example.COM');
      expect(await storage.getUserByEmail('ann@example.com')).toBeUndefined();
      expect(await storage.getUser('missing')).toBeUndefined();
    });

    it('refuses an email that is taken in another letter case, and a duplicate id', async () => {
      const { storage } = await setup();
      await storage.createUser(user('u1', 'ann@example.com'));
      await expect(storage.createUser(user('u2', 'ANN@example.com'))).rejects.toBeInstanceOf(EmailTakenError);
      expect(await storage.getUser('u2')).toBeUndefined();
      expect((await storage.getUserByEmail('ann@example.com'))?.id).toBe('u1');

      const duplicateId = storage.createUser(user('u1', 'other@example.com'));
      await expect(duplicateId).rejects.toThrow();
      await expect(duplicateId).rejects.not.toBeInstanceOf(EmailTakenError);
      expect(await storage.getUserByEmail('other@example.com')).toBeUndefined();
    });

    it('hands out copies: changing a returned user does not change the stored one', async () => {
      const { storage } = await setup();
      const created = await storage.createUser(user('u1'));
      created.name = 'changed';
      const read = (await storage.getUser('u1'))!;
      read.passwordHash = 'changed';
      expect(await storage.getUser('u1')).toEqual(user('u1'));
    });

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

    it('returns a session until it expires, and nothing from its expiry on', async () => {
      const { storage } = await setup();
      await storage.createUser(user('u1'));
      await storage.createSession(session('h1', 'u1', 5000));
      expect(await storage.getSession('h1', 4999)).toEqual(session('h1', 'u1', 5000));
      expect(await storage.getSession('h1', 5000)).toBeUndefined();
      expect(await storage.getSession('h1', 9000)).toBeUndefined();
      expect(await storage.getSession('unknown', 0)).toBeUndefined();
    });

    it('moves a session expiry with touchSession and forgets a deleted session', async () => {
      const { storage } = await setup();
      await storage.createUser(user('u1'));
      await storage.createSession(session('h1', 'u1', 5000));
      expect(await storage.touchSession('h1', 8000)).toBe(true);
      expect(await storage.getSession('h1', 6000)).toEqual(session('h1', 'u1', 8000));
      expect(await storage.getSession('h1', 8000)).toBeUndefined();
      expect(await storage.touchSession('unknown', 8000)).toBe(false);

      expect(await storage.deleteSession('h1')).toBe(true);
      expect(await storage.deleteSession('h1')).toBe(false);
      expect(await storage.getSession('h1', 0)).toBeUndefined();
      expect(await storage.touchSession('h1', 9000)).toBe(false);
    });

    it('refuses a session for an unknown user and a second session with the same token hash', async () => {
      const { storage } = await setup();
      await expect(storage.createSession(session('h1', 'nobody', 5000))).rejects.toThrow();
      expect(await storage.getSession('h1', 0)).toBeUndefined();
      await storage.createUser(user('u1'));
      await storage.createUser(user('u2'));
      await storage.createSession(session('h1', 'u1', 5000));
      await expect(storage.createSession(session('h1', 'u2', 7000))).rejects.toThrow();
      expect(await storage.getSession('h1', 0)).toEqual(session('h1', 'u1', 5000));
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

    it('keeps users, sessions and members when reopened', async () => {
      const harness = await setup();
      if (!harness.reopen) return;
      await harness.storage.createUser(user('u1', 'Ann@Example.com'));
      await harness.storage.createUser(user('u2'));
      await harness.storage.createDoc(doc('a', 1000), 'u1');
      await harness.storage.setMember('a', 'u2', 'viewer', 2000);
      await harness.storage.createSession(session('h1', 'u1', 5000));
      const reopened = await harness.reopen();
      expect(await reopened.getUserByEmail('ann@example.com')).toEqual(user('u1', 'Ann@Example.com'));
      expect(await reopened.getSession('h1', 0)).toEqual(session('h1', 'u1', 5000));
      expect((await reopened.listMembers('a')).map((m) => [m.user.id, m.role])).toEqual([
        ['u1', 'owner'],
        ['u2', 'viewer'],
      ]);
      await expect(reopened.createUser(user('u3', 'ANN@example.com'))).rejects.toBeInstanceOf(EmailTakenError);
    });
  });
}
