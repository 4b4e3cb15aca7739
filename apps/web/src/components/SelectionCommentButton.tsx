import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'react';
import { COMMENT_SHORTCUT_LABEL } from '../lib/comment-shortcut.ts';

interface Place {
  left: number;
  top: number;
}

/** Where the browser's selection is (its first and last line), when it is a non-empty one inside the editor. */
function selectionRects(editor: Editor): { first: DOMRect; last: DOMRect } | null {
  const selection = editor.view.dom.ownerDocument.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const { anchorNode, focusNode } = selection;
  if (!anchorNode || !focusNode || !editor.view.dom.contains(anchorNode) || !editor.view.dom.contains(focusNode)) return null;
  const rects = [...selection.getRangeAt(0).getClientRects()].filter((rect) => rect.width > 0 || rect.height > 0);
  const first = rects[0];
  const last = rects.at(-1);
  return first && last ? { first, last } : null;
}

/** The lowest edge of what sticks to the top of the window over the text (header, toolbar). */
function stickyBottom(layer: HTMLElement): number {
  const chrome = [layer.ownerDocument.querySelector('.app-header'), layer.closest('.editor')?.querySelector('.toolbar')];
  return Math.max(0, ...chrome.map((element) => element?.getBoundingClientRect().bottom ?? 0));
}

const BUTTON_WIDTH = 112;
const BUTTON_HEIGHT = 32;
const GAP = 8;
/** Below a touch selection, clear of the handle that hangs under its end. */
const TOUCH_GAP = 30;

/**
 * "Comment" floating over a selection in the text: just above its first line, or below its
 * last line where above would go under the sticky header or toolbar. On touch screens always
 * below, since the system's own menu (Copy, Paste) opens above a selection. Re-measured (once
 * per frame) on selection changes, editor transactions, scrolling and resizing. The mousedown
 * is kept from the button so the selection it acts on stays.
 */
export function SelectionCommentButton({ editor, hidden, onComment }: { editor: Editor; hidden: boolean; onComment: () => void }) {
  const layerRef = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<Place | null>(null);

  useEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      const layer = layerRef.current;
      const rects = editor.isDestroyed ? null : selectionRects(editor);
      if (!layer || !rects) {
        setPlace(null);
        return;
      }
      const origin = layer.getBoundingClientRect();
      const touch = window.matchMedia('(pointer: coarse)').matches;
      const above = rects.first.top - GAP - BUTTON_HEIGHT;
      const below = !touch && above >= stickyBottom(layer) ? null : rects.last.bottom + (touch ? TOUCH_GAP : GAP);
      const x = below === null ? rects.first.left : rects.last.right - BUTTON_WIDTH / 2;
      const left = Math.max(0, Math.min(Math.round(x - origin.left), Math.round(origin.width - BUTTON_WIDTH)));
      const top = Math.round((below ?? above) - origin.top);
      setPlace((previous) => (previous && previous.left === left && previous.top === top ? previous : { left, top }));
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    };
    const doc = editor.view.dom.ownerDocument;
    doc.addEventListener('selectionchange', schedule);
    editor.on('transaction', schedule);
    window.addEventListener('resize', schedule);
    window.addEventListener('scroll', schedule, { passive: true });
    return () => {
      doc.removeEventListener('selectionchange', schedule);
      editor.off('transaction', schedule);
      window.removeEventListener('resize', schedule);
      window.removeEventListener('scroll', schedule);
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [editor]);

  return (
    <div ref={layerRef} className="selection-comment">
      {place && !hidden && (
        <button
          type="button"
          className="selection-comment__button"
          style={{ left: place.left, top: place.top }}
          title={`Comment (${COMMENT_SHORTCUT_LABEL})`}
          aria-keyshortcuts="Control+Alt+M Meta+Alt+M"
          data-testid="selection-comment"
          onMouseDown={(event) => event.preventDefault()}
          onClick={onComment}
        >
          {/* Drawn, not an emoji: not every system has an emoji font. */}
          <svg aria-hidden="true" className="selection-comment__icon" viewBox="0 0 16 16" width="14" height="14">
            <path
              d="M3 2.5h10A1.5 1.5 0 0 1 14.5 4v6a1.5 1.5 0 0 1-1.5 1.5H7.2L4.4 13.8a.5.5 0 0 1-.9-.4v-1.9H3A1.5 1.5 0 0 1 1.5 10V4A1.5 1.5 0 0 1 3 2.5Z"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.5"
              strokeLinejoin="round"
            />
          </svg>
          Comment
        </button>
      )}
    </div>
  );
}
