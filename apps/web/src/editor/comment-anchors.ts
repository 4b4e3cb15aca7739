// Comment anchors: base64 of `Y.encodeRelativePosition` into the document's `default`
// fragment (API.md §7), converted to and from ProseMirror positions with the same functions
// the Collaboration extension uses for the selection. Relative positions follow the text as
// anyone edits it; the absolute ones are only valid for one state of the editor.
import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';

type ProsemirrorMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

/** What the y-sync plugin keeps in its state, as far as anchors need it. */
interface YBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: ProsemirrorMapping;
}

export interface TextRange {
  from: number;
  to: number;
}

export function yBinding(state: EditorState): YBinding | null {
  const binding = (ySyncPluginKey.getState(state) as { binding?: YBinding | null } | undefined)?.binding;
  return binding?.type && binding.mapping ? binding : null;
}

/**
 * A relative position for `pos` that sticks to the character on its right (`assoc` 0) or on
 * its left (-1). y-tiptap always makes left-sticking ones; for a range's start that would
 * pull text typed just before the range into it, so the start is rebuilt to stick right.
 */
function relativePosition(binding: YBinding, pos: number, assoc: 0 | -1): Y.RelativePosition {
  const relative = absolutePositionToRelativePosition(pos, binding.type, binding.mapping) as Y.RelativePosition;
  if (assoc === -1) return relative;
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, binding.doc);
  if (absolute && absolute.type instanceof Y.XmlText && absolute.index < absolute.type.length) {
    return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0);
  }
  return relative;
}

/** Base64 relative positions for a range of `state`, or null before the document is bound to Yjs. */
export function encodeRange(state: EditorState, range: TextRange): { start: string; end: string } | null {
  const binding = yBinding(state);
  if (!binding) return null;
  return {
    start: toBase64(Y.encodeRelativePosition(relativePosition(binding, range.from, 0))),
    end: toBase64(Y.encodeRelativePosition(relativePosition(binding, range.to, -1))),
  };
}

/** Decodes one end of an anchor; null when it is not a relative position at all. */
export function decodePosition(base64: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(base64));
  } catch {
    return null;
  }
}

/** A block removed with its text: positions inside it resolve to nowhere useful. */
function isDetached(type: { _item: Y.Item | null }): boolean {
  for (let item = type._item; item; item = (item.parent as { _item: Y.Item | null })._item) {
    if (item.deleted) return true;
  }
  return false;
}

/**
 * y-tiptap refuses ("misresolved") a text position that sticks to a character and lands at
 * ProseMirror position 1 or less, which is exactly a range starting the document. So the
 * position is resolved in Yjs first and handed over as the same index sticking left, which
 * it accepts; a position in a deleted block is gone.
 */
function toAbsolute(binding: YBinding, position: Y.RelativePosition): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, binding.doc);
  if (!absolute) return null;
  if (!(absolute.type instanceof Y.XmlText))
    return relativePositionToAbsolutePosition(binding.doc, binding.type, position, binding.mapping);
  if (isDetached(absolute.type)) return null;
  const leftSticking = Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, -1);
  return relativePositionToAbsolutePosition(binding.doc, binding.type, leftSticking, binding.mapping);
}

/**
 * Where a range is in `state` now; null when its text is gone (an end no longer resolves,
 * or the ends met or crossed because everything between them was deleted).
 */
export function resolveRange(state: EditorState, start: Y.RelativePosition | null, end: Y.RelativePosition | null): TextRange | null {
  const binding = yBinding(state);
  if (!binding || !start || !end) return null;
  const from = toAbsolute(binding, start);
  const to = toAbsolute(binding, end);
  if (from === null || to === null || from >= to) return null;
  const size = state.doc.content.size;
  if (from < 0 || to > size) return null;
  return { from, to };
}

/** The text of a range as a quote: mentions as "@Name", blocks separated by spaces, trimmed. */
export function quoteOf(state: EditorState, range: TextRange): string {
  return state.doc
    .textBetween(range.from, range.to, ' ', (node) => (node.type.name === 'mention' ? `@${String(node.attrs['label'] ?? '')}` : ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
