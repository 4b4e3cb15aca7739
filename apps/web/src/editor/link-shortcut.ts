// Ctrl/Cmd+K in the editor opens the link popover (as in Google Docs). The toolbar owns the
// popover and registers how to open it; with no toolbar (viewers) or a read-only document the
// key is left alone and reaches the header's search, which skips keys the editor has taken.
import { Extension } from '@tiptap/core';

export interface LinkShortcutStorage {
  /** Set by the toolbar while it is mounted. */
  open: (() => void) | null;
}

declare module '@tiptap/core' {
  interface Storage {
    linkShortcut: LinkShortcutStorage;
  }
}

export const LinkShortcut = Extension.create<Record<string, never>, LinkShortcutStorage>({
  name: 'linkShortcut',

  addStorage() {
    return { open: null };
  },

  addKeyboardShortcuts() {
    return {
      // Returning true makes ProseMirror call preventDefault, which tells the search to stay shut.
      'Mod-k': () => {
        const { open } = this.storage;
        if (!this.editor.isEditable || !open) return false;
        open();
        return true;
      },
    };
  },
});
