import type { Member } from '@inkwell/protocol';
import { describe, expect, it, vi } from 'vitest';
import { filterMentionCandidates, MAX_MENTION_CANDIDATES, MentionSource } from './mention-source.ts';

function member(id: string, name: string, email: string, role: Member['role'] = 'editor'): Member {
  return { user: { id, name, email, color: '#2f6feb' }, role };
}

const members = [
  member('me', 'Ana Lima', 'ana@example.test', 'owner'),
  member('u1', 'Joan Anders', 'joan@example.test'),
  member('u2', 'Andrés Ñúñez', 'andres@example.test', 'viewer'),
  member('u3', 'Ben Okafor', 'bokafor@example.test'),
  member('u4', 'Zoe Kim', 'zk@anywhere.test'),
];

const ids = (query: string) => filterMentionCandidates(members, query, 'me').map((c) => c.id);

describe('filterMentionCandidates', () => {
  it('offers every other member for an empty query, alphabetically, never the person typing', () => {
    expect(ids('')).toEqual(['u2', 'u3', 'u1', 'u4']);
  });

  it('puts names starting with the query before names with a later word starting with it', () => {
    expect(ids('an')).toEqual(['u2', 'u1']);
  });

  it('ignores case and accents, and matches surnames and e-mails', () => {
    expect(ids('NUN')).toEqual(['u2']);
    expect(ids('okaf')).toEqual(['u3']);
    expect(ids('bok')).toEqual(['u3']);
    expect(ids('zk@')).toEqual(['u4']);
  });

  it('finds nobody for a query nobody matches, and not oneself', () => {
    expect(ids('xyz')).toEqual([]);
    expect(ids('lima')).toEqual([]);
  });

  it('returns the id and label the mention node stores', () => {
    expect(filterMentionCandidates(members, 'ben', 'me')).toEqual([
      { id: 'u3', label: 'Ben Okafor', email: 'bokafor@example.test', color: '#2f6feb' },
    ]);
  });

  it(`caps the list at ${MAX_MENTION_CANDIDATES}`, () => {
    const many = Array.from({ length: 20 }, (_, i) => member(`m${i}`, `Member ${i}`, `m${i}@example.test`));
    expect(filterMentionCandidates(many, 'mem', 'me')).toHaveLength(MAX_MENTION_CANDIDATES);
  });
});

describe('MentionSource', () => {
  it('remembers a failed load (the picker says so) and clears it on the next success', async () => {
    const load = vi.fn<() => Promise<Member[]>>().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(members);
    const source = new MentionSource(load, 'me');
    expect(await source.search('')).toEqual([]);
    expect(source.error).toBeInstanceOf(Error);
    expect((await source.search('ben')).map((c) => c.id)).toEqual(['u3']);
    expect(source.error).toBeNull();
    expect(source.others).toBe(4);
  });

  it('knows when nobody else is in the document', async () => {
    const source = new MentionSource(async () => [members[0]!], 'me');
    expect(await source.search('')).toEqual([]);
    expect(source.others).toBe(0);
  });
});
