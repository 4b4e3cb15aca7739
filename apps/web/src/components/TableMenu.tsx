import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { Fragment, type KeyboardEvent, useEffect, useLayoutEffect, useRef } from 'react';
import { TABLE_ACTION_GROUPS, tablePosAround } from '../editor/table-actions.ts';
import '../styles/table-menu.css';
import { handleArrowKeys } from './EditorToolbar.tsx';

const ACTIONS = TABLE_ACTION_GROUPS.flatMap((group) => group.actions);
/** Between the menu and the table's top edge. */
const GAP_PX = 6;

interface TableState {
  pos: number;
  enabled: boolean[];
  pressed: boolean[];
}

function sameState(a: TableState | null, b: TableState | null): boolean {
  if (a === null || b === null) return a === b;
  return a.pos === b.pos && a.enabled.every((value, i) => value === b.enabled[i]) && a.pressed.every((value, i) => value === b.pressed[i]);
}

/**
 * Row, column and header actions, floating just above the table that holds the caret (see
 * `place` for where it goes when there is no room above). Alt+F10 in the editor moves
 * the focus here, the arrow keys move between the buttons, and Escape goes back to the text.
 */
export function TableMenu({ editor }: { editor: Editor }) {
  const menuRef = useRef<HTMLDivElement>(null);
  const state = useEditorState({
    editor,
    selector: ({ editor: current }): TableState | null => {
      const pos = current.isEditable ? tablePosAround(current) : null;
      if (pos === null) return null;
      return {
        pos,
        enabled: ACTIONS.map((action) => action.run(current.can().chain()).run()),
        pressed: ACTIONS.map((action) => action.isActive?.(current) ?? false),
      };
    },
    equalityFn: sameState,
  });
  const tablePos = state?.pos ?? null;

  // Placed by hand after every change of the document or of the window: text typed above the
  // table (here or by someone else) moves it, and re-rendering React for that would be waste.
  useLayoutEffect(() => {
    const menu = menuRef.current;
    if (tablePos === null || !menu) return;
    const place = () => {
      const pos = tablePosAround(editor);
      const wrapper = pos === null ? null : editor.view.nodeDOM(pos);
      const surface = menu.offsetParent;
      if (!(wrapper instanceof HTMLElement) || !surface) return;
      const table = wrapper.getBoundingClientRect();
      const frame = surface.getBoundingClientRect();
      const height = menu.offsetHeight;
      // In window coordinates. Nothing may sit higher than just under the sticky formatting
      // toolbar (the surface's sibling), which would cover it. Without room above the table
      // (it starts the document, or its top is scrolled away) the menu goes under the table if
      // the table's end is in sight, else it stays pinned under the toolbar while the rows pass.
      const stickyBottom = surface.parentElement?.querySelector('.toolbar')?.getBoundingClientRect().bottom ?? 0;
      const limit = stickyBottom + GAP_PX;
      const above = table.top - height - GAP_PX;
      let top = above;
      if (above < limit) {
        const below = table.bottom + GAP_PX;
        top = below + height <= window.innerHeight ? below : Math.min(limit, table.bottom - height - GAP_PX);
      }
      menu.style.top = `${top - frame.top}px`;
      menu.style.left = `${Math.max(0, table.left - frame.left)}px`;
    };
    place();
    editor.on('transaction', place);
    const resizes = new ResizeObserver(place);
    resizes.observe(editor.view.dom);
    // Capture: the page may scroll in an element rather than the window.
    window.addEventListener('scroll', place, { capture: true, passive: true });
    return () => {
      window.removeEventListener('scroll', place, { capture: true });
      editor.off('transaction', place);
      resizes.disconnect();
    };
  }, [editor, tablePos]);

  // Alt+F10 reaches the menu from the text, as in word processors' contextual toolbars.
  useEffect(() => {
    if (tablePos === null) return;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'F10' || !event.altKey) return;
      event.preventDefault();
      menuRef.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    };
    const dom = editor.view.dom;
    dom.addEventListener('keydown', onKeyDown);
    return () => dom.removeEventListener('keydown', onKeyDown);
  }, [editor, tablePos]);

  if (state === null) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      editor.commands.focus();
      return;
    }
    handleArrowKeys(event);
  };

  let index = 0;
  return (
    <div
      ref={menuRef}
      className="table-menu"
      role="toolbar"
      aria-label="Table"
      aria-keyshortcuts="Alt+F10"
      data-testid="table-menu"
      onKeyDown={onKeyDown}
    >
      {TABLE_ACTION_GROUPS.map((group, groupIndex) => (
        <Fragment key={group.name}>
          {groupIndex > 0 && <span className="toolbar__divider" aria-hidden="true" />}
          {group.actions.map((action) => {
            const at = index++;
            return (
              <button
                key={action.label}
                type="button"
                className={`toolbar__button table-menu__button${action.danger ? ' table-menu__button--danger' : ''}`}
                aria-label={action.label}
                aria-pressed={action.isActive ? state.pressed[at] : undefined}
                title={action.label}
                disabled={!state.enabled[at]}
                // Keeps the caret in its cell: a mousedown on the button would blur the editor.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => action.run(editor.chain().focus()).run()}
              >
                <svg
                  viewBox="0 0 16 16"
                  width="16"
                  height="16"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.3"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                  aria-hidden="true"
                >
                  <path d={action.icon} />
                </svg>
              </button>
            );
          })}
        </Fragment>
      ))}
    </div>
  );
}
