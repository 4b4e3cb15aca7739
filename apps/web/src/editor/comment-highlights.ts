// Highlights for comment threads in the text. The plugin keeps, for every thread it is
// given, where its anchor is in the current state (`ranges`), and draws the open ones.
//
// When to resolve the anchors again: a transaction from the y-sync plugin (a remote change,
// the first render) changed the Yjs document and the mapping the positions resolve through,
// so every range is recomputed from Yjs. A local edit has not reached Yjs yet when this
// plugin's state is applied (y-sync writes it in its view update, afterwards), so there the
// ranges are mapped through the transaction instead, which gives the same answer for text
// typed around or inside a range. New threads or another active thread come as a meta.
import { Extension } from '@tiptap/core';
import { type EditorState, Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { decodePosition, resolveRange, type TextRange } from './comment-anchors.ts';

export interface HighlightAnchor {
  id: string;
  start: string;
  end: string;
  /** Drawn only while open; resolved threads keep a range (for the sidebar) but no highlight. */
  open: boolean;
  /** The selection a new comment is being written for, drawn in its own style. */
  draft?: boolean;
}

export interface HighlightInput {
  anchors: readonly HighlightAnchor[];
  activeId: string | null;
}

interface DecodedAnchor extends HighlightAnchor {
  startPosition: Y.RelativePosition | null;
  endPosition: Y.RelativePosition | null;
}

interface HighlightState {
  anchors: readonly DecodedAnchor[];
  activeId: string | null;
  /** Where each anchor is now; null when its text is gone. */
  ranges: ReadonlyMap<string, TextRange | null>;
  decorations: DecorationSet;
}

export const commentHighlightsKey = new PluginKey<HighlightState>('commentHighlights');

export interface CommentHighlightsOptions {
  /** The ranges changed (after any transaction that moved or removed one). */
  onRanges: (ranges: ReadonlyMap<string, TextRange | null>) => void;
  /** A click landed on a highlight. */
  onActivate: (threadId: string) => void;
}

function decode(anchors: readonly HighlightAnchor[], previous: readonly DecodedAnchor[]): DecodedAnchor[] {
  // Decoding is cheap, but threads arrive as a whole list on every change: keep what we had.
  const known = new Map(previous.map((anchor) => [`${anchor.start}|${anchor.end}`, anchor]));
  return anchors.map((anchor) => {
    const same = known.get(`${anchor.start}|${anchor.end}`);
    return {
      ...anchor,
      startPosition: same ? same.startPosition : decodePosition(anchor.start),
      endPosition: same ? same.endPosition : decodePosition(anchor.end),
    };
  });
}

function draw(
  state: EditorState,
  anchors: readonly DecodedAnchor[],
  activeId: string | null,
  ranges: ReadonlyMap<string, TextRange | null>,
) {
  const decorations: Decoration[] = [];
  const threads: TextRange[] = [];
  for (const anchor of anchors) {
    const range = ranges.get(anchor.id);
    if (!range || !anchor.open) continue;
    let className = 'comment-highlight';
    if (anchor.draft) className += ' comment-highlight--draft';
    else {
      threads.push(range);
      if (anchor.id === activeId) className += ' comment-highlight--active';
    }
    decorations.push(Decoration.inline(range.from, range.to, { class: className, 'data-thread-id': anchor.id }));
  }
  // ProseMirror merges the attributes of inline decorations that cover the same text into one
  // span (so CSS cannot see the nesting); where threads overlap, a class of its own says so.
  for (const overlap of overlaps(threads))
    decorations.push(Decoration.inline(overlap.from, overlap.to, { class: 'comment-highlight--overlap' }));
  return DecorationSet.create(state.doc, decorations);
}

/** The stretches covered by two threads or more. */
export function overlaps(ranges: readonly TextRange[]): TextRange[] {
  const edges = ranges.flatMap((range) => [
    { at: range.from, step: 1 },
    { at: range.to, step: -1 },
  ]);
  // At one position, ends before starts: ranges that only touch do not overlap.
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  const result: TextRange[] = [];
  let depth = 0;
  let start = 0;
  for (const edge of edges) {
    if (edge.step === 1 && depth === 1) start = edge.at;
    if (edge.step === -1 && depth === 2 && edge.at > start) {
      const last = result.at(-1);
      if (last && last.to === start) last.to = edge.at;
      else result.push({ from: start, to: edge.at });
    }
    depth += edge.step;
  }
  return result;
}

function resolveAll(state: EditorState, anchors: readonly DecodedAnchor[], activeId: string | null): HighlightState {
  const ranges = new Map(anchors.map((anchor) => [anchor.id, resolveRange(state, anchor.startPosition, anchor.endPosition)]));
  return { anchors, activeId, ranges, decorations: draw(state, anchors, activeId, ranges) };
}

function mapAll(tr: Transaction, previous: HighlightState, state: EditorState): HighlightState {
  const ranges = new Map<string, TextRange | null>();
  for (const [id, range] of previous.ranges) {
    if (!range) {
      ranges.set(id, null);
      continue;
    }
    // Text typed at either edge stays outside, as the relative positions keep it.
    const from = tr.mapping.map(range.from, 1);
    const to = tr.mapping.map(range.to, -1);
    ranges.set(id, from < to ? { from, to } : null);
  }
  return { ...previous, ranges, decorations: draw(state, previous.anchors, previous.activeId, ranges) };
}

/**
 * The thread a click at `pos` is about, when several highlights cover it: the shortest range
 * (the most specific text), then the one starting later, then the thread listed later (the
 * newer). The draft's highlight counts only where no thread's is.
 */
export function threadAt(state: EditorState, pos: number): string | null {
  const plugin = commentHighlightsKey.getState(state);
  if (!plugin) return null;
  let best: { id: string; from: number; size: number } | null = null;
  let draft: string | null = null;
  for (const anchor of plugin.anchors) {
    const range = plugin.ranges.get(anchor.id);
    if (!range || !anchor.open || pos < range.from || pos > range.to) continue;
    if (anchor.draft) {
      draft = anchor.id;
      continue;
    }
    const size = range.to - range.from;
    if (!best || size < best.size || (size === best.size && range.from >= best.from)) best = { id: anchor.id, from: range.from, size };
  }
  return best?.id ?? draft;
}

export function rangeOf(state: EditorState, threadId: string): TextRange | null | undefined {
  return commentHighlightsKey.getState(state)?.ranges.get(threadId);
}

export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: 'commentHighlights',

  addOptions() {
    return { onRanges: () => {}, onActivate: () => {} };
  },

  addProseMirrorPlugins() {
    const { onRanges, onActivate } = this.options;
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: () => ({ anchors: [], activeId: null, ranges: new Map(), decorations: DecorationSet.empty }),
          apply(tr, previous, _oldState, state) {
            const input = tr.getMeta(commentHighlightsKey) as HighlightInput | undefined;
            if (input) return resolveAll(state, decode(input.anchors, previous.anchors), input.activeId);
            if (previous.anchors.length === 0) return previous;
            if (tr.getMeta(ySyncPluginKey) !== undefined) return resolveAll(state, previous.anchors, previous.activeId);
            return tr.docChanged ? mapAll(tr, previous, state) : previous;
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
          handleClick(view, pos, event) {
            // `pos` is where the caret would go, which can be just past a highlight too.
            const target = event.target as Element | null;
            if (typeof target?.closest !== 'function' || !target.closest('.comment-highlight')) return false;
            const id = threadAt(view.state, pos);
            if (id) onActivate(id);
            // The click still places the caret (or starts a selection) as usual.
            return false;
          },
        },
        view: () => ({
          update(view, previousState) {
            const ranges = commentHighlightsKey.getState(view.state)?.ranges;
            if (ranges && ranges !== commentHighlightsKey.getState(previousState)?.ranges) onRanges(ranges);
          },
        }),
      }),
    ];
  },
});
