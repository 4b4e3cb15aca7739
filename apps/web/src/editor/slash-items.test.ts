import type { ChainedCommands } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { filterSlashItems, registerSlashItem, type SlashItem, slashItems } from './slash-items.ts';

const titles = (query: string) => filterSlashItems(slashItems, query).map((item) => item.title);

describe('filterSlashItems', () => {
  it('lists every block, in the menu order, before anything is typed', () => {
    expect(titles('')).toEqual([
      'Text',
      'Heading 1',
      'Heading 2',
      'Heading 3',
      'Bullet list',
      'Numbered list',
      'Task list',
      'Quote',
      'Code block',
      'Table',
      'Divider',
    ]);
    expect(titles('   ')).toHaveLength(slashItems.length);
  });

  it('matches the start of a name, ignoring case', () => {
    expect(titles('hea')).toEqual(['Heading 1', 'Heading 2', 'Heading 3']);
    expect(titles('TAB')).toEqual(['Table']);
    expect(titles('Heading 2')).toEqual(['Heading 2']);
  });

  it('ignores spaces and dashes, so a name typed without them still matches', () => {
    expect(titles('heading2')).toEqual(['Heading 2']);
    expect(titles('bulletl')).toEqual(['Bullet list']);
    expect(titles('todo')).toEqual(['Task list']);
    expect(titles('to-do')).toEqual(['Task list']);
  });

  it('matches aliases: h1, ul, hr, todo, blockquote', () => {
    expect(titles('h1')).toEqual(['Heading 1']);
    expect(titles('ul')).toEqual(['Bullet list']);
    expect(titles('hr')).toEqual(['Divider']);
    expect(titles('blockq')).toEqual(['Quote']);
    expect(titles('checkbox')).toEqual(['Task list']);
  });

  it('ranks a name prefix over an alias prefix over a word inside the name over a substring', () => {
    // "list": no name starts with it, three names have it as a word; "checklist" only contains it.
    expect(titles('list')).toEqual(['Bullet list', 'Numbered list', 'Task list']);
    // "code": the name "Code block" first; nothing else has it.
    expect(titles('code')[0]).toBe('Code block');
    // "t": names starting with T (Text, Task list, Table) before aliases starting with t ("title").
    expect(titles('t').slice(0, 3)).toEqual(['Text', 'Task list', 'Table']);
    expect(titles('t')).toContain('Heading 1');
    // A substring anywhere in a name: "mber" is inside "Numbered list".
    expect(titles('mber')).toEqual(['Numbered list']);
  });

  it('folds accents, and returns nothing for a query nothing matches', () => {
    expect(titles('tâble')).toEqual(['Table']);
    expect(titles('xyz')).toEqual([]);
    expect(titles('usr/bin')).toEqual([]);
  });
});

describe('registerSlashItem', () => {
  const image: SlashItem = {
    id: 'test-image',
    title: 'Image',
    description: 'Upload a picture',
    aliases: ['picture', 'photo'],
    icon: 'img',
    run: (chain: ChainedCommands) => chain,
  };

  afterEach(() => {
    const index = slashItems.findIndex((item) => item.id === image.id);
    if (index !== -1) slashItems.splice(index, 1);
  });

  it('adds an item after the one named, once, and the filter finds it', () => {
    registerSlashItem(image, 'table');
    registerSlashItem(image, 'table');
    const ids = slashItems.map((item) => item.id);
    expect(ids.filter((id) => id === image.id)).toHaveLength(1);
    expect(ids.indexOf(image.id)).toBe(ids.indexOf('table') + 1);
    expect(titles('photo')).toEqual(['Image']);
  });

  it('adds at the end without an anchor, or with one that is not there', () => {
    registerSlashItem(image, 'no-such-item');
    expect(slashItems.at(-1)?.id).toBe(image.id);
  });
});
