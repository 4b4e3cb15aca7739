import { describe, expect, it } from 'vitest';
import { typingSentence } from './typing-peers.ts';

describe('typingSentence', () => {
  it('names one or two people and counts more', () => {
    expect(typingSentence([])).toBe('');
    expect(typingSentence(['Ana'])).toBe('Ana is typing…');
    expect(typingSentence(['Ana', 'Ben'])).toBe('Ana and Ben are typing…');
    expect(typingSentence(['Ana', 'Ben', 'Cy'])).toBe('3 people are typing…');
  });
});
