import { describe, expect, it } from 'vitest';
import { findMentionQuery, insertMention, mentionedIds, splitMentions } from './comment-mentions.ts';

describe('findMentionQuery', () => {
  it('finds the "@…" being typed before the caret', () => {
    expect(findMentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(findMentionQuery('Ask @An', 7)).toEqual({ start: 4, query: 'An' });
    expect(findMentionQuery('Ask (@Be', 8)).toEqual({ start: 5, query: 'Be' });
  });

  it('ignores an e-mail address, a finished word and text after the caret', () => {
    expect(findMentionQuery('ana@example.test', 16)).toBeNull();
    expect(findMentionQuery('@Ana done', 9)).toBeNull();
    expect(findMentionQuery('Ask @An', 3)).toBeNull();
  });
});

describe('insertMention', () => {
  it('replaces the query with "@Name " and moves the caret after it', () => {
    const text = 'Ask @an about it';
    expect(insertMention(text, 7, { start: 4, query: 'an' }, 'Ana Lima')).toEqual({ text: 'Ask @Ana Lima about it', caret: 14 });
    expect(insertMention('@b', 2, { start: 0, query: 'b' }, 'Ben')).toEqual({ text: '@Ben ', caret: 5 });
  });
});

describe('mentionedIds', () => {
  const chosen = [
    { id: 'u-ana', name: 'Ana Lima' },
    { id: 'u-ben', name: 'Ben' },
    { id: 'u-ana', name: 'Ana Lima' },
  ];

  it('keeps the people whose "@Name" is still in the body, once each', () => {
    expect(mentionedIds('@Ana Lima and @Ben, see this', chosen)).toEqual(['u-ana', 'u-ben']);
  });

  it('drops a person whose mention was deleted or changed into another word', () => {
    expect(mentionedIds('@Ana Lima, @Benedict', chosen)).toEqual(['u-ana']);
    expect(mentionedIds('nobody here', chosen)).toEqual([]);
  });
});

describe('splitMentions', () => {
  it('cuts the body into text and the mentions of known names, longest name first', () => {
    expect(splitMentions('Hi @Ana Lima and @Ana!', ['Ana', 'Ana Lima'])).toEqual([
      { text: 'Hi ', mention: false },
      { text: '@Ana Lima', mention: true },
      { text: ' and ', mention: false },
      { text: '@Ana', mention: true },
      { text: '!', mention: false },
    ]);
  });

  it('leaves everything else literal, markup included', () => {
    expect(splitMentions('<b>@Zoe</b>\nnext line', ['Ana'])).toEqual([{ text: '<b>@Zoe</b>\nnext line', mention: false }]);
    expect(splitMentions('plain', [])).toEqual([{ text: 'plain', mention: false }]);
  });
});
