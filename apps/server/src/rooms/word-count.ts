// Counts the words of a document's text, whatever its root types: Tiptap's XmlFragment
// `default` (paragraph elements holding XmlText) or a plain Y.Text. Block boundaries separate
// words. Roots are walked by their items, because on the server they usually are untyped
// placeholders (nobody asked for them by type) and the typed API would see nothing.
import * as Y from 'yjs';

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;

function collect(type: { _start: Y.Item | null }, out: string[]): void {
  for (let item: Y.Item | null = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentString) {
      out.push(content.str);
    } else if (content instanceof Y.ContentType) {
      // A nested element or text: a block boundary on both sides.
      out.push('\n');
      collect(content.type, out);
      out.push('\n');
    }
  }
}

export function wordCount(doc: Y.Doc): number {
  const parts: string[] = [];
  for (const type of doc.share.values()) {
    collect(type, parts);
    parts.push('\n');
  }
  let words = 0;
  for (const _ of parts.join('').matchAll(WORD)) words++;
  return words;
}
