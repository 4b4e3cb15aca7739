import { describe, expect, it } from 'vitest';
import { foldWord, highlightParts, queryWords } from './search-highlight.ts';

describe('queryWords', () => {
  it('keeps runs of letters and digits, folded', () => {
    expect(queryWords('  Garden "PLAN" 2027-draft ')).toEqual(['garden', 'plan', '2027', 'draft']);
    expect(queryWords('*** :) ')).toEqual([]);
  });

  it('folds accents and case', () => {
    expect(foldWord('Café')).toBe('cafe');
    expect(foldWord('ÉCOLE')).toBe('ecole');
  });
});

describe('highlightParts', () => {
  it('marks whole words of the query, and words starting with the last one', () => {
    expect(highlightParts('The garden plan for spring', 'garden pla')).toEqual([
      { text: 'The ', match: false },
      { text: 'garden', match: true },
      { text: ' ', match: false },
      { text: 'plan', match: true },
      { text: ' for spring', match: false },
    ]);
  });

  it('does not treat earlier words as prefixes', () => {
    expect(highlightParts('gardens and garden', 'garden x')).toEqual([
      { text: 'gardens and ', match: false },
      { text: 'garden', match: true },
    ]);
  });

  it('ignores case and accents, keeping the text as written', () => {
    expect(highlightParts('Un Café au lait', 'cafe')).toEqual([
      { text: 'Un ', match: false },
      { text: 'Café', match: true },
      { text: ' au lait', match: false },
    ]);
  });

  it('keeps markup-looking text as plain text', () => {
    const parts = highlightParts('<img src=x onerror=alert(1)> alert', 'alert');
    expect(parts.map((part) => part.text).join('')).toBe('<img src=x onerror=alert(1)> alert');
    expect(parts.filter((part) => part.match).map((part) => part.text)).toEqual(['alert', 'alert']);
  });

  it('returns the text unmarked for a query with no words, and nothing for no text', () => {
    expect(highlightParts('Hello…', '?!')).toEqual([{ text: 'Hello…', match: false }]);
    expect(highlightParts('', 'hello')).toEqual([]);
  });
});
