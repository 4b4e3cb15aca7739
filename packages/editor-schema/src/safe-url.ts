// Which URLs a document may carry into HTML. Links may go to the web or to an e-mail address;
// images may load from the web or be one uploaded to an Inkwell document (API.md §8), whose
// url is the same-origin path `/api/docs/:id/images/:imageId` and nothing looser. Anything
// else (javascript:, data:, vbscript:, file:, other relative paths that a viewer's page would
// resolve against itself) is not a link.

const LINK_SCHEME = /^(?:https?|mailto):/i;
const IMAGE_SCHEME = /^https?:/i;
/** An uploaded image: both ids in the URL-safe alphabet of DOC_ID_PATTERN, no query, no dot segments. */
const UPLOADED_IMAGE_PATH = /^\/api\/docs\/[A-Za-z0-9_-]{1,64}\/images\/[A-Za-z0-9_-]{1,64}$/;

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
  if (UPLOADED_IMAGE_PATH.test(src)) return true;
  return IMAGE_SCHEME.test(src) && parses(src) && !/[\s"'<>]/.test(src);
}
