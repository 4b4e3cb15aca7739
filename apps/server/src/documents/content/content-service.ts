// A document's content in and out (API.md §6): export as Markdown, HTML or ProseMirror JSON,
// import Markdown as a new document, and the content API, which reads the live state and
// writes Markdown into it as an ordinary edit through the room. Every conversion uses the one
// shared schema (@inkwell/editor-schema); the HTTP edge (http/content-routes.ts) only parses
// and answers.
import {
  DEFAULT_TITLE,
  type Doc,
  type DocContent,
  type ExportFormat,
  type PublicUser,
  TITLE_MAX_LENGTH,
  type WriteContentBody,
} from '@inkwell/protocol';
import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';
import { ProtocolError } from '../../errors.ts';
import { RestoreOrigin } from '../../rooms/restore-origin.ts';
import type { RoomRegistry } from '../../rooms/room-registry.ts';
import { buildStoredDoc, type StoredStateReport } from '../../rooms/stored-state.ts';
import type { DocumentStore } from '../../storage/document-store.ts';
import { DocDamagedError } from '../../storage/errors.ts';
import type { Role } from '../../storage/member-store.ts';
import { plainText, TEXT_FRAGMENT } from '../doc-text.ts';
import type { DocumentsService } from '../documents-service.ts';
import { requireEditor } from '../permissions.ts';
import { replaceContent } from '../replace-content.ts';
import { documentPage } from './html.ts';
import { MarkdownConverter } from './markdown.ts';
import { docToJSON, jsonToDoc } from './ydoc-json.ts';

/**
 * Transaction origin of a content API write: the room attributes it to `user` as if they had
 * typed it (activity, mention watch), the way it does a restore.
 */
export class ContentWriteOrigin extends RestoreOrigin {}

export interface ExportedDoc {
  body: string;
  contentType: string;
  /** File name extension, without the dot. */
  extension: string;
}

export interface ContentServiceDeps {
  storage: DocumentStore;
  /** A function for the same reason as DocumentsDeps.rooms: the registry is built later. */
  rooms: () => RoomRegistry;
  documents: DocumentsService;
  storedState?: StoredStateReport;
}

export class ContentService {
  private readonly markdown = new MarkdownConverter();

  constructor(private readonly deps: ContentServiceDeps) {}

  /** `{json, text, markdown}` of the live state: the open room's document, else what is stored. */
  async read(docId: string): Promise<DocContent> {
    const room = this.deps.rooms().loaded(docId);
    if (room) return this.contentOf(room.doc);
    const doc = await this.storedDoc(docId);
    try {
      return this.contentOf(doc);
    } finally {
      doc.destroy();
    }
  }

  async export(docId: string, title: string, format: ExportFormat): Promise<ExportedDoc> {
    const { json, markdown } = await this.read(docId);
    switch (format) {
      case 'md':
        return { body: markdown, contentType: 'text/markdown; charset=utf-8', extension: 'md' };
      case 'html':
        return { body: documentPage(title, json), contentType: 'text/html; charset=utf-8', extension: 'html' };
      case 'json':
        return { body: `${JSON.stringify(json, null, 2)}\n`, contentType: 'application/json', extension: 'json' };
      default:
        throw format satisfies never;
    }
  }

  /**
   * A new document owned by `owner` holding `markdown`, stored before this resolves. The
   * title is `title` when given, else the first heading's text, else "Untitled".
   */
  async import(owner: PublicUser, title: string | undefined, markdown: string): Promise<Doc> {
    // Converted first: Markdown that cannot be read creates no document.
    const json = this.markdown.fromMarkdown(markdown);
    const doc = await this.deps.documents.create(owner.id, title?.trim() || titleFrom(json));
    // The answer is the new doc, not its content: converting it back would double the work.
    await this.write(doc.id, owner, 'owner', json, 'append', () => undefined);
    return doc;
  }

  /**
   * Appends `markdown` to the live document or replaces its content with it (editors and
   * owner), as one edit through the room: live clients get it at once, and it is stored
   * before it is relayed and before this resolves. Answers the content after the edit.
   */
  async writeMarkdown(docId: string, user: PublicUser, role: Role, { markdown, mode }: WriteContentBody): Promise<DocContent> {
    requireEditor(role, 'change the content');
    return this.write(docId, user, role, this.markdown.fromMarkdown(markdown), mode, (doc) => this.contentOf(doc));
  }

  /** Writes `json` through the room; `answer` reads the room's document once the edit is stored. */
  private async write<T>(
    docId: string,
    user: PublicUser,
    role: Role,
    json: JSONContent,
    mode: WriteContentBody['mode'],
    answer: (doc: Y.Doc) => T,
  ): Promise<T> {
    requireEditor(role, 'change the content');
    // The room if it is open, loaded for this edit if not (and unloaded, stored, after it).
    const lease = this.deps.rooms().acquire(docId);
    try {
      const room = await lease.room;
      if (!room) throw new ProtocolError('NOT_FOUND', 'No such document');
      const origin = new ContentWriteOrigin(user);
      if (mode === 'replace') replaceWith(room.doc, json, origin);
      else append(room.doc, json, origin);
      await room.flushed();
      return answer(room.doc);
    } finally {
      lease.release();
    }
  }

  private contentOf(doc: Y.Doc): DocContent {
    const json = docToJSON(doc);
    return { json: { ...json, type: 'doc' }, text: plainText(doc), markdown: this.markdown.toMarkdown(json) };
  }

  /** The stored document; a damaged one is DocDamagedError (503 DOC_DAMAGED), never a blank read. */
  private async storedDoc(docId: string): Promise<Y.Doc> {
    const stored = await this.deps.storage.loadDocState(docId);
    if (!stored) throw new ProtocolError('NOT_FOUND', 'No such document');
    try {
      const { doc } = buildStoredDoc(docId, stored);
      this.deps.storedState?.readable(docId);
      return doc;
    } catch (err) {
      if (err instanceof DocDamagedError) this.deps.storedState?.damaged(err);
      throw err;
    }
  }
}

/** The first heading's text, or "Untitled". */
function titleFrom(json: JSONContent): string {
  const heading = json.content?.find((node) => node.type === 'heading');
  const text = (heading?.content ?? [])
    .map((node) => node.text ?? '')
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return [...text].slice(0, TITLE_MAX_LENGTH).join('').trim() || DEFAULT_TITLE;
}

/**
 * The content becomes `json`'s, through replaceContent: the source is a copy of the live doc
 * with only its text fragment rewritten, so other roots are left as they are, and blocks
 * equal at the start and the end keep their identity (and the comments anchored in them).
 */
function replaceWith(target: Y.Doc, json: JSONContent, origin: unknown): void {
  const source = new Y.Doc();
  try {
    Y.applyUpdate(source, Y.encodeStateAsUpdate(target));
    const fragment = source.getXmlFragment(TEXT_FRAGMENT);
    fragment.delete(0, fragment.length);
    const blocks = jsonToDoc(json);
    try {
      fragment.insert(0, cloneBlocks(blocks));
    } finally {
      blocks.destroy();
    }
    replaceContent(target, source, origin);
  } finally {
    source.destroy();
  }
}

/** `json`'s blocks after the last one. A document that is one empty paragraph (how the editor shows an empty document) is replaced instead. */
function append(target: Y.Doc, json: JSONContent, origin: unknown): void {
  const blocks = jsonToDoc(json);
  try {
    const insert = cloneBlocks(blocks);
    if (insert.length === 0) return;
    target.transact(() => {
      const fragment = target.getXmlFragment(TEXT_FRAGMENT);
      if (fragment.length === 1 && fragment.toString() === '<paragraph></paragraph>') fragment.delete(0, 1);
      fragment.insert(fragment.length, insert);
    }, origin);
  } finally {
    blocks.destroy();
  }
}

const cloneBlocks = (doc: Y.Doc): (Y.XmlElement | Y.XmlText)[] =>
  doc
    .getXmlFragment(TEXT_FRAGMENT)
    .toArray()
    .map((node) => node.clone() as Y.XmlElement | Y.XmlText);
