import { describe, expect, it } from 'vitest';
import { readPresence, samePresence } from './presence.ts';

const ana = { id: 'u-ana', name: 'Ana', color: '#087f5b' };
const ben = { id: 'u-ben', name: 'Ben', color: '#c2255c' };

describe('readPresence', () => {
  it('lists each person once, the local one first and marked', () => {
    const states = new Map<number, Record<string, unknown>>([
      [3, { user: { id: 'u-zoe', name: 'Zoe', color: '#087f5b' } }],
      [1, { user: ben }],
      [2, { user: { id: 'u-me', name: 'Me', color: '#1864ab' }, cursor: null }],
    ]);
    expect(readPresence(states, 2)).toEqual([
      { key: 'u-me', name: 'Me', color: '#1864ab', isLocal: true, tabs: 1 },
      { key: 'u-ben', name: 'Ben', color: '#c2255c', isLocal: false, tabs: 1 },
      { key: 'u-zoe', name: 'Zoe', color: '#087f5b', isLocal: false, tabs: 1 },
    ]);
  });

  it('merges the tabs of one account into one entry that counts them', () => {
    const states = new Map<number, Record<string, unknown>>([
      [10, { user: ben }],
      [11, { user: ben }],
      [12, { user: ben }],
      [20, { user: ana }],
    ]);
    expect(readPresence(states, 20)).toEqual([
      { key: 'u-ana', name: 'Ana', color: '#087f5b', isLocal: true, tabs: 1 },
      { key: 'u-ben', name: 'Ben', color: '#c2255c', isLocal: false, tabs: 3 },
    ]);
  });

  it('marks a person as you when any of their tabs is this one', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: ana }],
      [2, { user: ana }],
    ]);
    expect(readPresence(states, 2)).toEqual([{ key: 'u-ana', name: 'Ana', color: '#087f5b', isLocal: true, tabs: 2 }]);
  });

  it('keeps states without an account id apart, and skips invalid users', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, {}],
      [2, { user: { name: '', color: '#087f5b' } }],
      [3, { user: { name: 'Eve', color: 'red' } }],
      [4, { user: { name: 'Stock client', color: '#087f5b' } }],
    ]);
    expect(readPresence(states, 9)).toEqual([{ key: 'client:4', name: 'Stock client', color: '#087f5b', isLocal: false, tabs: 1 }]);
  });
});

describe('samePresence', () => {
  it('compares entries by value', () => {
    const entry = { key: 'u-a', name: 'A', color: '#087f5b', isLocal: true, tabs: 1 };
    expect(samePresence([entry], [{ ...entry }])).toBe(true);
    expect(samePresence([entry], [{ ...entry, name: 'B' }])).toBe(false);
    expect(samePresence([entry], [{ ...entry, tabs: 2 }])).toBe(false);
    expect(samePresence([entry], [])).toBe(false);
  });
});
