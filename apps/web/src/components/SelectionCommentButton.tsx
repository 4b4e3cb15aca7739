import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'react';
import { COMMENT_SHORTCUT_LABEL } from '../lib/comment-shortcut.ts';

interface Place {
  left: number;
  top: number;
}

/** Where the browser's selection is, when it is a non-empty one inside the editor. */
function selectionRect(editor: Editor): DOMRect | null {
  const selection = editor.view.dom.ownerDocument.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const { anchorNode, focusNode } = selection;
  if (!anchorNode || !focusNode || !editor.view.dom.contains(anchorNode) || !editor.view.dom.contains(focusNode)) return null;
  const rects = selection.getRangeAt(0).getClientRects();
  return rects[0] ?? null;
}

const BUTTON_WIDTH = 112;

/**
 * "Comment" floating just above a selection in the text. Re-measured (once per frame) on
 * selection changes, editor transactions, scrolling and resizing. The mousedown is kept
 * from the button so the selection it acts on stays.
 */
export function SelectionCommentButton({ editor, hidden, onComment }: { editor: Editor; hidden: boolean; onComment: () => void }) {
  const layerRef = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<Place | null>(null);

  useEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      const layer = layerRef.current;
      const rect = editor.isDestroyed ? null : selectionRect(editor);
      if (!layer || !rect) {
        setPlace(null);
        return;
      }
      const origin = layer.getBoundingClientRect();
      const left = Math.max(0, Math.min(Math.round(rect.left - origin.left), Math.round(origin.width - BUTTON_WIDTH)));
      const top = Math.round(rect.top - origin.top - 40);
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
          <span aria-hidden="true" className="selection-comment__icon">
            💬
          </span>
          Comment
        </button>
      )}
    </div>
  );
}
