import type { Editor } from '@tiptap/core';
import { type CSSProperties, useEffect, useRef, useState } from 'react';
import { CARET_CLASS, caretIdentity, readableTextOn } from '../editor/render-caret.ts';

/** A label fades out once its person's caret has not moved for this long. */
const IDLE_MS = 3000;
/**
 * How long a label outlives its caret. The server relays a person's awareness (the caret)
 * at once but their text only after it is stored, so for a moment the caret points at text
 * this tab has not received yet: the cursor plugin then draws no caret until the text
 * arrives. Without this grace the label was unmounted and remounted on every keystroke of
 * the other person: that was the flicker.
 */
const GRACE_MS = 500;
/** How close (px) the pointer must come to a caret for its faded label to come back. */
const HOVER_SLOP_PX = 6;

interface CaretLabel {
  key: string;
  identity: string;
  name: string;
  color: string;
  left: number;
  top: number;
  height: number;
  /** When its person last moved the caret (or when it appeared). */
  movedAt: number;
  /** Set while the caret is gone from the text (see GRACE_MS). */
  missingSince: number | null;
}

interface AwarenessLike {
  getStates(): Map<number, Record<string, unknown>>;
  on(event: 'change', listener: (change: { added: number[]; updated: number[]; removed: number[] }) => void): void;
  off(event: 'change', listener: (change: { added: number[]; updated: number[]; removed: number[] }) => void): void;
}

/** The awareness the caret extension draws from, to tell a person's own moves from mapping. */
function awarenessOf(editor: Editor): AwarenessLike | null {
  const caret = editor.extensionManager.extensions.find((extension) => extension.name === 'collaborationCaret');
  const provider = (caret?.options as { provider?: { awareness?: AwarenessLike } } | undefined)?.provider;
  return provider?.awareness ?? null;
}

/**
 * Name tags for remote carets, drawn over the editor (see editor/render-caret.ts for why
 * they are not inside it). Positions are re-measured after every editor transaction —
 * remote edits and awareness changes both arrive as transactions — and on resize, batched
 * into one measurement per frame; a label is one long-lived element per caret whose
 * position is updated in place.
 *
 * A label fades after IDLE_MS without its person moving (awareness changes from them, not
 * the caret being pushed along by someone else's typing) and comes back when they move or
 * when the pointer comes near their caret.
 */
export function CaretLabels({ editor }: { editor: Editor }) {
  const layerRef = useRef<HTMLDivElement>(null);
  const [labels, setLabels] = useState<CaretLabel[]>([]);
  const [hovered, setHovered] = useState<string | null>(null);
  const [now, setNow] = useState(() => performance.now());
  const labelsRef = useRef(labels);
  labelsRef.current = labels;

  useEffect(() => {
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // People whose awareness changed since the last measurement: their carets count as moved.
    const woken = new Set<string>();

    const measure = () => {
      frame = 0;
      const layer = layerRef.current;
      if (!layer || editor.isDestroyed) return;
      const at = performance.now();
      const origin = layer.getBoundingClientRect();
      const seen = new Map<string, number>();
      const previous = new Map(labelsRef.current.map((label) => [label.key, label]));
      const next: CaretLabel[] = [];
      for (const caret of editor.view.dom.querySelectorAll<HTMLElement>(`.${CARET_CLASS}`)) {
        const name = caret.dataset['name'] ?? '';
        const color = caret.dataset['color'] ?? 'transparent';
        const identity = caretIdentity(name, color);
        // One person in several tabs has several carets: the n-th of them keeps its label.
        const nth = seen.get(identity) ?? 0;
        seen.set(identity, nth + 1);
        const key = `${identity}#${nth}`;
        const rect = caret.getBoundingClientRect();
        const before = previous.get(key);
        previous.delete(key);
        next.push({
          key,
          identity,
          name,
          color,
          left: Math.round(rect.left - origin.left),
          top: Math.round(rect.top - origin.top),
          height: Math.round(rect.height),
          movedAt: !before || woken.has(identity) ? at : before.movedAt,
          missingSince: null,
        });
      }
      woken.clear();
      // Carets gone from the text keep their label for a moment: most come back at once.
      for (const label of previous.values()) {
        const since = label.missingSince ?? at;
        if (at - since < GRACE_MS) next.push({ ...label, missingSince: since });
      }
      next.sort((a, b) => a.key.localeCompare(b.key));
      setLabels(next);
      setNow(at);
      // Wake up for the next fade or the end of a grace period.
      if (timer !== undefined) clearTimeout(timer);
      const deadlines = next.flatMap((label) =>
        label.missingSince !== null ? [label.missingSince + GRACE_MS] : at - label.movedAt < IDLE_MS ? [label.movedAt + IDLE_MS] : [],
      );
      if (deadlines.length > 0) timer = setTimeout(schedule, Math.max(16, Math.min(...deadlines) - at + 16));
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    };

    const awareness = awarenessOf(editor);
    const handleAwareness = ({ added, updated }: { added: number[]; updated: number[] }) => {
      const states = awareness?.getStates();
      for (const clientId of [...added, ...updated]) {
        const user = states?.get(clientId)?.['user'] as { name?: unknown; color?: unknown } | undefined;
        if (typeof user?.name === 'string' && typeof user.color === 'string') woken.add(caretIdentity(user.name, user.color));
      }
      schedule();
    };

    editor.on('transaction', schedule);
    awareness?.on('change', handleAwareness);
    window.addEventListener('resize', schedule);
    const resizeObserver = new ResizeObserver(schedule);
    resizeObserver.observe(editor.view.dom);
    schedule();
    return () => {
      editor.off('transaction', schedule);
      awareness?.off('change', handleAwareness);
      window.removeEventListener('resize', schedule);
      resizeObserver.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [editor]);

  // A faded label comes back while the pointer is on its caret (the caret itself takes no
  // pointer events, so this watches the pointer over the text).
  useEffect(() => {
    const surface = editor.view.dom.parentElement;
    if (!surface) return;
    const handleMove = (event: PointerEvent) => {
      const origin = layerRef.current?.getBoundingClientRect();
      if (!origin) return;
      const x = event.clientX - origin.left;
      const y = event.clientY - origin.top;
      const hit = labelsRef.current.find(
        (label) => Math.abs(x - label.left) <= HOVER_SLOP_PX && y >= label.top - 16 && y <= label.top + label.height,
      );
      setHovered(hit?.key ?? null);
    };
    const handleLeave = () => setHovered(null);
    surface.addEventListener('pointermove', handleMove);
    surface.addEventListener('pointerleave', handleLeave);
    return () => {
      surface.removeEventListener('pointermove', handleMove);
      surface.removeEventListener('pointerleave', handleLeave);
    };
  }, [editor]);

  return (
    <div ref={layerRef} className="caret-labels" aria-hidden="true">
      {labels.map((label) => {
        const idle = label.key !== hovered && now - label.movedAt >= IDLE_MS;
        const style = {
          left: label.left,
          top: label.top,
          '--caret-color': label.color,
          '--caret-text': readableTextOn(label.color),
          '--caret-height': `${label.height}px`,
        } as CSSProperties;
        return (
          <div
            key={label.key}
            className={`collaboration-carets__label${idle ? ' collaboration-carets__label--idle' : ''}`}
            data-idle={idle}
            data-testid="caret-label"
            style={style}
          >
            <span className="collaboration-carets__name">{label.name}</span>
            {/* Stands in for the caret while the cursor plugin has none to draw (GRACE_MS). */}
            {label.missingSince !== null && <span className="collaboration-carets__ghost" />}
          </div>
        );
      })}
    </div>
  );
}
