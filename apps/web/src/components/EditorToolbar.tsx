import type { ChainedCommands, Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { Fragment, type KeyboardEvent, type ReactNode } from 'react';
import { useUndoState } from '../hooks/use-undo-state.ts';

interface ToolbarItem {
  label: string;
  glyph: string;
  /** Keys after the platform's Mod key, shown in the tooltip. */
  shortcut?: string;
  /** Omitted for one-shot actions (horizontal rule), which get no aria-pressed. */
  isActive?: (editor: Editor) => boolean;
  run: (chain: ChainedCommands) => ChainedCommands;
}

interface ToolbarGroup {
  /** Stable React key for the group. */
  name: string;
  items: ToolbarItem[];
}

const GROUPS: ToolbarGroup[] = [
  {
    name: 'marks',
    items: [
      { label: 'Bold', glyph: 'B', shortcut: 'B', isActive: (e) => e.isActive('bold'), run: (c) => c.toggleBold() },
      { label: 'Italic', glyph: 'I', shortcut: 'I', isActive: (e) => e.isActive('italic'), run: (c) => c.toggleItalic() },
      { label: 'Strike', glyph: 'S', shortcut: 'Shift+S', isActive: (e) => e.isActive('strike'), run: (c) => c.toggleStrike() },
      { label: 'Code', glyph: '</>', shortcut: 'E', isActive: (e) => e.isActive('code'), run: (c) => c.toggleCode() },
    ],
  },
  {
    name: 'headings',
    items: ([1, 2, 3] as const).map((level) => ({
      label: `Heading ${level}`,
      glyph: `H${level}`,
      shortcut: `Alt+${level}`,
      isActive: (e: Editor) => e.isActive('heading', { level }),
      run: (c: ChainedCommands) => c.toggleHeading({ level }),
    })),
  },
  {
    name: 'blocks',
    items: [
      {
        label: 'Bullet list',
        glyph: '•',
        shortcut: 'Shift+8',
        isActive: (e) => e.isActive('bulletList'),
        run: (c) => c.toggleBulletList(),
      },
      {
        label: 'Ordered list',
        glyph: '1.',
        shortcut: 'Shift+7',
        isActive: (e) => e.isActive('orderedList'),
        run: (c) => c.toggleOrderedList(),
      },
      { label: 'Blockquote', glyph: '❝', shortcut: 'Shift+B', isActive: (e) => e.isActive('blockquote'), run: (c) => c.toggleBlockquote() },
      { label: 'Code block', glyph: '{ }', shortcut: 'Alt+C', isActive: (e) => e.isActive('codeBlock'), run: (c) => c.toggleCodeBlock() },
      { label: 'Horizontal rule', glyph: '—', run: (c) => c.setHorizontalRule() },
    ],
  },
];

const ITEMS = GROUPS.flatMap((group) => group.items);
const MOD = /Mac|iPhone|iPad/.test(globalThis.navigator?.userAgent ?? '') ? '⌘' : 'Ctrl+';

// Arrow keys move between buttons, as the ARIA toolbar pattern expects; Tab still works too.
export function handleArrowKeys(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index === -1) return;
  const step = event.key === 'ArrowRight' ? 1 : -1;
  buttons[(index + step + buttons.length) % buttons.length]?.focus();
  event.preventDefault();
}

interface EditorToolbarProps {
  editor: Editor;
  disabled: boolean;
  /** After the formatting buttons (the Comment button). */
  extra?: ReactNode;
}

export function EditorToolbar({ editor, disabled, extra }: EditorToolbarProps) {
  // useEditor does not re-render on every transaction (Tiptap 3 default), so the pressed
  // states come from a selector that re-renders only when one of them flips.
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ITEMS.map((item) => item.isActive?.(current) ?? false),
    equalityFn: (a, b) => b !== null && a.length === b.length && a.every((value, i) => value === b[i]),
  });

  let index = 0;
  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting" onKeyDown={handleArrowKeys}>
      <HistoryButtons editor={editor} disabled={disabled} />
      {GROUPS.map((group) => (
        <Fragment key={group.name}>
          <span className="toolbar__divider" aria-hidden="true" />
          {group.items.map((item) => {
            const pressed = active[index++] ?? false;
            return (
              <button
                key={item.label}
                type="button"
                className={`toolbar__button toolbar__button--${item.label.toLowerCase().replace(/\s+/g, '-')}`}
                aria-label={item.label}
                aria-pressed={item.isActive ? pressed : undefined}
                title={item.shortcut ? `${item.label} (${MOD}${item.shortcut})` : item.label}
                disabled={disabled}
                // Keep the editor's selection: a mousedown on the button would blur it first.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => item.run(editor.chain().focus()).run()}
              >
                {item.glyph}
              </button>
            );
          })}
        </Fragment>
      ))}
      {extra && (
        <>
          <span className="toolbar__divider" aria-hidden="true" />
          {extra}
        </>
      )}
    </div>
  );
}

// Curved arrows drawn as paths: the ↶ ↷ characters render thin and small in most UI fonts.
const UNDO_ICON = 'M6 3 3 6l3 3M3 6h6.5a3.5 3.5 0 0 1 0 7H7';
const REDO_ICON = 'M10 3l3 3-3 3M13 6H6.5a3.5 3.5 0 0 0 0 7H9';

// Undo and redo are Yjs's (Collaboration): only this person's own edits, one step per word,
// Enter or pause (editor/undo-steps.ts). Disabled while there is nothing to undo or redo.
function HistoryButtons({ editor, disabled }: { editor: Editor; disabled: boolean }) {
  const { canUndo, canRedo } = useUndoState(editor);
  const buttons = [
    { label: 'Undo', icon: UNDO_ICON, shortcut: 'Z', keys: 'Control+Z Meta+Z', enabled: canUndo, run: () => editor.commands.undo() },
    {
      label: 'Redo',
      icon: REDO_ICON,
      shortcut: 'Shift+Z',
      keys: 'Control+Shift+Z Meta+Shift+Z',
      enabled: canRedo,
      run: () => editor.commands.redo(),
    },
  ];
  return buttons.map((button) => (
    <button
      key={button.label}
      type="button"
      className={`toolbar__button toolbar__button--${button.label.toLowerCase()}`}
      aria-label={button.label}
      aria-keyshortcuts={button.keys}
      title={`${button.label} (${MOD}${button.shortcut})`}
      disabled={disabled || !button.enabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        button.run();
        editor.commands.focus();
      }}
    >
      <svg
        viewBox="0 0 16 16"
        width="16"
        height="16"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
      >
        <path d={button.icon} />
      </svg>
    </button>
  ));
}
