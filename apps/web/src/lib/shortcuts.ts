// The keyboard shortcuts the shortcut sheet lists, by group, and how "?" opens it. Keys are
// written once with `Mod` (⌘ on Apple keyboards, Ctrl elsewhere) and spelled per platform.
// The editor's own bindings live with the editor (StarterKit, EditorToolbar, editor/* such as
// task-items.ts's Mod-Enter and code-block.ts's Alt-F10, TableMenu's Alt+F10): when one
// changes, change its line here too.

export type Key = 'Mod' | 'Alt' | 'Shift' | 'Enter' | 'Escape' | (string & {});

export interface Shortcut {
  /** What it does, as a person would say it. */
  action: string;
  /** The keys pressed together. */
  keys: readonly Key[];
  /** Where it works, when that is not obvious from its group. */
  where?: string;
}

export interface ShortcutGroup {
  title: string;
  shortcuts: readonly Shortcut[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Text formatting',
    shortcuts: [
      { action: 'Bold', keys: ['Mod', 'B'] },
      { action: 'Italic', keys: ['Mod', 'I'] },
      { action: 'Underline', keys: ['Mod', 'U'] },
      { action: 'Strikethrough', keys: ['Mod', 'Shift', 'S'] },
      { action: 'Inline code', keys: ['Mod', 'E'] },
      { action: 'Add or edit a link', keys: ['Mod', 'K'] },
    ],
  },
  {
    title: 'Blocks',
    shortcuts: [
      { action: 'Heading 1, 2, 3', keys: ['Mod', 'Alt', '1 – 3'] },
      { action: 'Bullet list', keys: ['Mod', 'Shift', '8'] },
      { action: 'Numbered list', keys: ['Mod', 'Shift', '7'] },
      { action: 'Task list', keys: ['Mod', 'Shift', '9'] },
      { action: 'Tick or untick a task', keys: ['Mod', 'Enter'], where: 'in a task list' },
      { action: 'Quote', keys: ['Mod', 'Shift', 'B'] },
      { action: 'Code block', keys: ['Mod', 'Alt', 'C'] },
      { action: 'Insert a block (slash menu)', keys: ['/'], where: 'at the start of a line' },
    ],
  },
  {
    title: 'Editor',
    shortcuts: [
      { action: 'Undo', keys: ['Mod', 'Z'] },
      { action: 'Redo', keys: ['Mod', 'Shift', 'Z'] },
      { action: 'Comment on the selection', keys: ['Mod', 'Alt', 'M'] },
      { action: 'Line break in a paragraph', keys: ['Shift', 'Enter'] },
      { action: 'Go to the table toolbar or the code language', keys: ['Alt', 'F10'], where: 'in a table or code block' },
    ],
  },
  {
    title: 'App',
    shortcuts: [
      { action: 'Search documents', keys: ['/'], where: 'outside the editor' },
      { action: 'Search documents', keys: ['Mod', 'K'], where: 'outside the editor' },
      { action: 'Show keyboard shortcuts', keys: ['?'], where: 'outside the editor' },
      { action: 'Close a dialog, menu or panel', keys: ['Escape'] },
    ],
  },
];

export const isApplePlatform = (platform: string): boolean => /mac|iphone|ipad/i.test(platform);

/** One key as printed on the platform's keyboards. */
export function keyLabel(key: Key, apple: boolean): string {
  switch (key) {
    case 'Mod':
      return apple ? '⌘' : 'Ctrl';
    case 'Alt':
      return apple ? '⌥' : 'Alt';
    case 'Shift':
      return apple ? '⇧' : 'Shift';
    case 'Enter':
      return apple ? '↩' : 'Enter';
    case 'Escape':
      return 'Esc';
    default:
      return key;
  }
}

/** The whole combination for screen readers and tooltips: "Ctrl+Shift+Z" or "⌘⇧Z". */
export function shortcutText(keys: readonly Key[], apple: boolean): string {
  return keys.map((key) => keyLabel(key, apple)).join(apple ? '' : '+');
}

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/** Typing goes here: a text field, a select, or editable content (the editor). */
function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** "?" while the person is not typing somewhere (then it is a question mark). */
export function isShortcutSheetKey(event: KeyLike): boolean {
  return event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target);
}

/** Dispatched on window by anything that opens the sheet (the account menu); ShortcutSheet listens. */
export const OPEN_SHORTCUTS_EVENT = 'inkwell:open-shortcuts';

export function openShortcutSheet(): void {
  window.dispatchEvent(new Event(OPEN_SHORTCUTS_EVENT));
}
