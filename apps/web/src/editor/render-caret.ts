// Remote carets are ProseMirror widgets inside the editable content. Tiptap's default puts
// the name label there as a text node, which then becomes part of the document's text for
// everything that reads the DOM: screen readers announce "Ana" mid-sentence, and
// `textContent` (tests, copy of a selection) picks it up. So the widget is only the
// coloured line; CaretLabels draws the names in an overlay outside the editable element,
// reading them from these data attributes.
export const CARET_CLASS = 'collaboration-carets__caret';

export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement('span');
  caret.classList.add(CARET_CLASS);
  const name = typeof user['name'] === 'string' ? user['name'] : '';
  const color = typeof user['color'] === 'string' ? user['color'] : 'transparent';
  caret.style.borderColor = color;
  caret.dataset['name'] = name;
  caret.dataset['color'] = color;
  return caret;
}

/** One person in the labels: several tabs share a name and a colour. */
export function caretIdentity(name: string, color: string): string {
  return `${name}|${color}`;
}

/**
 * Black or white, whichever reads better on the person's colour (#rgb or #rrggbb; anything
 * else gets white). Carets use the colour people picked, which may be light or dark.
 */
export function readableTextOn(color: string): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return '#ffffff';
  const full = hex.length === 3 ? Array.from(hex, (c) => c + c).join('') : hex;
  const channel = (offset: number) => {
    const value = Number.parseInt(full.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // Contrast with white is 1.05 / (L + 0.05), with black (L + 0.05) / 0.05: equal at L ≈ 0.179.
  return luminance > 0.179 ? '#111111' : '#ffffff';
}
