import type { DiffChange } from '@inkwell/protocol';
import { describe, expect, it } from 'vitest';
import { collapseDiff, countChangedWords, splitBlocks } from './diff-view.ts';

const words = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`).join(' ');

describe('splitBlocks', () => {
  it('cuts runs into blocks at each newline', () => {
    const changes: DiffChange[] = [
      { type: 'unchanged', text: 'Title\nThe ' },
      { type: 'removed', text: 'old' },
      { type: 'added', text: 'new' },
      { type: 'unchanged', text: ' plan\n' },
      { type: 'added', text: 'Extra\n' },
    ];
    expect(splitBlocks(changes)).toEqual([
      [{ type: 'unchanged', text: 'Title' }],
      [
        { type: 'unchanged', text: 'The ' },
        { type: 'removed', text: 'old' },
        { type: 'added', text: 'new' },
        { type: 'unchanged', text: ' plan' },
      ],
      [{ type: 'added', text: 'Extra' }],
    ]);
  });

  it('keeps empty blocks', () => {
    expect(splitBlocks([{ type: 'unchanged', text: 'a\n\nb\n' }])).toEqual([
      [{ type: 'unchanged', text: 'a' }],
      [],
      [{ type: 'unchanged', text: 'b' }],
    ]);
  });
});

describe('collapseDiff', () => {
  it('is empty when nothing changed', () => {
    expect(collapseDiff([{ type: 'unchanged', text: 'same\ntext\n' }])).toEqual([]);
  });

  it('folds unchanged blocks far from a change into one gap', () => {
    const text = ['p1', 'p2', 'p3', 'p4'].map((p) => `${p}\n`).join('');
    const lines = collapseDiff([
      { type: 'unchanged', text },
      { type: 'added', text: 'new\n' },
      { type: 'unchanged', text: 'after\nfar1\nfar2\n' },
    ]);
    expect(lines).toEqual([
      { kind: 'gap', blocks: 3 },
      { kind: 'block', changed: false, pieces: [{ type: 'unchanged', text: 'p4' }] },
      { kind: 'block', changed: true, pieces: [{ type: 'added', text: 'new' }] },
      { kind: 'block', changed: false, pieces: [{ type: 'unchanged', text: 'after' }] },
      { kind: 'gap', blocks: 2 },
    ]);
  });

  it('shortens long unchanged runs inside a changed block around the change', () => {
    const lines = collapseDiff([
      { type: 'unchanged', text: `${words('a', 30)} ` },
      { type: 'removed', text: 'old' },
      { type: 'added', text: 'new' },
      { type: 'unchanged', text: ` ${words('b', 30)}\n` },
    ]);
    expect(lines).toEqual([
      {
        kind: 'block',
        changed: true,
        pieces: [
          { type: 'ellipsis' },
          { type: 'unchanged', text: `${words('a', 30).split(' ').slice(-10).join(' ')} ` },
          { type: 'removed', text: 'old' },
          { type: 'added', text: 'new' },
          { type: 'unchanged', text: ` ${words('b', 10)}` },
          { type: 'ellipsis' },
        ],
      },
    ]);
  });

  it('keeps short unchanged runs whole', () => {
    const lines = collapseDiff([
      { type: 'unchanged', text: 'The ' },
      { type: 'added', text: 'big ' },
      { type: 'unchanged', text: 'plan\n' },
    ]);
    expect(lines).toEqual([
      {
        kind: 'block',
        changed: true,
        pieces: [
          { type: 'unchanged', text: 'The ' },
          { type: 'added', text: 'big ' },
          { type: 'unchanged', text: 'plan' },
        ],
      },
    ]);
  });

  it('shortens a long context block towards the change', () => {
    const [before] = collapseDiff([
      { type: 'unchanged', text: `${words('w', 40)}\n` },
      { type: 'added', text: 'new\n' },
    ]);
    expect(before).toEqual({
      kind: 'block',
      changed: false,
      pieces: [{ type: 'ellipsis' }, { type: 'unchanged', text: words('w', 40).split(' ').slice(-10).join(' ') }],
    });
  });
});

describe('countChangedWords', () => {
  it('counts the words of added and removed runs', () => {
    expect(
      countChangedWords([
        { type: 'unchanged', text: 'a b ' },
        { type: 'removed', text: 'c d' },
        { type: 'added', text: 'e\n' },
      ]),
    ).toEqual({ added: 1, removed: 2 });
  });
});
