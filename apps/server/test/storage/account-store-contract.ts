// The AccountStore contract: users and sessions. Every implementation runs it
// (test/storage/sqlite-contracts.test.ts) before it is wired in.
import { describe, expect, it } from 'vitest';
import type { AccountStore, SessionRecord } from '../../src/storage/account-store.ts';
import { EmailTakenError } from '../../src/storage/errors.ts';
import { type StoreSetup, user } from './store-harness.ts';

const session = (tokenHash: string, userId: string, expiresAt: number): SessionRecord => ({
  tokenHash,
  userId,
  createdAt: 1000,
  expiresAt,
});

export function accountStoreContract(name: string, setup: StoreSetup<AccountStore>): void {
  describe(`${name}: AccountStore contract`, () => {
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

    it('keeps users and sessions when reopened', async () => {
      const harness = await setup();
      if (!harness.reopen) return;
      await harness.storage.createUser(user('u1', 'Ann@Example.com'));
      await harness.storage.createSession(session('h1', 'u1', 5000));
      const reopened = await harness.reopen();
      expect(await reopened.getUserByEmail('ann@example.com')).toEqual(user('u1', 'Ann@Example.com'));
      expect(await reopened.getSession('h1', 0)).toEqual(session('h1', 'u1', 5000));
      await expect(reopened.createUser(user('u3', 'ANN@example.com'))).rejects.toBeInstanceOf(EmailTakenError);
    });
  });
}
