import { randomBytes } from 'node:crypto';
import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { plainText } from '../doc-text.ts';
import { MarkdownConverter } from './markdown.ts';
import { MAX_NESTING_DEPTH } from './sanitize.ts';
import { docToJSON, jsonToDoc } from './ydoc-json.ts';

const converter = new MarkdownConverter();

/** Markdown → document → Yjs → document → Markdown: what an import followed by an export gives. */
function throughYjs(markdown: string): string {
  const doc = jsonToDoc(converter.fromMarkdown(markdown));
  try {
    return converter.toMarkdown(docToJSON(doc));
  } finally {
    doc.destroy();
  }
}

/** Every node under `json`, depth first. */
function nodes(json: JSONContent): JSONContent[] {
  return [json, ...(json.content ?? []).flatMap(nodes)];
}

describe('Markdown round trips (Markdown → document → Yjs → Markdown)', () => {
  const same: [string, string][] = [
    ['headings', '# One\n\n## Two\n\n###### Six\n'],
    ['paragraphs', 'First paragraph.\n\nSecond one.\n'],
    ['bold, italic, strike, code', '**bold** *italic* ~~strike~~ `code` and ***both***\n'],
    ['links', '[a link](https://example.com/path?q=1) and [mail](mailto:a@example.com)\n'],
    ['a link with a title', '[titled](https://example.com "The title")\n'],
    ['nested bullet lists', '- one\n- two\n  - nested\n    - deeper\n- three\n'],
    ['nested ordered lists', '1. one\n2. two\n   1. inner\n'],
    ['an ordered list starting later', '3. three\n4. four\n'],
    ['nested task lists', '- [ ] open\n- [x] done\n  - [ ] sub\n'],
    ['blockquotes', '> quoted\n>\n> - list in quote\n'],
    ['code blocks with a language', '```ts\nconst a = 1;\n\nconst b = "<b>";\n```\n'],
    ['code blocks without one', '```\nno language\n```\n'],
    ['horizontal rules', 'above\n\n---\n\nbelow\n'],
    ['hard breaks', 'line one  \nline two\n'],
    ['tables (GFM)', '| a   | b     |\n| --- | ----- |\n| 1   | **2** |\n'],
    ['images', '![alt text](https://example.com/i.png) and ![t](https://example.com/x.png "title")\n'],
    ['escaped markup', 'a \\* not a list\n'],
    ['loose list items', '- a\n\n  para in item\n- b\n'],
  ];
  it.each(same)('%s', (_name, markdown) => {
    expect(throughYjs(markdown)).toBe(markdown);
  });

  it('builds the nodes of the schema, not text that looks like them', () => {
    const json = converter.fromMarkdown('- [x] done\n\n| h |\n| - |\n| c |\n\n```js\nx\n```\n\n![i](https://e.com/i.png)\n');
    const types = nodes(json).map((n) => n.type);
    expect(types).toEqual(expect.arrayContaining(['taskList', 'taskItem', 'table', 'tableHeader', 'tableCell', 'codeBlock', 'image']));
    expect(nodes(json).find((n) => n.type === 'taskItem')?.attrs?.checked).toBe(true);
    expect(nodes(json).find((n) => n.type === 'codeBlock')?.attrs?.language).toBe('js');
  });

  it('a list mixing tasks and plain items stays a bullet list', () => {
    expect(throughYjs('- [ ] a\n- b\n')).toBe('- \\[ \\] a\n- b\n');
  });

  it('writes a mention as @Name', () => {
    const json: JSONContent = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Hi ' },
            { type: 'mention', attrs: { id: 'u1', label: 'Ada Lovelace' } },
          ],
        },
      ],
    };
    expect(converter.toMarkdown(json)).toBe('Hi @Ada Lovelace\n');
  });
});

describe('Markdown import is safe', () => {
  it('raw HTML is text, and stays text through an export', () => {
    const json = converter.fromMarkdown('Text with <b>html</b> & <script>alert(1)</script>\n\n<div>\nblock\n</div>\n');
    expect(nodes(json).some((n) => n.marks?.length)).toBe(false);
    const doc = jsonToDoc(json);
    expect(plainText(doc)).toBe('Text with <b>html</b> & <script>alert(1)</script>\n<div> block </div>');
    expect(converter.toMarkdown(docToJSON(doc))).toBe(
      'Text with &lt;b&gt;html&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;\n\n&lt;div&gt; block &lt;/div&gt;\n',
    );
    doc.destroy();
  });

  it('drops links that are not http(s) or mailto, keeping their text', () => {
    const json = converter.fromMarkdown(
      '[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](/relative) [d](data:text/html,x) [e](vbscript:x) <javascript:alert(1)>\n',
    );
    const hrefs = nodes(json).flatMap((n) => (n.marks ?? []).filter((m) => m.type === 'link'));
    expect(hrefs).toEqual([]);
    // Exported, the text is escaped, so importing it again makes no link either.
    const again = converter.fromMarkdown(converter.toMarkdown(json));
    expect(nodes(again).some((n) => n.marks?.some((m) => m.type === 'link'))).toBe(false);
  });

  it('images only from http(s); any other becomes its alt text', () => {
    const json = converter.fromMarkdown('![one](data:image/png;base64,AAAA) ![two](javascript:x) ![ok](https://e.com/i.png)\n');
    const images = nodes(json).filter((n) => n.type === 'image');
    expect(images.map((n) => n.attrs?.src)).toEqual(['https://e.com/i.png']);
    expect(nodes(json).some((n) => n.type === 'text' && n.text?.includes('one'))).toBe(true);
  });

  it('never mentions anyone: mention syntax is text', () => {
    const json = converter.fromMarkdown('[@ id="u1" label="Eve"] @Eve\n');
    expect(nodes(json).some((n) => n.type === 'mention')).toBe(false);
  });

  it('refuses nesting deeper than the limit with a 400, not a crash', () => {
    expect(() => converter.fromMarkdown(`${'>'.repeat(10_000)} deep`)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    const lists = Array.from({ length: MAX_NESTING_DEPTH }, (_, i) => `${'  '.repeat(i)}- x`).join('\n');
    expect(() => converter.fromMarkdown(lists)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
  });

  it('binary garbage imports as text or is refused as a bad request, never anything else', () => {
    for (let i = 0; i < 20; i++) {
      const garbage = new TextDecoder().decode(randomBytes(20_000));
      try {
        const doc = jsonToDoc(converter.fromMarkdown(garbage));
        converter.toMarkdown(docToJSON(doc));
        doc.destroy();
      } catch (err) {
        expect(err).toMatchObject({ code: 'BAD_REQUEST' });
      }
    }
  });

  it('pathological inline Markdown takes linear time', () => {
    const started = performance.now();
    for (const markdown of ['_a'.repeat(50_000), '*a'.repeat(50_000), '['.repeat(100_000), '`a'.repeat(50_000)])
      converter.fromMarkdown(markdown);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('blank Markdown is a document without blocks; lone surrogates become U+FFFD', () => {
    expect(converter.fromMarkdown('')).toEqual({ type: 'doc', content: [] });
    expect(nodes(converter.fromMarkdown('a\ud800b')).find((n) => n.type === 'text')?.text).toBe('a\uFFFDb');
  });
});
