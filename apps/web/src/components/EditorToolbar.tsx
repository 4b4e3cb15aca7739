import type { ChainedCommands, Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { Fragment, type KeyboardEvent, type ReactNode, type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { insertDefaultTable } from '../editor/slash-items.ts';
import { useUndoState } from '../hooks/use-undo-state.ts';
import '../styles/toolbar.css';
import { LinkPopover } from './LinkPopover.tsx';

/** What an item that opens something (rather than running a command) may open. */
interface ToolbarActions {
  openLink: () => void;
}

interface ToolbarItem {
  /** The button's accessible name, and the first words of its tooltip. */
  label: string;
  glyph: ReactNode;
  /** Keys after the platform's Mod key, shown in the tooltip. */
  shortcut?: string;
  /** Omitted for one-shot actions (horizontal rule), which get no aria-pressed. */
  isActive?: (editor: Editor) => boolean;
  /** A command on the selection; or `open` for items that open a popover or a picker. */
  run?: (chain: ChainedCommands) => ChainedCommands;
  open?: (actions: ToolbarActions) => void;
}

interface ToolbarGroup {
  /** Stable React key for the group. */
  name: string;
  items: ToolbarItem[];
}

// A ticked box over an empty one; a table with its header row (editor/slash-items.ts inserts it).
const TASK_LIST_ICON = 'M2.5 2.5h4v4h-4zM3.4 4.6l.9.9 1.5-1.9M9 4.5h5M2.5 9.5h4v4h-4zM9 11.5h5';
const TABLE_ICON = 'M2.5 2.5h11v11h-11zM2.5 6h11M2.5 9.75h11M6.25 6v7.5M9.75 6v7.5';
// A framed picture: a hill and the sun.
const IMAGE_ICON = 'M2.5 3h11v10h-11zM2.5 11l3.5-3.5 3 3 1.5-1.5 3 3M10.25 6.25h.01';
const LINK_ICON = 'M6.5 9.5a3 3 0 0 0 4.2 0l2.3-2.3a3 3 0 0 0-4.2-4.2l-.9.9M9.5 6.5a3 3 0 0 0-4.2 0L3 8.8A3 3 0 0 0 7.2 13l.9-.9';

const GROUPS: ToolbarGroup[] = [
  {
    name: 'marks',
    items: [
      { label: 'Bold', glyph: 'B', shortcut: 'B', isActive: (e) => e.isActive('bold'), run: (c) => c.toggleBold() },
      { label: 'Italic', glyph: 'I', shortcut: 'I', isActive: (e) => e.isActive('italic'), run: (c) => c.toggleItalic() },
      {
        label: 'Underline',
        glyph: 'U',
        shortcut: 'U',
        isActive: (e) => e.isActive('underline'),
        run: (c) => c.toggleUnderline(),
      },
      { label: 'Strike', glyph: 'S', shortcut: 'Shift+S', isActive: (e) => e.isActive('strike'), run: (c) => c.toggleStrike() },
      { label: 'Code', glyph: '</>', shortcut: 'E', isActive: (e) => e.isActive('code'), run: (c) => c.toggleCode() },
      { label: 'Link', glyph: <Icon path={LINK_ICON} />, shortcut: 'K', isActive: (e) => e.isActive('link'), open: (a) => a.openLink() },
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
      {
        label: 'Task list',
        glyph: <Icon path={TASK_LIST_ICON} />,
        shortcut: 'Shift+9',
        isActive: (e) => e.isActive('taskList'),
        run: (c) => c.toggleTaskList(),
      },
      { label: 'Blockquote', glyph: '❝', shortcut: 'Shift+B', isActive: (e) => e.isActive('blockquote'), run: (c) => c.toggleBlockquote() },
      { label: 'Code block', glyph: '{ }', shortcut: 'Alt+C', isActive: (e) => e.isActive('codeBlock'), run: (c) => c.toggleCodeBlock() },
      { label: 'Table', glyph: <Icon path={TABLE_ICON} />, run: insertDefaultTable },
      // Opens the file picker; the chosen images upload into the selection (editor/image-upload.ts).
      { label: 'Image', glyph: <Icon path={IMAGE_ICON} />, run: (c) => c.pickImages() },
      { label: 'Horizontal rule', glyph: '—', run: (c) => c.setHorizontalRule() },
    ],
  },
];

const ITEMS = GROUPS.flatMap((group) => group.items);
const MOD = /Mac|iPhone|iPad/.test(globalThis.navigator?.userAgent ?? '') ? '⌘' : 'Ctrl+';

/** "Shift+8" as aria-keyshortcuts spells it on both kinds of keyboard. */
const ariaKeys = (shortcut: string) => `Control+${shortcut} Meta+${shortcut}`;
const className = (label: string) => `toolbar__button toolbar__button--${label.toLowerCase().replace(/\s+/g, '-')}`;

// Arrow keys move between buttons, as the ARIA toolbar pattern expects; Tab still works too.
export function handleArrowKeys(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index === -1) return;
  const step = event.key === 'ArrowRight' ? 1 : -1;
  const next = buttons[(index + step + buttons.length) % buttons.length];
  next?.focus();
  // On a phone the row scrolls: keep the focused button in sight.
  next?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  event.preventDefault();
}

interface EditorToolbarProps {
  editor: Editor;
  disabled: boolean;
  /** After the formatting buttons (the Comment button). */
  extra?: ReactNode;
}

/**
 * One row of formatting buttons, sticky under the document bar. Every button has its name
 * (aria-label) and a tooltip with the shortcut; on a narrow screen the row scrolls sideways
 * instead of wrapping. It owns the link popover, which Ctrl/Cmd+K in the editor opens too.
 */
export function EditorToolbar({ editor, disabled, extra }: EditorToolbarProps) {
  // useEditor does not re-render on every transaction (Tiptap 3 default), so the pressed
  // states come from a selector that re-renders only when one of them flips.
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ITEMS.map((item) => item.isActive?.(current) ?? false),
    equalityFn: (a, b) => b !== null && a.length === b.length && a.every((value, i) => value === b[i]),
  });

  const [linkOpen, setLinkOpen] = useState(false);
  const openLink = useCallback(() => setLinkOpen(true), []);
  const closeLink = useCallback(
    (refocus: boolean) => {
      setLinkOpen(false);
      if (refocus) editor.commands.focus();
    },
    [editor],
  );
  // Ctrl/Cmd+K in the editor (editor/link-shortcut.ts) opens the same popover.
  useEffect(() => {
    const storage = editor.storage.linkShortcut;
    if (!storage) return;
    storage.open = disabled ? null : openLink;
    return () => {
      storage.open = null;
    };
  }, [editor, disabled, openLink]);
  // A document that turns read-only (access revoked) closes it.
  if (disabled && linkOpen) setLinkOpen(false);

  const actions: ToolbarActions = { openLink };

  const rowRef = useRef<HTMLDivElement>(null);
  useScrollEdges(rowRef);

  let index = 0;
  return (
    <div ref={rowRef} className="toolbar" role="toolbar" aria-label="Formatting" onKeyDown={handleArrowKeys}>
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
                className={className(item.label)}
                aria-label={item.label}
                aria-pressed={item.isActive ? pressed : undefined}
                aria-keyshortcuts={item.shortcut ? ariaKeys(item.shortcut) : undefined}
                aria-haspopup={item.open ? 'dialog' : undefined}
                title={item.shortcut ? `${item.label} (${MOD}${item.shortcut})` : item.label}
                disabled={disabled}
                // Keep the editor's selection: a mousedown on the button would blur it first.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => {
                  if (item.open) item.open(actions);
                  else item.run?.(editor.chain().focus()).run();
                }}
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
      {linkOpen && <LinkPopover editor={editor} onClose={closeLink} />}
    </div>
  );
}

/**
 * Marks the row with `data-more-start` / `data-more-end` while buttons are hidden past that
 * edge (a narrow screen scrolls it), so the CSS can fade the edge and show there is more.
 * Set on the element directly: scrolling re-renders nothing.
 */
function useScrollEdges(ref: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const row = ref.current;
    if (!row) return;
    const update = () => {
      const end = row.scrollWidth - row.clientWidth;
      row.toggleAttribute('data-more-start', row.scrollLeft > 1);
      row.toggleAttribute('data-more-end', row.scrollLeft < end - 1);
    };
    update();
    row.addEventListener('scroll', update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(row);
    return () => {
      row.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, [ref]);
}

function Icon({ path }: { path: string }) {
  return (
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
      focusable="false"
    >
      <path d={path} />
    </svg>
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
      className={className(button.label)}
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
      <Icon path={button.icon} />
    </button>
  ));
}
