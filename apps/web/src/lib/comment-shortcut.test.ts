import { describe, expect, it } from 'vitest';
import { isCommentShortcut } from './comment-shortcut.ts';

const keys = { code: 'KeyM', altKey: true, ctrlKey: true, metaKey: false, shiftKey: false };

describe('the comment shortcut', () => {
  it('is Ctrl+Alt+M by the key’s position, whatever character it types', () => {
    expect(isCommentShortcut(keys)).toBe(true);
    expect(isCommentShortcut({ ...keys, altKey: false })).toBe(false);
    expect(isCommentShortcut({ ...keys, shiftKey: true })).toBe(false);
    expect(isCommentShortcut({ ...keys, code: 'KeyN' })).toBe(false);
  });
});
