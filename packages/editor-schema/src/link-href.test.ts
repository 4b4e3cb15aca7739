import { describe, expect, it } from 'vitest';
import { DocumentLink } from './link.ts';
import { normalizeLinkHref } from './link-href.ts';

const href = (input: string) => {
  const result = normalizeLinkHref(input);
  return result.ok ? result.href : result;
};

describe('normalizeLinkHref', () => {
  it('keeps full http(s) and mailto URLs as typed (trimmed)', () => {
    expect(href('https://example.com/a?b=c#d')).toBe('https://example.com/a?b=c#d');
    expect(href('  http://example.com  ')).toBe('http://example.com');
    expect(href('HTTPS://EXAMPLE.COM')).toBe('HTTPS://EXAMPLE.COM');
    expect(href('mailto:someone@example.com')).toBe('mailto:someone@example.com');
  });

  it('makes bare hosts https and bare e-mail addresses mailto', () => {
    expect(href('example.com')).toBe('https://example.com');
    expect(href('www.example.co.uk/path?q=1#top')).toBe('https://www.example.co.uk/path?q=1#top');
    expect(href('example.com:8080/x')).toBe('https://example.com:8080/x');
    expect(href('localhost:5173')).toBe('https://localhost:5173');
    expect(href('192.168.1.10/admin')).toBe('https://192.168.1.10/admin');
    expect(href('bücher.de')).toBe('https://bücher.de');
    expect(href('//example.com/a')).toBe('https://example.com/a');
    expect(href('someone@example.com')).toBe('mailto:someone@example.com');
  });

  it('refuses other schemes and names them', () => {
    expect(normalizeLinkHref('javascript:alert(1)')).toEqual({ ok: false, reason: 'scheme', scheme: 'javascript' });
    expect(normalizeLinkHref('JavaScript:alert(1)')).toEqual({ ok: false, reason: 'scheme', scheme: 'javascript' });
    expect(normalizeLinkHref(' javascript:alert(document.cookie) ')).toEqual({ ok: false, reason: 'scheme', scheme: 'javascript' });
    expect(normalizeLinkHref('data:text/html,<script>x</script>')).toEqual({ ok: false, reason: 'scheme', scheme: 'data' });
    expect(normalizeLinkHref('vbscript:msgbox(1)')).toEqual({ ok: false, reason: 'scheme', scheme: 'vbscript' });
    expect(normalizeLinkHref('file:///etc/passwd')).toEqual({ ok: false, reason: 'scheme', scheme: 'file' });
    expect(normalizeLinkHref('ftp://example.com')).toEqual({ ok: false, reason: 'scheme', scheme: 'ftp' });
  });

  it('refuses what is not a web or e-mail address', () => {
    for (const input of [
      '',
      '   ',
      'hello',
      '/relative',
      '#top',
      '?q=1',
      'java\tscript:x',
      'https://',
      'https://exa mple.com',
      'example',
      'a b.com',
    ]) {
      expect(normalizeLinkHref(input).ok, JSON.stringify(input)).toBe(false);
    }
    expect(normalizeLinkHref('  ')).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('DocumentLink', () => {
  it('allows only what normalises to a safe target, and opens links in a new tab without an opener', () => {
    const { isAllowedUri, HTMLAttributes, defaultProtocol, openOnClick } = DocumentLink.options;
    const ctx = { defaultValidate: () => true, protocols: [], defaultProtocol: 'https' };
    expect(isAllowedUri('https://example.com', ctx)).toBe(true);
    expect(isAllowedUri('example.com', ctx)).toBe(true);
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', '/relative', 'tel:123', 'ftp://x.y']) {
      expect(isAllowedUri(url, ctx), url).toBe(false);
    }
    expect(HTMLAttributes.target).toBe('_blank');
    expect(HTMLAttributes.rel).toMatch(/\bnoopener\b.*\bnoreferrer\b/);
    expect(defaultProtocol).toBe('https');
    expect(openOnClick).toBe(false);
  });
});

describe('DocumentLink output', () => {
  // What another client may have stored in the Yjs document is rendered, never trusted.
  const { renderHTML, renderMarkdown } = DocumentLink.config;
  const html = (href: unknown) =>
    renderHTML!.call({ options: DocumentLink.options } as never, { HTMLAttributes: { href }, mark: {} as never }) as [
      string,
      Record<string, unknown>,
    ];
  const markdown = (href: unknown, title: string | null = null) =>
    renderMarkdown!.call(
      {} as never,
      { type: 'link', attrs: { href, title } } as never,
      { renderChildren: () => 'text' } as never,
      {} as never,
    );

  it('renders only safe hrefs into HTML', () => {
    expect(html('https://example.com')[1]).toMatchObject({ href: 'https://example.com', target: '_blank' });
    for (const href of ['javascript:alert(1)', 'data:text/html,x', '/relative', null]) expect(html(href)[1].href, String(href)).toBeNull();
  });

  it('writes unsafe links as their text in Markdown', () => {
    expect(markdown('https://example.com')).toBe('[text](https://example.com)');
    expect(markdown('https://example.com', 'A "quoted" title')).toBe('[text](https://example.com "A \\"quoted\\" title")');
    expect(markdown('javascript:alert(1)')).toBe('text');
  });
});
