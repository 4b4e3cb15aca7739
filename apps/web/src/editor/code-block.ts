// The web editor's code block: the shared schema's `codeBlock` node (same name, same
// `language` attribute, so the server converts and exports it as it does every other block)
// with syntax highlighting from lowlight and a React node view holding the language picker.
// The shared schema cannot carry this: lowlight and the node view are browser-side only.
import { CodeBlockLowlight } from '@tiptap/extension-code-block-lowlight';
import { ReactNodeViewRenderer } from '@tiptap/react';
import { CodeBlockView } from '../components/CodeBlockView.tsx';
import { plainOrChosen } from './code-language.ts';

export const HighlightedCodeBlock = CodeBlockLowlight.extend({
  addNodeView() {
    return ReactNodeViewRenderer(CodeBlockView);
  },

  addKeyboardShortcuts() {
    return {
      ...this.parent?.(),
      // From the code to its language picker, as Alt+F10 reaches a table's toolbar; Escape
      // in the picker comes back (CodeBlockView).
      'Alt-F10': () => {
        const { $from } = this.editor.state.selection;
        if ($from.parent.type.name !== this.name || !this.editor.isEditable) return false;
        const block = this.editor.view.nodeDOM($from.before());
        const picker = block instanceof HTMLElement ? block.querySelector('select') : null;
        picker?.focus();
        return picker !== null;
      },
    };
  },
}).configure({ lowlight: plainOrChosen, defaultLanguage: null });
