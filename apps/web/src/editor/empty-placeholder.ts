import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

// A minimal stand-in for @tiptap/extensions' Placeholder, which is only a transitive
// dependency here (pnpm does not let the app import it without adding it). It marks the
// single empty paragraph of an empty document; CSS shows `data-placeholder` via ::before.
export interface EmptyPlaceholderOptions {
  text: string;
}

export const EmptyPlaceholder = Extension.create<EmptyPlaceholderOptions>({
  name: 'emptyPlaceholder',

  addOptions() {
    return { text: '' };
  },

  addProseMirrorPlugins() {
    const text = this.options.text;
    return [
      new Plugin({
        key: new PluginKey('emptyPlaceholder'),
        props: {
          decorations: ({ doc }) => {
            const first = doc.firstChild;
            const isEmpty = doc.childCount === 1 && first !== null && first.isTextblock && first.content.size === 0;
            if (!isEmpty || first === null) return DecorationSet.empty;
            return DecorationSet.create(doc, [
              Decoration.node(0, first.nodeSize, {
                class: 'is-editor-empty',
                'data-placeholder': text,
              }),
            ]);
          },
        },
      }),
    ];
  },
});
