import { describe, expect, it } from 'vitest';
import { CommentDrafts, replyDraftKey } from './comment-drafts.ts';

describe('CommentDrafts', () => {
  it('keeps text until it is cleared, and says whether any is unsent', () => {
    const drafts = new CommentDrafts();
    const key = replyDraftKey('t1');
    drafts.save(key, { body: 'Yes, @Ana', mentions: [{ id: 'u1', name: 'Ana' }] });
    expect(drafts.get(key)).toEqual({ body: 'Yes, @Ana', mentions: [{ id: 'u1', name: 'Ana' }] });
    expect(drafts.unsent.get()).toBe(true);
    drafts.clear(key);
    expect(drafts.has(key)).toBe(false);
    expect(drafts.unsent.get()).toBe(false);
  });

  it('keeps nothing for blank text, or for an edit still equal to the original', () => {
    const drafts = new CommentDrafts();
    drafts.save('new', { body: '  \n', mentions: [] });
    drafts.save('edit:c1', { body: 'As it was', mentions: [] }, 'As it was');
    expect(drafts.unsent.get()).toBe(false);
    drafts.save('edit:c1', { body: 'As it is now', mentions: [] }, 'As it was');
    expect(drafts.has('edit:c1')).toBe(true);
  });
});
