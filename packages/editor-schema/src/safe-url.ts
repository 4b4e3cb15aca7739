// Which URLs a document may carry into HTML. Links may go to the web or to an e-mail address;
// images may load only from the web. Anything else (javascript:, data:, vbscript:, file:,
// relative paths that a viewer's page would resolve against itself) is not a link.

const LINK_SCHEME = /^(?:https?|mailto):/i;
const IMAGE_SCHEME = /^https?:/i;

/**
 * Browsers skip leading spaces and control characters and drop tabs and newlines inside a
 * scheme ("java\tscript:"), so the check reads the string exactly as written, and a URL that
 * does not parse is refused.
 */
function parses(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

export function isSafeLinkHref(href: string): boolean {
  return LINK_SCHEME.test(href) && parses(href);
}

export function isSafeImageSrc(src: string): boolean {
  return IMAGE_SCHEME.test(src) && parses(src) && !/[\s"'<>]/.test(src);
}
