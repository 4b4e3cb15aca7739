// The highlighter the web editor's code blocks use (code-block.ts), and the language a block
// names (the node view's picker, CodeBlockView.tsx): one lowlight with the curated grammars.
import { createLowlight } from 'lowlight';
import { CODE_LANGUAGES, type CodeLanguage } from './code-block-languages.ts';

const lowlight = createLowlight(Object.fromEntries(CODE_LANGUAGES.map((language) => [language.id, language.grammar])));

// The plugin guesses a language (highlightAuto) for blocks without one, which would colour
// "Plain text" at random: a block without a language stays plain. Names the set does not
// hold (`haskell` from an import) are plain too.
export const plainOrChosen = {
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
