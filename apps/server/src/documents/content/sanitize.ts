// What imported Markdown may put in a document. The parser builds whatever the Markdown says;
// this pass keeps only what is safe and meaningful in our schema, so that every way in
// (import, the content API) stores the same kind of document the editor makes:
// - links only to http(s) and mailto; any other target (javascript:, data:, relative) loses
//   its link and stays as text;
// - images only from http(s); any other becomes its alt text;
// - no mentions: `[@ id=… label=…]` in text is just text ("@label"), so an import never
//   notifies anyone;
// - a soft line break inside a paragraph is a space, as Markdown renders it (a hard break is
//   its own node);
// - text has no lone UTF-16 surrogates (Yjs would store U+FFFD and disagree with memory);
// - an image on a line of its own (which the parser lifts out as a block) sits in a
//   paragraph: images are inline in our schema, where the Markdown put them;
// - nesting is bounded (every later step, including the web editor, recurses over it).
import { editorSchema, isSafeImageSrc, isSafeLinkHref } from '@inkwell/editor-schema';
import type { JSONContent } from '@tiptap/core';
import { ProtocolError } from '../../errors.ts';

/** Deeper documents are refused (400): Markdown nests one level per `>` or list indent. */
export const MAX_NESTING_DEPTH = 64;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');

type Mark = NonNullable<JSONContent['marks']>[number];

function safeMarks(marks: Mark[] | undefined): Mark[] | undefined {
  if (!marks) return undefined;
  const kept = marks.filter((mark) => mark.type !== 'link' || (typeof mark.attrs?.href === 'string' && isSafeLinkHref(mark.attrs.href)));
  return kept.length > 0 ? kept : undefined;
}

const textNode = (text: string, marks: Mark[] | undefined): JSONContent => (marks ? { type: 'text', text, marks } : { type: 'text', text });

function sanitizeNode(node: JSONContent, depth: number, inCode: boolean): JSONContent[] {
  if (depth > MAX_NESTING_DEPTH) throw new ProtocolError('BAD_REQUEST', `Content is nested more than ${MAX_NESTING_DEPTH} levels deep`);
  const marks = safeMarks(node.marks);
  switch (node.type) {
    case 'text': {
      const raw = wellFormed(node.text ?? '');
      const text = inCode ? raw : raw.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
      return text ? [textNode(text, marks)] : [];
    }
    case 'image': {
      const src = node.attrs?.src;
      if (typeof src === 'string' && isSafeImageSrc(src)) return [{ ...node, marks }];
      const alt = typeof node.attrs?.alt === 'string' ? wellFormed(node.attrs.alt) : '';
      return alt ? [textNode(alt, marks)] : [];
    }
    case 'mention': {
      const label = node.attrs?.label ?? node.attrs?.id ?? '';
      return [textNode(`@${wellFormed(String(label))}`, marks)];
    }
    default: {
      const out: JSONContent = { ...node };
      if (marks) out.marks = marks;
      else delete out.marks;
      if (node.content) {
        const code = inCode || node.type === 'codeBlock';
        const content = node.content.flatMap((child) => sanitizeNode(child, depth + 1, code));
        out.content = holdsBlocks(node.type) ? wrapInline(content) : content;
      }
      return [out];
    }
  }
}

// Looked up once: matchType walks the content expression, and the safety pass asks for every
// node of the document (the schema never changes).
const BLOCK_HOLDERS = new Set(
  Object.values(editorSchema.nodes)
    .filter((type) => !type.isLeaf && !type.inlineContent && type.contentMatch.matchType(editorSchema.nodes.paragraph!) !== null)
    .map((type) => type.name),
);
const INLINE_TYPES = new Set(
  Object.values(editorSchema.nodes)
    .filter((type) => type.isInline)
    .map((type) => type.name),
);

const holdsBlocks = (type: string | undefined): boolean => type !== undefined && BLOCK_HOLDERS.has(type);

/** Runs of inline nodes among blocks, each put in a paragraph of its own. */
function wrapInline(children: JSONContent[]): JSONContent[] {
  const out: JSONContent[] = [];
  let run: JSONContent[] | null = null;
  for (const child of children) {
    if (child.type !== undefined && INLINE_TYPES.has(child.type)) {
      if (!run) {
        run = [];
        out.push({ type: 'paragraph', content: run });
      }
      run.push(child);
    } else {
      run = null;
      out.push(child);
    }
  }
  return out;
}

/** The document with only what an import may carry (see the file header). */
export function sanitizeImported(doc: JSONContent): JSONContent {
  return sanitizeNode(doc, 0, false)[0] ?? { type: 'doc', content: [] };
}
