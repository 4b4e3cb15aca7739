import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { wordCount } from './word-count.ts';

/** A client-side Tiptap-shaped doc, delivered to a fresh doc the way the server receives it. */
function received(build: (doc: Y.Doc) => void): Y.Doc {
  const client = new Y.Doc();
  build(client);
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  return server;
}

function paragraph(text: string, marks?: { from: number; len: number }): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  p.insert(0, [t]);
  t.insert(0, text);
  if (marks) t.format(marks.from, marks.len, { bold: {} });
  return p;
}

describe('wordCount', () => {
  it('counts words inside paragraph elements of an untyped root, paragraphs apart', () => {
    const doc = received((d) => {
      const frag = d.getXmlFragment('default');
      frag.insert(0, [paragraph('Hello world', { from: 0, len: 5 }), paragraph('second'), paragraph("it's 3 o'clock")]);
    });
    expect(wordCount(doc)).toBe(6);
    // The same when the server has typed the root.
    doc.getXmlFragment('default');
    expect(wordCount(doc)).toBe(6);
  });

  it('counts a plain Y.Text, ignores deleted text, and is 0 for an empty doc', () => {
    const doc = received((d) => {
      const t = d.getText('text');
      t.insert(0, 'one two three four');
      t.delete(0, 4);
    });
    expect(wordCount(doc)).toBe(3);
    expect(wordCount(new Y.Doc())).toBe(0);
  });

  it('does not glue the last word of one paragraph to the first of the next', () => {
    const doc = received((d) => d.getXmlFragment('default').insert(0, [paragraph('end'), paragraph('start')]));
    expect(wordCount(doc)).toBe(2);
  });
});
