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
