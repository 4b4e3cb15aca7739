// Markdown in and out of a document of the shared schema (@inkwell/editor-schema).
// Out: @tiptap/markdown, where each extension of the schema brings its own render rule (GFM
// tables, task lists, fenced code with its language). `<` and `&` in text are written as
// entities, so text that looks like HTML stays text after a round trip.
// In: markdown-it through prosemirror-markdown (markdown-parser.ts), then the safety pass
// (sanitize.ts) and a check against the schema.
import { documentExtensions, editorSchema } from '@inkwell/editor-schema';
import type { JSONContent } from '@tiptap/core';
import { MarkdownManager } from '@tiptap/markdown';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Marked } from 'marked';
import type { MarkdownParser } from 'prosemirror-markdown';
import { ProtocolError } from '../../errors.ts';
import { createMarkdownParser } from './markdown-parser.ts';
import { sanitizeImported, wellFormed } from './sanitize.ts';

export class MarkdownConverter {
  private readonly manager: MarkdownManager;
  private readonly parser: MarkdownParser = createMarkdownParser();

  constructor() {
    // Its own marked instance (only its serializer is used here, but the manager registers
    // the extensions' tokenizers on it, and the default is marked's module-wide singleton).
    const marked = new Marked({ gfm: true });
    this.manager = new MarkdownManager({
      marked: marked as unknown as NonNullable<ConstructorParameters<typeof MarkdownManager>[0]>['marked'],
      extensions: documentExtensions(),
    });
  }

  /** A document (ProseMirror JSON of the shared schema) as GitHub-flavoured Markdown. */
  toMarkdown(doc: JSONContent): string {
    // A table renders with a blank line before it, also when it comes first.
    // The editor's trailing empty paragraph (after a table, say) adds nothing to the file: it
    // ends with exactly one newline.
    const markdown = this.manager.serialize(doc).replace(/^\n+/, '').replace(/\n+$/, '');
    return markdown === '' ? markdown : `${markdown}\n`;
  }

  /**
   * Markdown as a valid document of the shared schema, with only safe links and images
   * (sanitize.ts). Throws ProtocolError BAD_REQUEST when it cannot be read as a document.
   */
  fromMarkdown(markdown: string): JSONContent {
    return (this.parse(markdown)?.toJSON() as JSONContent | undefined) ?? { type: 'doc', content: [] };
  }

  /**
   * fromMarkdown as a checked ProseMirror node, or null for a document without blocks. The
   * conversions build the Y.Doc straight from it: going through JSON again would make y-tiptap
   * build the same node a second time.
   */
  parse(markdown: string): PMNode | null {
    // Blank Markdown is a document without blocks (the editor shows its empty paragraph).
    if (markdown.trim() === '') return null;
    let parsed: JSONContent;
    try {
      parsed = this.parser.parse(wellFormed(markdown)).toJSON() as JSONContent;
    } catch (err) {
      // Pathological input (say, nesting deep enough to overflow the parser's stack).
      throw new ProtocolError('BAD_REQUEST', `This Markdown could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
    const doc = sanitizeImported(parsed);
    if ((doc.content?.length ?? 0) === 0) return null;
    try {
      const node = editorSchema.nodeFromJSON(doc);
      node.check();
      return node;
    } catch (err) {
      throw new ProtocolError(
        'BAD_REQUEST',
        `This Markdown does not make a valid document: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}
