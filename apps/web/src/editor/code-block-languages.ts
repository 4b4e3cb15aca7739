// The languages code blocks highlight: a curated set of common ones, not all of highlight.js
// (lowlight with all 190 grammars: 1.07 MB minified, 305 kB gzipped; with these 21: 114 kB,
// 37 kB gzipped, measured with esbuild --minify). A block may still
// carry any other language name (an imported ```haskell fence, another client): it keeps
// the name, is shown as plain text and the picker lists it as it is.
import type { LanguageFn } from 'highlight.js';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

export interface CodeLanguage {
  /** Stored in the node's `language` attribute and written after Markdown's ``` fence. */
  id: string;
  label: string;
  grammar: LanguageFn;
}

/** In the order the picker lists them (by name), after "Plain text". */
export const CODE_LANGUAGES: readonly CodeLanguage[] = [
  { id: 'c', label: 'C', grammar: c },
  { id: 'csharp', label: 'C#', grammar: csharp },
  { id: 'cpp', label: 'C++', grammar: cpp },
  { id: 'css', label: 'CSS', grammar: css },
  { id: 'diff', label: 'Diff', grammar: diff },
  { id: 'go', label: 'Go', grammar: go },
  { id: 'xml', label: 'HTML / XML', grammar: xml },
  { id: 'java', label: 'Java', grammar: java },
  { id: 'javascript', label: 'JavaScript', grammar: javascript },
  { id: 'json', label: 'JSON', grammar: json },
  { id: 'kotlin', label: 'Kotlin', grammar: kotlin },
  { id: 'markdown', label: 'Markdown', grammar: markdown },
  { id: 'php', label: 'PHP', grammar: php },
  { id: 'python', label: 'Python', grammar: python },
  { id: 'ruby', label: 'Ruby', grammar: ruby },
  { id: 'rust', label: 'Rust', grammar: rust },
  { id: 'bash', label: 'Shell', grammar: bash },
  { id: 'sql', label: 'SQL', grammar: sql },
  { id: 'swift', label: 'Swift', grammar: swift },
  { id: 'typescript', label: 'TypeScript', grammar: typescript },
  { id: 'yaml', label: 'YAML', grammar: yaml },
];

export const PLAIN_TEXT_LABEL = 'Plain text';
