import { describe, expect, it } from 'vitest';
import { foldWord, snippet, tsqueryText, tsvectorText } from './pg-search-text.ts';

describe('PostgreSQL search text', () => {
  it('folds case, accents and compatibility forms', () => {
    expect(foldWord('Café')).toBe('cafe');
    expect(foldWord('NAÏVE')).toBe('naive');
    expect(foldWord('ﬁne')).toBe('fine');
    // Decomposed input folds the same as composed.
    expect(foldWord('Cafe\u0301')).toBe('cafe');
  });

  it('weights title words A and text words D, positions counted across both', () => {
    expect(tsvectorText('Garden plan', 'plan the garden')).toBe("'garden':1A,5D 'plan':2A,3D 'the':4D");
  });

  it('queries every word, the last as a prefix, and never passes punctuation on', () => {
    expect(tsqueryText('Quarterly PLAN')).toBe("'quarterly' & 'plan':*");
    expect(tsqueryText("it's (a) NOT | b:*")).toBe("'it' & 's' & 'a' & 'not' & 'b':*");
    expect(tsqueryText('🙂 "')).toBeUndefined();
  });

  it('keeps a huge text within what a tsvector holds', () => {
    // 300,000 distinct words: far past the 1 MB a tsvector may take if all were kept.
    const body = Array.from({ length: 300_000 }, (_, i) => `w${i.toString(36)}x`).join(' ');
    const vector = tsvectorText('Title', body);
    expect(Buffer.byteLength(vector)).toBeLessThan(4 * 1024 * 1024);
    expect(vector.startsWith("'title':1A 'w0x':2D")).toBe(true);
    // A word repeated past 256 times keeps 256 positions, the last ones all 16383.
    const repeated = tsvectorText('', 'echo '.repeat(20_000));
    expect(repeated.split(',')).toHaveLength(256);
  });

  it('cuts a snippet around the best match with an ellipsis where it cut', () => {
    const filler = 'one two three four five six seven eight nine ten eleven twelve';
    const text = `${filler}\n${filler} the hidden Trésor lies here\n${filler}`;
    const cut = snippet(text, 'tresor');
    expect(cut).toContain('the hidden Trésor lies here');
    expect(cut.startsWith('…')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toContain('\n');
    expect(cut.replaceAll('…', ' ').trim().split(/\s+/)).toHaveLength(16);
    // No match in the text (a title hit): its start.
    expect(snippet('short text here', 'absent')).toBe('short text here');
    expect(snippet('', 'anything')).toBe('');
  });
});
