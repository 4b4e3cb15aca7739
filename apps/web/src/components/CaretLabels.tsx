import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState } from 'react';
import { CARET_CLASS } from '../editor/render-caret.ts';

interface CaretLabel {
  key: string;
  name: string;
  color: string;
  left: number;
  top: number;
}

function sameLabels(a: readonly CaretLabel[], b: readonly CaretLabel[]): boolean {
  return (
    a.length === b.length &&
    a.every((label, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        label.name === other.name &&
        label.color === other.color &&
        label.left === other.left &&
        label.top === other.top
      );
    })
  );
}

/**
 * Name tags for remote carets, drawn over the editor (see editor/render-caret.ts for why
 * they are not inside it). Positions are re-measured after every editor transaction —
 * remote edits and awareness changes both arrive as transactions — and on resize.
 */
export function CaretLabels({ editor }: { editor: Editor }) {
  const layerRef = useRef<HTMLDivElement>(null);
  const [labels, setLabels] = useState<CaretLabel[]>([]);

  useEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      const layer = layerRef.current;
      if (!layer || editor.isDestroyed) return;
      const origin = layer.getBoundingClientRect();
      const carets = editor.view.dom.querySelectorAll<HTMLElement>(`.${CARET_CLASS}`);
      const next = Array.from(carets, (caret, index): CaretLabel => {
        const rect = caret.getBoundingClientRect();
        return {
          key: `${index}:${caret.dataset['name'] ?? ''}`,
          name: caret.dataset['name'] ?? '',
          color: caret.dataset['color'] ?? 'transparent',
          left: Math.round(rect.left - origin.left),
          top: Math.round(rect.top - origin.top),
        };
      });
      setLabels((previous) => (sameLabels(previous, next) ? previous : next));
    };
    // Batch the many transactions of fast typing into one measurement per frame.
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    };

    editor.on('transaction', schedule);
    window.addEventListener('resize', schedule);
    const resizeObserver = new ResizeObserver(schedule);
    resizeObserver.observe(editor.view.dom);
    schedule();
    return () => {
      editor.off('transaction', schedule);
      window.removeEventListener('resize', schedule);
      resizeObserver.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [editor]);

  return (
    <div ref={layerRef} className="caret-labels" aria-hidden="true">
      {labels.map((label) => (
        <div
          key={label.key}
          className="collaboration-carets__label"
          style={{ left: label.left, top: label.top, backgroundColor: label.color }}
        >
          {label.name}
        </div>
      ))}
    </div>
  );
}
