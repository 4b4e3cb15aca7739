// The link mark. Tiptap's default allow-list lets through relative paths, ftp:, tel: and more;
// ours is the one of link-href.ts everywhere a link can come from:
// - pasted or dropped HTML: `<a href>` whose target is not allowed is no link (the text stays),
//   and a bare host like `example.com` is stored as `https://example.com`;
// - typing and pasting plain URLs (autolink, paste rules), and the setLink/toggleLink commands;
// - another client (or an old document) may still hold any href in the Yjs document: the
//   editor renders it without an href, and Markdown writes just the text.
// Links open in a new tab without handing the opener or the referrer to the target.
import { Link } from '@tiptap/extension-link';
import { isAllowedLinkTarget, normalizeLinkHref } from './link-href.ts';
import { isSafeLinkHref } from './safe-url.ts';

export const LINK_REL = 'noopener noreferrer nofollow';

const storedHref = (href: unknown): string | null => (typeof href === 'string' && isSafeLinkHref(href) ? href : null);

export const DocumentLink = Link.extend({
  addAttributes() {
    const parent = this.parent?.() ?? {};
    return {
      ...parent,
      href: {
        default: null,
        // The parse rule has already refused anything isAllowedLinkTarget does not allow.
        parseHTML: (element) => {
          const result = normalizeLinkHref(element.getAttribute('href') ?? '');
          return result.ok ? result.href : null;
        },
      },
    };
  },

  renderHTML({ HTMLAttributes }) {
    return ['a', { ...this.options.HTMLAttributes, ...HTMLAttributes, href: storedHref(HTMLAttributes.href) }, 0];
  },

  renderMarkdown: (node, helpers) => {
    const text = helpers.renderChildren(node);
    const href = storedHref(node.attrs?.href);
    if (!href) return text;
    const title = typeof node.attrs?.title === 'string' && node.attrs.title !== '' ? ` "${node.attrs.title.replace(/"/g, '\\"')}"` : '';
    return `[${text}](${href}${title})`;
  },
}).configure({
  isAllowedUri: (url) => isAllowedLinkTarget(url),
  // Bare hosts typed or pasted become https, not http.
  defaultProtocol: 'https',
  // In the editor a click places the caret (the link popover opens the link); read-only
  // documents follow links as any page does.
  openOnClick: false,
  HTMLAttributes: { target: '_blank', rel: LINK_REL, class: null },
});
