import { describe, expect, it } from 'vitest';
import { peopleText } from './version-labels.ts';

const people = (...names: string[]) => names.map((name) => ({ name }));

describe('peopleText', () => {
  it('names up to three people', () => {
    expect(peopleText([])).toBe('');
    expect(peopleText(people('Ana'))).toBe('Ana');
    expect(peopleText(people('Ana', 'Ben'))).toBe('Ana and Ben');
    expect(peopleText(people('Ana', 'Ben', 'Chloé'))).toBe('Ana, Ben and Chloé');
  });

  it('counts the rest', () => {
    expect(peopleText(people('Ana', 'Ben', 'Chloé', 'Dev', 'Eli'))).toBe('Ana, Ben and 3 others');
  });
});
