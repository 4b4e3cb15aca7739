import { describe, expect, it } from 'vitest';
import { diffBlocks } from './text-diff.ts';

describe('diffBlocks', () => {
  it('reports nothing but unchanged text for equal documents, one run', () => {
    expect(diffBlocks(['Title', 'Body'], ['Title', 'Body'])).toEqual([{ type: 'unchanged', text: 'Title\nBody\n' }]);
  });

  it('is empty between two empty documents, and all added from an empty one', () => {
    expect(diffBlocks([], [])).toEqual([]);
    expect(diffBlocks([], ['Hello', 'world'])).toEqual([{ type: 'added', text: 'Hello\nworld\n' }]);
    expect(diffBlocks(['Hello'], [])).toEqual([{ type: 'removed', text: 'Hello\n' }]);
  });

  it('compares a changed block word by word, keeping the spaces with the unchanged text', () => {
    expect(diffBlocks(['Intro', 'the quick brown fox', 'End'], ['Intro', 'the slow brown fox jumps', 'End'])).toEqual([
      { type: 'unchanged', text: 'Intro\nthe ' },
      { type: 'removed', text: 'quick' },
      { type: 'added', text: 'slow' },
      { type: 'unchanged', text: ' brown fox' },
      { type: 'added', text: ' jumps' },
      { type: 'unchanged', text: '\nEnd\n' },
    ]);
  });

  it('shows inserted and deleted blocks whole, aligned by their neighbours', () => {
    expect(diffBlocks(['a', 'b', 'c', 'd'], ['a', 'new', 'c', 'd', 'e'])).toEqual([
      { type: 'unchanged', text: 'a\n' },
      { type: 'removed', text: 'b\n' },
      { type: 'added', text: 'new\n' },
      { type: 'unchanged', text: 'c\nd\n' },
      { type: 'added', text: 'e\n' },
    ]);
    expect(diffBlocks(['one', 'two', 'three'], ['one', 'three'])).toEqual([
      { type: 'unchanged', text: 'one\n' },
      { type: 'removed', text: 'two\n' },
      { type: 'unchanged', text: 'three\n' },
    ]);
  });

  it('replaces a block that shares no word with its counterpart as a whole', () => {
    expect(diffBlocks(['Plan', 'alpha beta'], ['Plan', 'gamma delta'])).toEqual([
      { type: 'unchanged', text: 'Plan\n' },
      { type: 'removed', text: 'alpha beta\n' },
      { type: 'added', text: 'gamma delta\n' },
    ]);
  });

  it('pairs removed and added blocks in order and leaves the rest whole', () => {
    expect(diffBlocks(['x', 'red apple', 'y'], ['x', 'green apple', 'new block', 'y'])).toEqual([
      { type: 'unchanged', text: 'x\n' },
      { type: 'removed', text: 'red' },
      { type: 'added', text: 'green' },
      { type: 'unchanged', text: ' apple\n' },
      { type: 'added', text: 'new block\n' },
      { type: 'unchanged', text: 'y\n' },
    ]);
  });

  it('reads the older text back from removed + unchanged and the newer from added + unchanged', () => {
    const older = ['# Notes', 'we meet on monday at ten', '', 'bring the slides', 'done'];
    const newer = ['# Notes', 'we meet on tuesday at ten sharp', 'bring the printed slides', 'agenda', 'done'];
    const changes = diffBlocks(older, newer);
    const read = (skip: string) =>
      changes
        .filter((c) => c.type !== skip)
        .map((c) => c.text)
        .join('');
    expect(read('added')).toBe(older.map((b) => `${b}\n`).join(''));
    expect(read('removed')).toBe(newer.map((b) => `${b}\n`).join(''));
    // Adjacent runs never share a type.
    for (let i = 1; i < changes.length; i++) expect(changes[i]!.type).not.toBe(changes[i - 1]!.type);
  });
});
