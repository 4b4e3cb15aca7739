import { describe, expect, it } from 'vitest';
import { isSearchShortcut, searchShortcutLabel } from './search-shortcut.ts';

const key = (key: string, extra: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  target: null,
  ...extra,
});

describe('isSearchShortcut', () => {
  it('takes Ctrl+K and Cmd+K', () => {
    expect(isSearchShortcut(key('k', { ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(key('K', { metaKey: true }))).toBe(true);
    expect(isSearchShortcut(key('k', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSearchShortcut(key('k'))).toBe(false);
  });

  it('takes a plain slash outside text fields', () => {
    expect(isSearchShortcut(key('/'))).toBe(true);
    expect(isSearchShortcut(key('/', { ctrlKey: true }))).toBe(false);
  });
});

describe('searchShortcutLabel', () => {
  it('names the Command key on Apple devices', () => {
    expect(searchShortcutLabel('MacIntel')).toBe('⌘K');
    expect(searchShortcutLabel('Linux x86_64')).toBe('Ctrl K');
  });
});
