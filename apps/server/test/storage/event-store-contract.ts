// The EventStore contract: the per-user event log, notifications and mention claims. Every
// implementation runs it (test/storage/sqlite-contracts.test.ts) before it is wired in.
import { describe, expect, it } from 'vitest';
import type { AccountStore, UserRecord } from '../../src/storage/account-store.ts';
import type { DocumentStore } from '../../src/storage/document-store.ts';
import type { EventRetention, EventStore, NotificationRecord } from '../../src/storage/event-store.ts';
import type { StoreSetup } from './store-harness.ts';

/** Events and notifications belong to users, and mention claims to documents. */
export type EventSuiteStore = EventStore & Pick<AccountStore, 'createUser'> & Pick<DocumentStore, 'createDoc' | 'deleteDoc'>;

const user = (id: string): UserRecord => ({
  id,
  email: `${id}@example.com`,
  name: `User ${id}`,
  color: '#336699',
  passwordHash: 'h',
  createdAt: 1,
});

const KEEP_ALL: EventRetention = { maxAgeMs: 1e12, maxEvents: 1e6 };

const notification = (id: string, userId: string, createdAt: number, extra: Partial<NotificationRecord> = {}): NotificationRecord => ({
  id,
  userId,
  kind: 'mentioned',
  actorId: 'actor',
  docId: 'doc1',
  docTitle: 'Plan',
  createdAt,
  readAt: null,
  ...extra,
});

async function withUsers(storage: Pick<AccountStore, 'createUser'>, ...ids: string[]): Promise<void> {
  for (const id of ids) await storage.createUser(user(id));
}

export function eventStoreContract(name: string, setup: StoreSetup<EventSuiteStore>): void {
  describe(`${name}: EventStore contract`, () => {
    describe('user event log', () => {
      it('numbers each user’s events consecutively from 1 and replays after an id in order', async () => {
        const { storage } = await setup();
        await withUsers(storage, 'a', 'b');
        const ev = (userId: string, n: number) => ({ userId, name: 'invalidate', data: `{"n":${n}}` });
        const first = await storage.appendUserEvents([ev('a', 1), ev('b', 1), ev('a', 2)], 100, KEEP_ALL);
        expect(first.map((r) => [r.userId, r.id])).toEqual([
          ['a', 1],
          ['b', 1],
          ['a', 2],
        ]);
        await storage.appendUserEvents([ev('a', 3)], 200, KEEP_ALL);
        const read = await storage.readUserEvents('a', 1, 300, KEEP_ALL);
        expect(read.lastId).toBe(3);
        expect(read.events).toEqual([
          { userId: 'a', id: 2, name: 'invalidate', data: '{"n":2}', createdAt: 100 },
          { userId: 'a', id: 3, name: 'invalidate', data: '{"n":3}', createdAt: 200 },
        ]);
        expect(await storage.readUserEvents('b', 0, 300, KEEP_ALL)).toMatchObject({ lastId: 1, events: [{ id: 1 }] });
        expect(await storage.readUserEvents('nobody', 0, 300, KEEP_ALL)).toEqual({ lastId: 0, events: [] });
      });

      it('keeps at most maxEvents a user, and ids keep increasing after pruning', async () => {
        const { storage } = await setup();
        await withUsers(storage, 'a', 'b');
        const retention = { maxAgeMs: 1e12, maxEvents: 3 };
        for (let i = 1; i <= 5; i++) {
          await storage.appendUserEvents([{ userId: 'a', name: 'unread', data: String(i) }], i, retention);
        }
        await storage.appendUserEvents([{ userId: 'b', name: 'unread', data: 'b' }], 9, retention);
        const read = await storage.readUserEvents('a', 0, 10, retention);
        expect(read.lastId).toBe(5);
        expect(read.events.map((e) => e.id)).toEqual([3, 4, 5]);
        expect((await storage.appendUserEvents([{ userId: 'a', name: 'unread', data: '6' }], 11, retention))[0]!.id).toBe(6);
        expect((await storage.readUserEvents('b', 0, 12, retention)).events).toHaveLength(1);
      });

      it('drops events older than maxAgeMs on read and on append, always a prefix of ids', async () => {
        const { storage } = await setup();
        await withUsers(storage, 'a');
        const retention = { maxAgeMs: 1000, maxEvents: 100 };
        await storage.appendUserEvents([{ userId: 'a', name: 'x', data: '1' }], 1000, retention);
        // The clock went backwards: event 2 is stamped before event 1.
        await storage.appendUserEvents([{ userId: 'a', name: 'x', data: '2' }], 900, retention);
        await storage.appendUserEvents([{ userId: 'a', name: 'x', data: '3' }], 1500, retention);
        expect((await storage.readUserEvents('a', 0, 1850, retention)).events.map((e) => e.id)).toEqual([1, 2, 3]);
        // Event 2 has expired, so everything through it goes, event 1 included: never a hole.
        expect((await storage.readUserEvents('a', 0, 1950, retention)).events.map((e) => e.id)).toEqual([3]);
        const read = await storage.readUserEvents('a', 0, 9999, retention);
        expect(read).toEqual({ lastId: 3, events: [] });
      });

      it('appends all or nothing: an unknown user fails the whole batch', async () => {
        const { storage } = await setup();
        await withUsers(storage, 'a');
        const batch = [
          { userId: 'a', name: 'x', data: '1' },
          { userId: 'ghost', name: 'x', data: '2' },
        ];
        await expect(storage.appendUserEvents(batch, 1, KEEP_ALL)).rejects.toThrow();
        expect(await storage.readUserEvents('a', 0, 2, KEEP_ALL)).toEqual({ lastId: 0, events: [] });
      });

      it('keeps the log across a reopen', async () => {
        const harness = await setup();
        if (!harness.reopen) return;
        await withUsers(harness.storage, 'a');
        await harness.storage.appendUserEvents([{ userId: 'a', name: 'x', data: '{}' }], 5, KEEP_ALL);
        const reopened = await harness.reopen();
        expect((await reopened.appendUserEvents([{ userId: 'a', name: 'x', data: '{}' }], 6, KEEP_ALL))[0]!.id).toBe(2);
        expect((await reopened.readUserEvents('a', 0, 7, KEEP_ALL)).events.map((e) => e.id)).toEqual([1, 2]);
      });
    });

    describe('notifications', () => {
      it('lists newest first (ties: latest insert first) with a limit, and counts unread', async () => {
        const { storage } = await setup();
        await withUsers(storage, 'actor', 'a', 'b');
        await storage.createNotification(notification('n1', 'a', 10, { kind: 'shared', role: 'editor' }), 100);
        await storage.createNotification(notification('n2', 'a', 20), 100);
        await storage.createNotification(notification('n3', 'a', 20), 100);
        await storage.createNotification(notification('other', 'b', 30), 100);
        expect((await storage.listNotifications('a', 10)).map((n) => n.id)).toEqual(['n3', 'n2', 'n1']);
        expect((await storage.listNotifications('a', 2)).map((n) => n.id)).toEqual(['n3', 'n2']);
        expect((await storage.listNotifications('a', 10))[2]).toEqual(notification('n1', 'a', 10, { kind: 'shared', role: 'editor' }));
        expect((await storage.listNotifications('a', 10))[0]).not.toHaveProperty('role');
        expect(await storage.countUnreadNotifications('a')).toBe(3);
        expect(await storage.countUnreadNotifications('nobody')).toBe(0);
      });

      it('keeps the comment kinds with their thread and excerpt, and the commenter role', async () => {
        const { storage } = await setup();
        await withUsers(storage, 'actor', 'a');
        const mention = notification('n1', 'a', 10, { kind: 'comment_mention', threadId: 't1', excerpt: 'Could @User a look…' });
        const reply = notification('n2', 'a', 20, { kind: 'comment_reply', threadId: 't1', excerpt: '' });
        const shared = notification('n3', 'a', 30, { kind: 'shared', role: 'commenter' });
        for (const n of [mention, reply, shared]) await storage.createNotification(n, 100);
        expect(await storage.listNotifications('a', 10)).toEqual([shared, reply, mention]);
        // Fields a kind does not use are absent, not undefined or null.
        expect((await storage.listNotifications('a', 10))[0]).not.toHaveProperty('threadId');
        expect((await storage.listNotifications('a', 10))[2]).not.toHaveProperty('role');
      });

      it('marks one read (only the owner’s), then reports it unchanged; marks all read', async () => {
        const { storage } = await setup();
        await withUsers(storage, 'actor', 'a', 'b');
        for (const id of ['n1', 'n2', 'n3']) await storage.createNotification(notification(id, 'a', 10), 100);
        await storage.createNotification(notification('b1', 'b', 10), 100);
        expect(await storage.markNotificationRead('b', 'n1', 50)).toBe('missing');
        expect(await storage.markNotificationRead('a', 'nope', 50)).toBe('missing');
        expect(await storage.markNotificationRead('a', 'n1', 50)).toBe('marked');
        expect(await storage.markNotificationRead('a', 'n1', 60)).toBe('unchanged');
        expect((await storage.listNotifications('a', 10)).find((n) => n.id === 'n1')?.readAt).toBe(50);
        expect(await storage.countUnreadNotifications('a')).toBe(2);
        expect(await storage.markAllNotificationsRead('a', 70)).toBe(2);
        expect(await storage.markAllNotificationsRead('a', 80)).toBe(0);
        expect((await storage.listNotifications('a', 10)).map((n) => n.readAt)).toEqual([70, 70, 50]);
        expect(await storage.countUnreadNotifications('b')).toBe(1);
      });

      it('keeps at most `keep` notifications a user, dropping the oldest', async () => {
        const { storage } = await setup();
        await withUsers(storage, 'actor', 'a', 'b');
        await storage.createNotification(notification('b1', 'b', 1), 2);
        for (let i = 1; i <= 4; i++) await storage.createNotification(notification(`n${i}`, 'a', i), 2);
        expect((await storage.listNotifications('a', 10)).map((n) => n.id)).toEqual(['n4', 'n3']);
        expect((await storage.listNotifications('b', 10)).map((n) => n.id)).toEqual(['b1']);
      });

      it('refuses a notification for an unknown user or from an unknown actor', async () => {
        const { storage } = await setup();
        await withUsers(storage, 'actor', 'a');
        await expect(storage.createNotification(notification('n1', 'ghost', 1), 10)).rejects.toThrow();
        await expect(storage.createNotification(notification('n2', 'a', 1, { actorId: 'ghost' }), 10)).rejects.toThrow();
        expect(await storage.listNotifications('a', 10)).toEqual([]);
      });
    });

    describe('mention nodes', () => {
      it('claims each node of a document once, and forgets them with the document', async () => {
        const { storage } = await setup();
        await storage.createDoc({ id: 'd1', title: 'D', createdAt: 1, updatedAt: 1 });
        await storage.createDoc({ id: 'd2', title: 'D', createdAt: 1, updatedAt: 1 });
        expect(await storage.claimMentionNodes('d1', ['1:5', '1:9', '1:5'])).toEqual(['1:5', '1:9']);
        expect(await storage.claimMentionNodes('d1', ['1:9', '2:0'])).toEqual(['2:0']);
        expect(await storage.claimMentionNodes('d2', ['1:5'])).toEqual(['1:5']);
        expect(await storage.claimMentionNodes('missing', ['1:5'])).toEqual([]);
        await storage.deleteDoc('d1');
        expect(await storage.claimMentionNodes('d1', ['1:5'])).toEqual([]);
      });
    });
  });
}
