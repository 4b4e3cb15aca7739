import { describe, expect, it } from 'vitest';
import { readPresence, samePresence } from './presence.ts';

describe('readPresence', () => {
  it('lists valid users, the local one first and marked', () => {
    const states = new Map<number, Record<string, unknown>>([
      [3, { user: { name: 'Zoe', color: '#087f5b' } }],
      [1, { user: { name: 'Bob', color: '#c2255c' } }],
      [2, { user: { name: 'Me', color: '#1864ab' }, cursor: null }],
    ]);
    expect(readPresence(states, 2)).toEqual([
      { clientId: 2, name: 'Me', color: '#1864ab', isLocal: true },
      { clientId: 1, name: 'Bob', color: '#c2255c', isLocal: false },
      { clientId: 3, name: 'Zoe', color: '#087f5b', isLocal: false },
    ]);
  });

  it('skips states without a valid user', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, {}],
      [2, { user: { name: '', color: '#087f5b' } }],
      [3, { user: { name: 'Eve', color: 'red' } }],
    ]);
    expect(readPresence(states, 9)).toEqual([]);
  });
});

describe('samePresence', () => {
  it('compares entries by value', () => {
    const entry = { clientId: 1, name: 'A', color: '#087f5b', isLocal: true };
    expect(samePresence([entry], [{ ...entry }])).toBe(true);
    expect(samePresence([entry], [{ ...entry, name: 'B' }])).toBe(false);
    expect(samePresence([entry], [])).toBe(false);
  });
});
