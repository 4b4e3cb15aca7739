// The SearchStore contract: full-text search over titles and text, limited to the caller's
// documents. Every implementation runs it (test/storage/sqlite-contracts.test.ts).
import { describe, expect, it } from 'vitest';
import type { AccountStore } from '../../src/storage/account-store.ts';
import type { DocumentStore } from '../../src/storage/document-store.ts';
import type { MemberStore } from '../../src/storage/member-store.ts';
import type { SearchStore } from '../../src/storage/search-store.ts';
import { type StoreSetup, user } from './store-harness.ts';

/** Search spans documents, members and accounts, so the suite makes those through the same backend. */
export type SearchSuiteStore = SearchStore &
  Pick<
    DocumentStore,
    'createDoc' | 'deleteDoc' | 'renameDoc' | 'appendUpdates' | 'trashDoc' | 'restoreDoc' | 'listDocEntries' | 'recordEdits'
  > &
  Pick<MemberStore, 'setMember' | 'removeMember'> &
  Pick<AccountStore, 'createUser'>;

/** Twenty-odd words that contain none of the words the tests search for. */
const FILLER = 'the quick brown fox jumps over the lazy dog while seven wise owls watch from a tall oak beside the river bank at dusk';

export function searchStoreContract(name: string, setup: StoreSetup<SearchSuiteStore>): void {
  describe(`${name}: SearchStore contract`, () => {
    async function world() {
      const harness = await setup();
      const { storage } = harness;
      await storage.createUser(user('ana'));
      await storage.createUser(user('ben'));
      const add = async (id: string, title: string, text: string, owner = 'ana') => {
        await storage.createDoc({ id, title, createdAt: 10, updatedAt: 10 }, owner);
        expect(await storage.indexDoc(id, title, text)).toBe(true);
      };
      return { ...harness, storage, add };
    }
    const ids = (hits: { docId: string }[]) => hits.map((h) => h.docId);

    it('finds documents whose title or text holds every word, for members only', async () => {
      const { storage, add } = await world();
      await add('d1', 'Garden plan', `${FILLER} tomatoes and basil`);
      await add('d2', 'Budget', `${FILLER} basil only`);
      await add('d3', 'Bens notes', 'tomatoes basil', 'ben');
      expect(ids(await storage.search('ana', 'tomatoes basil', 10))).toEqual(['d1']);
      expect(ids(await storage.search('ana', 'garden tomatoes', 10))).toEqual(['d1']);
      expect((await storage.search('ana', 'basil', 10)).map((h) => h.docId).sort()).toEqual(['d1', 'd2']);
      expect(ids(await storage.search('ben', 'tomatoes basil', 10))).toEqual(['d3']);
      expect(await storage.search('ana', 'tomatoes cucumber', 10)).toEqual([]);
      // Shared, then unshared: the membership is read by the query itself.
      await storage.setMember('d3', 'ana', 'viewer', 20);
      expect(ids(await storage.search('ana', 'tomatoes basil', 10)).sort()).toEqual(['d1', 'd3']);
      await storage.removeMember('d3', 'ana');
      expect(ids(await storage.search('ana', 'tomatoes basil', 10))).toEqual(['d1']);
      expect(await storage.search('nobody', 'basil', 10)).toEqual([]);
    });

    it('takes the last word as a prefix, and only the last', async () => {
      const { storage, add } = await world();
      await add('d1', 'Roadmap', 'planning the quarterly release');
      expect(ids(await storage.search('ana', 'quarterly plan', 10))).toEqual(['d1']);
      expect(ids(await storage.search('ana', 'plan quarterly', 10))).toEqual([]);
      expect(ids(await storage.search('ana', 'road', 10))).toEqual(['d1']);
    });

    it('folds case and accents', async () => {
      const { storage, add } = await world();
      await add('d1', 'Café', 'Résumé of the NAÏVE approach');
      expect(ids(await storage.search('ana', 'cafe resume naive', 10))).toEqual(['d1']);
      expect(ids(await storage.search('ana', 'CAFÉ', 10))).toEqual(['d1']);
    });

    it('ranks a title match above matches in the text, and honours the limit', async () => {
      const { storage, add } = await world();
      await add('body1', 'Notes', `${FILLER} lantern lantern lantern ${FILLER}`);
      await add('title', 'Lantern', FILLER);
      await add('body2', 'More notes', `lantern ${FILLER}`);
      const hits = await storage.search('ana', 'lantern', 10);
      expect(hits[0]?.docId).toBe('title');
      expect(hits.map((h) => h.docId).sort()).toEqual(['body1', 'body2', 'title']);
      expect(await storage.search('ana', 'lantern', 2)).toHaveLength(2);
    });

    it('returns the title, updatedAt and a plain-text snippet around the match', async () => {
      const { storage, add } = await world();
      const text = `${FILLER}\n${FILLER} the hidden treasure lies here\n${FILLER}`;
      await add('d1', 'Map', text);
      const [hit] = await storage.search('ana', 'treasure', 10);
      expect(hit).toMatchObject({ docId: 'd1', title: 'Map', updatedAt: 10 });
      expect(hit?.snippet).toContain('hidden treasure lies');
      expect(hit?.snippet.startsWith('…')).toBe(true);
      expect(hit?.snippet.endsWith('…')).toBe(true);
      expect(hit?.snippet).not.toMatch(/[\n<>[\]]/);
      const words = hit!.snippet.replaceAll('…', ' ').trim().split(/\s+/);
      expect(words.length).toBeGreaterThanOrEqual(10);
      expect(words.length).toBeLessThanOrEqual(20);
    });

    it('gives each hit the snippet of its own text', async () => {
      const { storage, add } = await world();
      await add('d1', 'One', 'alpha apples grow here');
      await add('d2', 'Two', 'beta apples fall there');
      await add('d3', 'Three', 'gamma apples rot everywhere');
      const hits = await storage.search('ana', 'apples', 10);
      expect(hits).toHaveLength(3);
      for (const hit of hits) {
        const own = { d1: 'alpha', d2: 'beta', d3: 'gamma' }[hit.docId as 'd1' | 'd2' | 'd3'];
        expect(hit.snippet, hit.docId).toContain(own);
      }
    });

    it('replaces a document entry, and forgets it with removeDoc or with the document', async () => {
      const { storage, add } = await world();
      await add('d1', 'Plan', 'apples');
      await storage.indexDoc('d1', 'Plan', 'pears');
      expect(await storage.search('ana', 'apples', 10)).toEqual([]);
      expect(ids(await storage.search('ana', 'pears', 10))).toEqual(['d1']);
      await storage.removeDoc('d1');
      expect(await storage.search('ana', 'pears', 10)).toEqual([]);
      await add('d2', 'Other', 'pears');
      await storage.deleteDoc('d2');
      expect(await storage.search('ana', 'pears', 10)).toEqual([]);
      expect(await storage.indexDoc('gone', 'Gone', 'pears')).toBe(false);
    });

    it('hides a document in the trash, and shows it again once restored', async () => {
      const { storage, add } = await world();
      await add('d1', 'Plan', 'apples');
      await storage.trashDoc('d1', 'ana', 20);
      expect(await storage.search('ana', 'apples', 10)).toEqual([]);
      await storage.restoreDoc('d1');
      expect(ids(await storage.search('ana', 'apples', 10))).toEqual(['d1']);
    });

    it('treats search syntax typed by a person as words, never as syntax', async () => {
      const { storage, add } = await world();
      await add('d1', 'Plan', 'alpha beta gamma NEAR title body');
      const hostile = [
        '"',
        '""',
        'alpha"',
        '(alpha',
        'alpha OR zzz',
        'alpha NOT beta',
        'NEAR(alpha beta)',
        'title:alpha',
        '{title}: alpha',
        '^alpha',
        'alpha*',
        '*',
        '-alpha',
        'alpha + beta',
        '🙂',
        '\u0000alpha',
        'alpha\uD800',
        '\uDC00',
        '\u0301',
        'AND',
        ':',
      ];
      for (const q of hostile) await expect(storage.search('ana', q, 10)).resolves.toBeInstanceOf(Array);
      // OR and NOT are words like any other: the document does not hold "or" or "zzz".
      expect(await storage.search('ana', 'alpha OR zzz', 10)).toEqual([]);
      expect(ids(await storage.search('ana', 'NEAR(alpha beta)', 10))).toEqual(['d1']);
      expect(ids(await storage.search('ana', 'title:alpha', 10))).toEqual(['d1']);
      expect(await storage.search('ana', '🙂', 10)).toEqual([]);
    });

    it("lists a member's documents with owner, last editor and the start of the indexed text", async () => {
      const { storage, add } = await world();
      const long = `${'word '.repeat(100)}end`;
      await add('d1', 'Plan', long);
      await storage.createDoc({ id: 'd2', title: 'Unindexed', createdAt: 20, updatedAt: 20 }, 'ben');
      await storage.setMember('d1', 'ben', 'editor', 30);
      // The later entry for d1 is older than the first: ignored. An edit of a gone document too.
      await storage.recordEdits([
        { docId: 'd1', userId: 'ben', at: 50 },
        { docId: 'd1', userId: 'ana', at: 40 },
        { docId: 'gone', userId: 'ana', at: 60 },
      ]);
      const entries = await storage.listDocEntries('ben');
      expect(entries.map((e) => e.id)).toEqual(['d2', 'd1']);
      expect(entries[1]).toMatchObject({
        id: 'd1',
        title: 'Plan',
        role: 'editor',
        owner: { id: 'ana', name: 'User ana', color: '#336699' },
        lastEditor: { id: 'ben', name: 'User ben', color: '#336699' },
        editedAt: 50,
      });
      expect(entries[1]?.textStart).toBe(long.slice(0, entries[1]!.textStart.length));
      expect(entries[1]?.textStart.length).toBeGreaterThanOrEqual(200);
      expect(entries[1]?.textStart.length).toBeLessThan(long.length);
      expect(entries[0]).toMatchObject({ id: 'd2', role: 'owner', lastEditor: null, editedAt: null, textStart: '' });
      await storage.recordEdits([{ docId: 'd1', userId: 'ana', at: 70 }]);
      expect((await storage.listDocEntries('ana'))[0]).toMatchObject({ id: 'd1', lastEditor: { id: 'ana' }, editedAt: 70 });
    });

    it('lists documents with no entry or a stale one, in id order after a cursor', async () => {
      const { storage, add } = await world();
      await add('a', 'A', 'x');
      await add('b', 'B', 'x');
      await storage.createDoc({ id: 'c', title: 'C', createdAt: 10, updatedAt: 10 }, 'ana');
      expect(await storage.listUnindexedDocs('', 10)).toEqual(['c']);
      await storage.appendUpdates('a', [new Uint8Array([0, 0])], 30);
      await storage.renameDoc('b', 'B2', 40);
      expect(await storage.listUnindexedDocs('', 10)).toEqual(['a', 'b', 'c']);
      expect(await storage.listUnindexedDocs('a', 1)).toEqual(['b']);
      await storage.indexDoc('a', 'A', 'x');
      expect(await storage.listUnindexedDocs('', 10)).toEqual(['b', 'c']);
      await storage.trashDoc('c', 'ana', 50);
      expect(await storage.listUnindexedDocs('', 10)).toEqual(['b']);
    });
  });
}
