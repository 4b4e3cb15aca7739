// The web editor's code block: the shared schema's `codeBlock` node (same name, same
// `language` attribute, so the server converts and exports it as it does every other block)
// with syntax highlighting from lowlight and a React node view holding the language picker.
// The shared schema cannot carry this: lowlight and the node view are browser-side only.
import { CodeBlockLowlight } from '@tiptap/extension-code-block-lowlight';
import { ReactNodeViewRenderer } from '@tiptap/react';
import { createLowlight } from 'lowlight';
import { CodeBlockView } from '../components/CodeBlockView.tsx';
import { CODE_LANGUAGES, type CodeLanguage } from './code-block-languages.ts';

const lowlight = createLowlight(Object.fromEntries(CODE_LANGUAGES.map((language) => [language.id, language.grammar])));

// The plugin guesses a language (highlightAuto) for blocks without one, which would colour
// "Plain text" at random: a block without a language stays plain. Names the set does not
// hold (`haskell` from an import) are plain too.
const plainOrChosen = {
  highlight: (language: string, code: string) => lowlight.highlight(language, code),
  highlightAuto: (code: string) => ({ type: 'root' as const, children: [{ type: 'text' as const, value: code }], data: {} }),
  listLanguages: () => lowlight.listLanguages(),
  registered: (language: string) => lowlight.registered(language),
};

const canonical = new Map<string, CodeLanguage | null>();

/**
 * The language of the set a block's `language` names, by id or alias (`js`, `ts`, `sh`, `html`
 * as Markdown fences write them), or null for plain text and names outside the set.
 */
export function codeLanguageOf(language: string | null | undefined): CodeLanguage | null {
  if (!language) return null;
  let found = canonical.get(language);
  if (found === undefined) {
    // lowlight resolves aliases when it highlights; the tree names the grammar it used.
    const id = lowlight.registered(language) ? lowlight.highlight(language, '').data?.language : undefined;
    found = CODE_LANGUAGES.find((candidate) => candidate.id === id) ?? null;
    canonical.set(language, found);
  }
  return found;
}

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
