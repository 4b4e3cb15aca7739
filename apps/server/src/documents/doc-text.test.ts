import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { plainText, textBlocks } from './doc-text.ts';

function element(name: string, children: (Y.XmlElement | Y.XmlText)[] = [], attrs: Record<string, string> = {}): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.insert(0, children);
  return el;
}

function text(s: string, format?: Record<string, unknown>): Y.XmlText {
  const t = new Y.XmlText();
  t.insert(0, s, format);
  return t;
}

describe('textBlocks', () => {
  it('reads each text block once, in document order, marks dropped and inline nodes as text', () => {
    const doc = new Y.Doc();
    const bold = new Y.XmlText();
    doc
      .getXmlFragment('default')
      .insert(0, [
        element('heading', [text('Plan')], { level: '1' }),
        element('paragraph', [text('Hello '), element('mention', [], { id: 'u1', label: 'Ana' }), bold]),
        element('bulletList', [
          element('listItem', [element('paragraph', [text('one')])]),
          element('listItem', [element('paragraph', [text('two')])]),
        ]),
        element('paragraph'),
        element('horizontalRule'),
        element('codeBlock', [text('let x = 1;\nx++;')]),
      ]);
    bold.insert(0, ' and ');
    bold.insert(5, 'welcome', { bold: true });
    expect(textBlocks(doc)).toEqual(['Plan', 'Hello @Ana and welcome', 'one', 'two', '', 'let x = 1;\nx++;']);
    expect(plainText(doc)).toBe('Plan\nHello @Ana and welcome\none\ntwo\n\nlet x = 1;\nx++;');
  });

  it('reads a document whose root arrived untyped (as on the server)', () => {
    const source = new Y.Doc();
    source.getXmlFragment('default').insert(0, [element('paragraph', [text('stored text')])]);
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(source));
    expect(textBlocks(server)).toEqual(['stored text']);
    expect(textBlocks(new Y.Doc())).toEqual([]);
  });
});
