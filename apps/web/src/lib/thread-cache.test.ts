import type { Comment, Thread } from '@inkwell/protocol';
import { describe, expect, it } from 'vitest';
import { applyThreadPush, removeComment, upsertComment, upsertThread } from './thread-cache.ts';

const ana = { id: 'u-ana', name: 'Ana', color: '#2f6feb' };
const T0 = '2026-12-01T10:00:00.000Z';

function comment(id: string, body = id): Comment {
  return { id, author: ana, body, mentions: [], createdAt: T0, editedAt: null };
}

function thread(id: string, comments: Comment[] = [comment(`${id}-c1`)], resolved = false): Thread {
  return {
    id,
    anchor: { start: 'AAAA', end: 'BBBB', quote: 'text' },
    resolved,
    resolvedBy: resolved ? ana : null,
    resolvedAt: resolved ? T0 : null,
    createdAt: T0,
    comments,
  };
}

describe('thread pushes in the cache', () => {
  it('adds a new thread at the end and replaces a known one in place', () => {
    const list = [thread('a'), thread('b')];
    expect(applyThreadPush(list, thread('c'))?.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    const resolved = thread('a', undefined, true);
    const next = applyThreadPush(list, resolved);
    expect(next?.[0]).toBe(resolved);
    expect(next?.map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('removes a deleted thread, and ignores one it never had', () => {
    const list = [thread('a'), thread('b')];
    expect(applyThreadPush(list, { id: 'a', deleted: true })?.map((t) => t.id)).toEqual(['b']);
    expect(applyThreadPush(list, { id: 'zz', deleted: true })?.map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('leaves a list that has not loaded alone (the load will bring the thread)', () => {
    expect(applyThreadPush(undefined, thread('a'))).toBeUndefined();
    expect(upsertThread(undefined, thread('a'))).toBeUndefined();
  });
});

describe('answers to our own calls', () => {
  it('adds a reply, and replaces an edited comment', () => {
    const list = [thread('a')];
    const withReply = upsertComment(list, 'a', comment('r1'));
    expect(withReply?.[0]?.comments.map((c) => c.id)).toEqual(['a-c1', 'r1']);
    const edited = upsertComment(withReply, 'a', { ...comment('r1', 'better'), editedAt: T0 });
    expect(edited?.[0]?.comments.map((c) => c.body)).toEqual(['a-c1', 'better']);
  });

  it('removes a reply, and the whole thread with its first comment', () => {
    const list = [thread('a', [comment('c1'), comment('c2')]), thread('b')];
    expect(removeComment(list, 'a', 'c2')?.[0]?.comments.map((c) => c.id)).toEqual(['c1']);
    expect(removeComment(list, 'a', 'c1')?.map((t) => t.id)).toEqual(['b']);
  });
});
