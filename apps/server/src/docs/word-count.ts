// Counts the words of a document's text, whatever its root types: Tiptap's XmlFragment
// `default` (paragraphs of XmlText) or a plain Y.Text. Block boundaries separate words.
import * as Y from 'yjs';

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;

function countIn(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n++;
  return n;
}

function collectXml(node: Y.XmlFragment | Y.XmlElement, out: string[]): void {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown }[]) if (typeof op.insert === 'string') out.push(op.insert);
    } else if (child instanceof Y.XmlElement) {
      collectXml(child, out);
    }
    out.push('\n');
  }
}

export function wordCount(doc: Y.Doc): number {
  let words = 0;
  for (const type of doc.share.values()) {
    if (type instanceof Y.XmlFragment) {
      const parts: string[] = [];
      collectXml(type, parts);
      words += countIn(parts.join(''));
    } else if (type instanceof Y.Text) {
      words += countIn(type.toString());
    } else {
      // A root nobody on the server asked for by type (a stock client's Y.Text): count the
      // text it holds, if it holds text.
      const parts: string[] = [];
      for (let item: Y.Item | null = type._start; item !== null; item = item.right) {
        if (!item.deleted && item.content instanceof Y.ContentString) parts.push(item.content.str);
      }
      words += countIn(parts.join(''));
    }
  }
  return words;
}
