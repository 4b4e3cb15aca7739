// The CommentStore contract: comment threads on a document. Every implementation runs it
// (test/storage/sqlite-contracts.test.ts) before it is wired in.
import { describe, expect, it } from 'vitest';
import type { AccountStore } from '../../src/storage/account-store.ts';
import type { CommentRecord, CommentStore, ThreadAnchorRecord } from '../../src/storage/comment-store.ts';
import type { DocumentStore } from '../../src/storage/document-store.ts';
import { DocNotFoundError } from '../../src/storage/errors.ts';
import type { StoreSetup } from './store-harness.ts';

/** Threads belong to a document and comments name their author, so the suite makes both. */
export type CommentSuiteStore = CommentStore & Pick<DocumentStore, 'createDoc' | 'deleteDoc'> & Pick<AccountStore, 'createUser'>;

const ANA = { id: 'u1', name: 'Ana', color: '#d9480f' };
const BO = { id: 'u2', name: 'Bo', color: '#1971c2' };

const anchor = (quote: string): ThreadAnchorRecord => ({ start: 'AQIDBA==', end: 'BQYHCA==', quote });

const comment = (id: string, createdAt: number, over: Partial<CommentRecord> = {}): CommentRecord => ({
  id,
  authorId: ANA.id,
  body: `Body of ${id}`,
  mentions: [],
  createdAt,
  ...over,
});

export function commentStoreContract(name: string, setup: StoreSetup<CommentSuiteStore>): void {
  describe(`${name}: CommentStore contract`, () => {
    async function withDocs() {
      const harness = await setup();
      const { storage } = harness;
      for (const u of [ANA, BO]) {
        await storage.createUser({ ...u, email: `${u.id}@example.com`, passwordHash: 'x', createdAt: 1 });
      }
      await storage.createDoc({ id: 'd1', title: 'Plan', createdAt: 10, updatedAt: 10 }, ANA.id);
      await storage.createDoc({ id: 'd2', title: 'Other', createdAt: 11, updatedAt: 11 }, ANA.id);
      return harness;
    }

    /** A thread on d1 opened by Ana at `at`, its first comment `<id>-c1`. */
    const open = (storage: CommentStore, id: string, at: number, docId = 'd1') =>
      storage.createThread({ id, docId, anchor: anchor(`quote ${id}`), createdAt: at }, comment(`${id}-c1`, at));

    it('creates a thread with its first comment and finds it under its document', async () => {
      const { storage } = await withDocs();
      const created = await storage.createThread(
        { id: 't1', docId: 'd1', anchor: anchor('the plan'), createdAt: 100 },
        comment('c1', 100, { body: 'Why?', mentions: [BO.id] }),
      );
      const expected = {
        id: 't1',
        docId: 'd1',
        anchor: { start: 'AQIDBA==', end: 'BQYHCA==', quote: 'the plan' },
        resolved: false,
        resolvedBy: null,
        resolvedAt: null,
        createdAt: 100,
        comments: [{ id: 'c1', author: ANA, body: 'Why?', mentions: [BO.id], createdAt: 100, editedAt: null }],
      };
      expect(created).toEqual(expected);
      expect(await storage.getThread('d1', 't1')).toEqual(expected);
      expect(await storage.listThreads('d1')).toEqual([expected]);
      expect(await storage.listThreads('d2')).toEqual([]);
      expect(await storage.getThread('d1', 'nope')).toBeUndefined();
    });

    it('refuses a thread on a missing document, or by an unknown author, writing nothing', async () => {
      const { storage } = await withDocs();
      await expect(open(storage, 't1', 100, 'missing')).rejects.toBeInstanceOf(DocNotFoundError);
      await expect(
        storage.createThread({ id: 't2', docId: 'd1', anchor: anchor('q'), createdAt: 100 }, comment('c2', 100, { authorId: 'ghost' })),
      ).rejects.toThrow();
      // The thread row of the failed create went with its transaction.
      expect(await storage.getThread('d1', 't2')).toBeUndefined();
      expect(await storage.countThreads('d1')).toBe(0);
    });

    it('lists threads oldest first and their comments oldest first, ties in insertion order', async () => {
      const { storage } = await withDocs();
      await open(storage, 'late', 300);
      await open(storage, 'b', 200);
      await open(storage, 'a', 200);
      await open(storage, 'elsewhere', 50, 'd2');
      await storage.addComment('d1', 'b', comment('r-x', 500, { authorId: BO.id }));
      await storage.addComment('d1', 'b', comment('r-y', 400));
      await storage.addComment('d1', 'b', comment('r-z', 400));
      const threads = await storage.listThreads('d1');
      expect(threads.map((t) => t.id)).toEqual(['b', 'a', 'late']);
      expect(threads[0]!.comments.map((c) => c.id)).toEqual(['b-c1', 'r-y', 'r-z', 'r-x']);
      expect(threads[0]!.comments[3]!.author).toEqual(BO);
      expect(threads[1]!.comments.map((c) => c.id)).toEqual(['a-c1']);
      expect((await storage.getThread('d1', 'b'))?.comments.map((c) => c.id)).toEqual(['b-c1', 'r-y', 'r-z', 'r-x']);
    });

    it('adds replies only to a thread under the given document', async () => {
      const { storage } = await withDocs();
      await open(storage, 't1', 100);
      const after = await storage.addComment('d1', 't1', comment('r1', 200, { authorId: BO.id, body: 'Because.' }));
      expect(after?.comments.map((c) => [c.id, c.author.id, c.body])).toEqual([
        ['t1-c1', ANA.id, 'Body of t1-c1'],
        ['r1', BO.id, 'Because.'],
      ]);
      expect(await storage.addComment('d2', 't1', comment('r2', 300))).toBeUndefined();
      expect(await storage.addComment('d1', 'nope', comment('r3', 300))).toBeUndefined();
      await expect(storage.addComment('d1', 't1', comment('r4', 300, { authorId: 'ghost' }))).rejects.toThrow();
      expect((await storage.getThread('d1', 't1'))?.comments.map((c) => c.id)).toEqual(['t1-c1', 'r1']);
    });

    it('edits a comment: body, mentions and editedAt change, its place does not', async () => {
      const { storage } = await withDocs();
      await open(storage, 't1', 100);
      await storage.addComment('d1', 't1', comment('r1', 200, { mentions: [BO.id] }));
      const edited = await storage.editComment('d1', 't1', 't1-c1', { body: 'Reworded', mentions: [BO.id, ANA.id], editedAt: 900 });
      expect(edited?.comments[0]).toEqual({
        id: 't1-c1',
        author: ANA,
        body: 'Reworded',
        mentions: [BO.id, ANA.id],
        createdAt: 100,
        editedAt: 900,
      });
      expect(edited?.comments[1]).toMatchObject({ id: 'r1', mentions: [BO.id], editedAt: null });
      const cleared = await storage.editComment('d1', 't1', 'r1', { body: 'No one', mentions: [], editedAt: 950 });
      expect(cleared?.comments[1]).toMatchObject({ body: 'No one', mentions: [], editedAt: 950 });
      expect((await storage.listThreads('d1'))[0]!.comments.map((c) => c.id)).toEqual(['t1-c1', 'r1']);
    });

    it('resolves with who and when, and reopens', async () => {
      const { storage } = await withDocs();
      await open(storage, 't1', 100);
      const resolved = await storage.setResolved('d1', 't1', { byId: BO.id, at: 700 });
      expect(resolved).toMatchObject({ resolved: true, resolvedBy: BO, resolvedAt: 700 });
      expect((await storage.listThreads('d1'))[0]).toMatchObject({ resolved: true, resolvedBy: BO, resolvedAt: 700 });
      const reopened = await storage.setResolved('d1', 't1', null);
      expect(reopened).toMatchObject({ resolved: false, resolvedBy: null, resolvedAt: null });
      expect(reopened?.comments).toHaveLength(1);
      await expect(storage.setResolved('d1', 't1', { byId: 'ghost', at: 800 })).rejects.toThrow();
      expect(await storage.getThread('d1', 't1')).toMatchObject({ resolved: false, resolvedBy: null });
    });

    it('deletes a reply alone, and the whole thread with its first comment', async () => {
      const { storage } = await withDocs();
      await open(storage, 't1', 100);
      await storage.addComment('d1', 't1', comment('r1', 200));
      await storage.addComment('d1', 't1', comment('r2', 300));
      expect(await storage.deleteComment('d1', 't1', 'r1')).toBe('comment');
      expect((await storage.getThread('d1', 't1'))?.comments.map((c) => c.id)).toEqual(['t1-c1', 'r2']);
      expect(await storage.deleteComment('d1', 't1', 'r1')).toBe('missing');

      expect(await storage.deleteComment('d1', 't1', 't1-c1')).toBe('thread');
      expect(await storage.getThread('d1', 't1')).toBeUndefined();
      expect(await storage.listThreads('d1')).toEqual([]);
      expect(await storage.deleteComment('d1', 't1', 'r2')).toBe('missing');
    });

    it('treats the oldest comment as the first, even when a reply was stamped at the same time', async () => {
      const { storage } = await withDocs();
      await open(storage, 't1', 100);
      await storage.addComment('d1', 't1', comment('same-time', 100));
      expect(await storage.deleteComment('d1', 't1', 'same-time')).toBe('comment');
      expect(await storage.getThread('d1', 't1')).toBeDefined();
    });

    it('never reaches a thread or comment through another document or thread', async () => {
      const { storage } = await withDocs();
      await open(storage, 't1', 100);
      await open(storage, 't2', 150);
      await storage.addComment('d1', 't1', comment('r1', 200));
      expect(await storage.getThread('d2', 't1')).toBeUndefined();
      expect(await storage.editComment('d2', 't1', 'r1', { body: 'x', mentions: [], editedAt: 1 })).toBeUndefined();
      // The comment exists, but under another thread.
      expect(await storage.editComment('d1', 't2', 'r1', { body: 'x', mentions: [], editedAt: 1 })).toBeUndefined();
      expect(await storage.setResolved('d2', 't1', { byId: ANA.id, at: 1 })).toBeUndefined();
      expect(await storage.deleteComment('d2', 't1', 'r1')).toBe('missing');
      expect(await storage.deleteComment('d2', 't1', 't1-c1')).toBe('missing');
      expect(await storage.deleteComment('d1', 't2', 'r1')).toBe('missing');
      expect(await storage.deleteComment('d1', 't2', 't1-c1')).toBe('missing');
      // Nothing changed.
      const t1 = await storage.getThread('d1', 't1');
      expect(t1?.resolved).toBe(false);
      expect(t1?.comments.map((c) => [c.id, c.body, c.editedAt])).toEqual([
        ['t1-c1', 'Body of t1-c1', null],
        ['r1', 'Body of r1', null],
      ]);
      expect(await storage.countThreads('d1')).toBe(2);
    });

    it('counts a document’s threads and drops them with their document', async () => {
      const { storage } = await withDocs();
      await open(storage, 't1', 100);
      await open(storage, 't2', 200);
      await open(storage, 'other', 300, 'd2');
      await storage.addComment('d1', 't1', comment('r1', 400));
      expect(await storage.countThreads('d1')).toBe(2);
      expect(await storage.countThreads('missing')).toBe(0);
      await storage.deleteDoc('d1');
      expect(await storage.countThreads('d1')).toBe(0);
      expect(await storage.listThreads('d1')).toEqual([]);
      // A new document under the same id starts without threads; the other document keeps its own.
      await storage.createDoc({ id: 'd1', title: 'Again', createdAt: 500, updatedAt: 500 }, ANA.id);
      expect(await storage.listThreads('d1')).toEqual([]);
      expect((await storage.listThreads('d2')).map((t) => t.id)).toEqual(['other']);
    });

    it('keeps threads, mentions as arrays, across a reopen', async () => {
      const harness = await withDocs();
      if (!harness.reopen) return;
      await harness.storage.createThread(
        { id: 't1', docId: 'd1', anchor: anchor('q'), createdAt: 100 },
        comment('c1', 100, { mentions: [BO.id, 'someone, "quoted"'] }),
      );
      await harness.storage.setResolved('d1', 't1', { byId: ANA.id, at: 200 });
      const reopened = await harness.reopen();
      const thread = await reopened.getThread('d1', 't1');
      expect(thread?.comments[0]?.mentions).toEqual([BO.id, 'someone, "quoted"']);
      expect(thread).toMatchObject({ resolved: true, resolvedBy: ANA, resolvedAt: 200 });
    });
  });
}
