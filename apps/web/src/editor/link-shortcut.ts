// Ctrl/Cmd+K in the editor opens the link popover (as in Google Docs). The toolbar owns the
// popover and registers how to open it; with no toolbar (viewers) or a read-only document the
// key is left alone and reaches the header's search, which skips keys the editor has taken.
import { type Editor, Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

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

  // While the popover has the focus, the editor's own selection is not drawn: the text the
  // link is for stays marked (as in Google Docs) through a decoration.
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: linkTargetKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const range = tr.getMeta(linkTargetKey) as { from: number; to: number } | null | undefined;
            if (range === undefined) return set.map(tr.mapping, tr.doc);
            if (range === null || range.from === range.to) return DecorationSet.empty;
            return DecorationSet.create(tr.doc, [Decoration.inline(range.from, range.to, { class: 'link-target' })]);
          },
        },
        props: { decorations: (state) => linkTargetKey.getState(state) },
      }),
    ];
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

const linkTargetKey = new PluginKey<DecorationSet>('linkTarget');

/** Marks the text a link is being made for (the current selection), or clears the mark. */
export function markLinkTarget(editor: Editor, on: boolean) {
  if (editor.isDestroyed) return;
  const { from, to } = editor.state.selection;
  editor.view.dispatch(editor.state.tr.setMeta(linkTargetKey, on ? { from, to } : null).setMeta('addToHistory', false));
}
