// Ctrl+Alt+M (Cmd+Alt+M on macOS) starts a comment on the selection, as in Google Docs.

const MAC = /Mac|iPhone|iPad/.test(globalThis.navigator?.userAgent ?? '');

export const COMMENT_SHORTCUT_LABEL = MAC ? '⌘⌥M' : 'Ctrl+Alt+M';

/**
 * True for the comment shortcut. `code` rather than `key`: on macOS Option+M types "µ",
 * and other layouts put other characters there.
 */
export function isCommentShortcut(event: Pick<KeyboardEvent, 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>): boolean {
  const mod = MAC ? event.metaKey : event.ctrlKey;
  return event.code === 'KeyM' && event.altKey && mod && !event.shiftKey;
}
