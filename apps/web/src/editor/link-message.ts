// What the link popover says when it refuses an address (normalizeLinkHref's reasons).
import type { LinkHrefResult } from '@inkwell/editor-schema';

export function linkRefusal(result: Exclude<LinkHrefResult, { ok: true }>): string {
  switch (result.reason) {
    case 'empty':
      return 'Enter a web address, like example.com.';
    case 'scheme':
      return `“${result.scheme}:” links are not allowed. Use a web address (https://…) or an e-mail address.`;
    case 'invalid':
      return 'That is not a web or e-mail address. Try example.com or https://example.com/page.';
    default: {
      const never: never = result;
      return never;
    }
  }
}
