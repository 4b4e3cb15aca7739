import { describe, expect, it } from 'vitest';
import { ftsMatchExpression, MAX_QUERY_WORDS, queryWords } from './fts-query.ts';

describe('ftsMatchExpression', () => {
  it('quotes each word and makes only the last one a prefix', () => {
    expect(ftsMatchExpression('garden plan')).toBe('"garden" "plan"*');
    expect(ftsMatchExpression('  Café ')).toBe('"Café"*');
  });

  it('keeps no FTS5 syntax a person typed', () => {
    expect(ftsMatchExpression('title:"a" OR (b* NEAR c) ^d -e')).toBe('"title" "a" "OR" "b" "NEAR" "c" "d" "e"*');
    expect(ftsMatchExpression('"\u0000\uD800*()')).toBeUndefined();
  });

  it('keeps combining marks with their letter, not as words of their own', () => {
    expect(queryWords('cafe\u0301 \u0301')).toEqual(['cafe\u0301']);
  });

  it('caps the number of words', () => {
    expect(queryWords('w '.repeat(40))).toHaveLength(MAX_QUERY_WORDS);
  });
});
