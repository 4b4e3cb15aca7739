// The plain text of a Tiptap document, block by block: what search indexes, what a version
// diff compares and what the content API calls `text`. Read straight from the Y.Doc's
// `default` fragment, so it needs no editor schema and sees exactly what is stored.
import * as Y from 'yjs';

/** The Tiptap document's root XML fragment (Collaboration's default `field`). */
export const TEXT_FRAGMENT = 'default';

/** Inline elements and what they read as in plain text. */
function inlineText(element: Y.XmlElement): string {
  switch (element.nodeName) {
    case 'mention':
      return `@${String(element.getAttribute('label') ?? '')}`;
    case 'hardBreak':
      return '\n';
    case 'image':
      return String(element.getAttribute('alt') ?? '');
    default:
      return '';
  }
}

function textOf(text: Y.XmlText): string {
  let out = '';
  for (const op of text.toDelta() as { insert?: unknown }[]) if (typeof op.insert === 'string') out += op.insert;
  return out;
}

/**
 * A text block (paragraph, heading, code block) is an element that holds text; anything else
 * (lists, list items, quotes, tables) holds blocks. An empty paragraph is an empty block.
 */
function collect(children: readonly (Y.XmlElement | Y.XmlText | Y.XmlHook)[], out: string[]): void {
  for (const child of children) {
    if (!(child instanceof Y.XmlElement)) continue;
    const inner = child.toArray();
    const isTextBlock = inner.length === 0 ? child.nodeName !== 'horizontalRule' : inner.some((c) => c instanceof Y.XmlText);
    if (isTextBlock) {
      out.push(inner.map((c) => (c instanceof Y.XmlText ? textOf(c) : c instanceof Y.XmlElement ? inlineText(c) : '')).join(''));
    } else {
      collect(inner, out);
    }
  }
}

/** The document's text blocks in document order. */
export function textBlocks(doc: Y.Doc): string[] {
  const out: string[] = [];
  collect(doc.getXmlFragment(TEXT_FRAGMENT).toArray(), out);
  return out;
}

/** The document as plain text: blocks separated by newlines, without trailing empty lines. */
export function plainText(doc: Y.Doc): string {
  return textBlocks(doc).join('\n').replace(/\n+$/, '');
}
