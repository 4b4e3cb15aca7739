// The conversions of the content service, as pure jobs: bytes and strings in, bytes and
// strings out, no storage and no room. They run in a worker thread (conversion-worker.ts,
// through conversion-pool.ts), because a 5 MB Markdown import is seconds of CPU and the main
// thread serves everyone's sockets. The main thread only applies the Yjs update a job returns.
import { DEFAULT_TITLE, type DocContent, type ExportFormat, TITLE_MAX_LENGTH } from '@inkwell/protocol';
import type { Node as PMNode } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { buildStoredDoc } from '../../rooms/stored-state.ts';
import type { StoredDocState } from '../../storage/document-store.ts';
import { plainText, TEXT_FRAGMENT } from '../doc-text.ts';
import { replaceContent } from '../replace-content.ts';
import { documentPage } from './html.ts';
import { MarkdownConverter } from './markdown.ts';
import { nodeToDoc, ownDocToJSON } from './ydoc-json.ts';

/** A document's state: a Y.Doc encoded by the main thread (a live room), or its stored rows. */
export type DocSource = { update: Uint8Array } | { docId: string; stored: StoredDocState };

export type ConversionJob =
  /** Markdown as a new document's whole state. */
  | { kind: 'import'; markdown: string }
  /** Markdown appended to, or replacing the content of, the document whose state is `state`. */
  | { kind: 'write'; markdown: string; mode: 'append' | 'replace'; state: Uint8Array }
  /** The document's content (the content API's answer) or one export body. */
  | { kind: 'read'; source: DocSource; output: { format: 'content' } | { format: ExportFormat; title: string } }
  /** The document's plain text (the search index). */
  | { kind: 'text'; source: DocSource };

export interface ImportResult {
  /** The new document's state, with the blocks at its start. */
  update: Uint8Array;
  /** The first heading's text, or "Untitled". */
  title: string;
}

export interface WriteResult {
  /** The edit as one Yjs update against the state it was given; null when nothing changes. */
  update: Uint8Array | null;
}

/**
 * The body of the answer, serialized here: a DocContent is JSON text already (handing the
 * object over and stringifying it would cost the main thread about a second for 5 MB).
 */
export interface ReadResult {
  body: string;
}

export interface TextResult {
  text: string;
}

export type ConversionResult<J extends ConversionJob> = J extends { kind: 'import' }
  ? ImportResult
  : J extends { kind: 'write' }
    ? WriteResult
    : J extends { kind: 'read' }
      ? ReadResult
      : TextResult;

/** One per worker: the Markdown parser and serializer are built once, then reused. */
export class Conversions {
  private readonly markdown = new MarkdownConverter();

  run<J extends ConversionJob>(job: J): ConversionResult<J>;
  run(job: ConversionJob): ImportResult | WriteResult | ReadResult | TextResult {
    switch (job.kind) {
      case 'import':
        return this.import(job.markdown);
      case 'write':
        return this.write(job.markdown, job.mode, job.state);
      case 'read':
        return this.read(job.source, job.output);
      case 'text':
        return this.text(job.source);
      default:
        throw job satisfies never;
    }
  }

  private import(markdown: string): ImportResult {
    const node = endingInParagraph(this.markdown.parse(markdown));
    const doc = nodeToDoc(node);
    try {
      return { update: Y.encodeStateAsUpdate(doc), title: titleFrom(node) };
    } finally {
      doc.destroy();
    }
  }

  /**
   * The edit is made on a copy of `state` and returned as the update its transaction made:
   * the same Yjs changes the room would make itself, by a client id of its own, which the
   * main thread applies in one cheap step.
   */
  private write(markdown: string, mode: 'append' | 'replace', state: Uint8Array): WriteResult {
    const blocks = nodeToDoc(endingInParagraph(this.markdown.parse(markdown)));
    const target = new Y.Doc();
    try {
      Y.applyUpdate(target, state);
      const updates: Uint8Array[] = [];
      target.on('update', (update: Uint8Array) => updates.push(update));
      if (mode === 'replace') replaceWith(target, blocks);
      else append(target, blocks);
      return { update: updates.length === 0 ? null : updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates) };
    } finally {
      blocks.destroy();
      target.destroy();
    }
  }

  private text(source: DocSource): TextResult {
    const doc = docOf(source);
    try {
      return { text: plainText(doc) };
    } finally {
      doc.destroy();
    }
  }

  private read(source: DocSource, output: Extract<ConversionJob, { kind: 'read' }>['output']): ReadResult {
    const doc = docOf(source);
    try {
      // The text first: reading the JSON in place may drop elements the schema rejects.
      const text = output.format === 'content' ? plainText(doc) : '';
      const json = ownDocToJSON(doc);
      switch (output.format) {
        case 'content': {
          const content: DocContent = { json: { ...json, type: 'doc' }, text, markdown: this.markdown.toMarkdown(json) };
          return { body: JSON.stringify(content) };
        }
        case 'md':
          return { body: this.markdown.toMarkdown(json) };
        case 'html':
          return { body: documentPage(output.title, json) };
        case 'json':
          return { body: `${JSON.stringify(json, null, 2)}\n` };
        default:
          throw output satisfies never;
      }
    } finally {
      doc.destroy();
    }
  }
}

/**
 * The editor (StarterKit's TrailingNode) adds an empty paragraph after a document whose last
 * block is anything else, a table or a list, say, so that there is somewhere to type. Written
 * here, the first person to open an imported document does not make that edit on opening it.
 */
function endingInParagraph(node: PMNode | null): PMNode | null {
  if (!node || node.lastChild?.type.name === 'paragraph') return node;
  return node.copy(node.content.addToEnd(node.type.schema.nodes['paragraph']!.create()));
}

/** Throws DocDamagedError for stored rows that do not load, as a room load would. */
function docOf(source: DocSource): Y.Doc {
  if ('stored' in source) return buildStoredDoc(source.docId, source.stored).doc;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, source.update);
  return doc;
}

/** The first heading's text, or "Untitled". */
function titleFrom(node: PMNode | null): string {
  let heading: PMNode | undefined;
  node?.forEach((child) => {
    if (!heading && child.type.name === 'heading') heading = child;
  });
  // Its text nodes only (a hard break or an image adds nothing), as the JSON had them.
  let text = '';
  heading?.forEach((child) => {
    text += child.text ?? '';
  });
  const title = text.replace(/\s+/g, ' ').trim();
  return [...title].slice(0, TITLE_MAX_LENGTH).join('').trim() || DEFAULT_TITLE;
}

const cloneBlocks = (doc: Y.Doc): (Y.XmlElement | Y.XmlText)[] =>
  doc
    .getXmlFragment(TEXT_FRAGMENT)
    .toArray()
    .map((node) => node.clone() as Y.XmlElement | Y.XmlText);

/**
 * The content becomes `blocks`' through replaceContent: the source is a copy of the target
 * with only its text fragment rewritten, so other roots are left as they are, and blocks
 * equal at the start and the end keep their identity (and the comments anchored in them).
 */
function replaceWith(target: Y.Doc, blocks: Y.Doc): void {
  const source = new Y.Doc();
  try {
    Y.applyUpdate(source, Y.encodeStateAsUpdate(target));
    const fragment = source.getXmlFragment(TEXT_FRAGMENT);
    fragment.delete(0, fragment.length);
    fragment.insert(0, cloneBlocks(blocks));
    replaceContent(target, source, null);
  } finally {
    source.destroy();
  }
}

/**
 * `blocks` after the last one. A last block that is an empty paragraph (how the editor shows
 * an empty document, and what it keeps after a table or a list) is where they go: it is
 * replaced, as typing there would fill it.
 */
function append(target: Y.Doc, blocks: Y.Doc): void {
  const insert = cloneBlocks(blocks);
  if (insert.length === 0) return;
  target.transact(() => {
    const fragment = target.getXmlFragment(TEXT_FRAGMENT);
    const last = fragment.length > 0 ? fragment.get(fragment.length - 1) : null;
    if (last instanceof Y.XmlElement && last.toString() === '<paragraph></paragraph>') fragment.delete(fragment.length - 1, 1);
    fragment.insert(fragment.length, insert);
  });
}
