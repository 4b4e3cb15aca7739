import { describe, expect, it } from 'vitest';
import { isShortcutSheetKey, keyLabel, SHORTCUT_GROUPS, shortcutText } from './shortcuts.ts';

const key = (k: string, target: EventTarget | null = null, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...mods,
});

describe('shortcut labels', () => {
  it('spells Mod, Alt and Shift per platform', () => {
    expect(shortcutText(['Mod', 'Shift', 'Z'], true)).toBe('⌘⇧Z');
    expect(shortcutText(['Mod', 'Shift', 'Z'], false)).toBe('Ctrl+Shift+Z');
    expect(shortcutText(['Mod', 'Alt', 'M'], true)).toBe('⌘⌥M');
    expect(keyLabel('Escape', true)).toBe('Esc');
    expect(shortcutText(['Mod', 'Enter'], true)).toBe('⌘↩');
    expect(shortcutText(['Mod', 'Enter'], false)).toBe('Ctrl+Enter');
    expect(shortcutText(['Alt', 'F10'], false)).toBe('Alt+F10');
  });

  it('lists the four groups, with the shortcuts added in issue 15 and the editor keys it had missed', () => {
    expect(SHORTCUT_GROUPS.map((g) => g.title)).toEqual(['Text formatting', 'Blocks', 'Editor', 'App']);
    const all = SHORTCUT_GROUPS.flatMap((g) => g.shortcuts.map((s) => `${s.action}: ${s.keys.join('+')}`));
    for (const expected of [
      'Underline: Mod+U',
      'Add or edit a link: Mod+K',
      'Undo: Mod+Z',
      'Redo: Mod+Shift+Z',
      'Comment on the selection: Mod+Alt+M',
      'Tick or untick a task: Mod+Enter',
      'Go to the table toolbar or the code language: Alt+F10',
    ]) {
      expect(all).toContain(expected);
    }
  });
});

describe('isShortcutSheetKey', () => {
  it('takes "?" outside text fields, without Ctrl, Cmd or Alt', () => {
    expect(isShortcutSheetKey(key('?'))).toBe(true);
    expect(isShortcutSheetKey(key('?', null, { ctrlKey: true }))).toBe(false);
    expect(isShortcutSheetKey(key('/'))).toBe(false);
  });
});
