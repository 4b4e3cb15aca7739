import { describe, expect, it } from 'vitest';
import { documentPage } from './html.ts';
import { MarkdownConverter } from './markdown.ts';

const converter = new MarkdownConverter();
const page = (markdown: string, title = 'T') => documentPage(title, converter.fromMarkdown(markdown));

describe('documentPage', () => {
  it('is a standalone page with the escaped title and no script', () => {
    const html = page('# Hi', 'Q3 <script>alert(1)</script> & "more"');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>Q3 &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;</title>');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<h1>Hi</h1>');
  });

  it('escapes text, including text that looks like HTML', () => {
    const html = page('a <img src=x onerror=alert(1)> & b `<i>`');
    expect(html).toContain('a &lt;img src=x onerror=alert(1)&gt; &amp; b <code>&lt;i&gt;</code>');
    expect(html).not.toMatch(/<img src=x/);
  });

  it('draws every construct with the schema’s markup', () => {
    const html = page(
      '**b** *i* ~~s~~ [l](https://e.com/?a=1&b="2")\n\n- [x] done\n\n1. one\n\n> q\n\n```ts\nif (a < b) {}\n```\n\n---\n\n| h |\n| - |\n| c |\n\nx  \ny ![alt](https://e.com/i.png)\n',
    );
    expect(html).toContain('<strong>b</strong> <em>i</em> <s>s</s>');
    expect(html).toContain('href="https://e.com/?a=1&amp;b=%222%22"');
    expect(html).toMatch(/<li data-checked="true" data-type="taskItem"><label><input type="checkbox" checked="checked" disabled>/);
    expect(html).toContain('<ol><li><p>one</p></li></ol>');
    expect(html).toContain('<blockquote><p>q</p></blockquote>');
    expect(html).toContain('<pre><code class="language-ts">if (a &lt; b) {}</code></pre>');
    expect(html).toContain('<hr>');
    expect(html).toMatch(/<th[^>]*><p>h<\/p><\/th>/);
    expect(html).toContain('x<br>y <img src="https://e.com/i.png" alt="alt">');
  });

  it('leaves out hostile URLs even in a document that carries them (not only imports)', () => {
    const html = documentPage('T', {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
            { type: 'image', attrs: { src: 'javascript:alert(2)', alt: 'x' } },
            { type: 'mention', attrs: { id: 'u1', label: '<b>Eve</b>' } },
          ],
        },
      ],
    });
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain('@&lt;b&gt;Eve&lt;/b&gt;');
  });
});
