// The one definition of what an Inkwell document may hold: the Tiptap extensions whose nodes
// and marks make up the editor's schema. The web editor adds its live behaviour (Collaboration,
// carets, placeholder, the mention picker) on top; the server converts documents (export,
// import, the content API) with the same list, so both sides always agree on every node and
// attribute. Nothing here touches the DOM at import time: it loads in Node.
// The web calls the commands these extensions add to Tiptap's command types (insertTable,
// addRowAfter, toggleTaskList…); the references keep them in this package's emitted types.
/// <reference types="@tiptap/extension-table" preserve="true" />
/// <reference types="@tiptap/extension-list" preserve="true" />
import { type AnyExtension, getSchema } from '@tiptap/core';
import { Image } from '@tiptap/extension-image';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { Mention, type MentionOptions } from '@tiptap/extension-mention';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import type { Schema } from '@tiptap/pm/model';
import { StarterKit } from '@tiptap/starter-kit';
import { DocumentLink } from './link.ts';
import { isSafeImageSrc } from './safe-url.ts';

export { LINK_REL } from './link.ts';
export { type LinkHrefResult, normalizeLinkHref } from './link-href.ts';
export { isSafeImageSrc, isSafeLinkHref } from './safe-url.ts';

/**
 * StarterKit as the web editor uses it. Yjs keeps the history (Collaboration adds undo/redo
 * bound to Mod-Z); ProseMirror's own undo stack would fight it, and undoRedo adds no node.
 * The link mark is ours (link.ts: only safe targets); underline comes from StarterKit (Mod-U).
 * The web may bring its own code block (syntax highlighting needs the DOM-side lowlight),
 * which must be a CodeBlock extension: same `codeBlock` node, same `language` attribute.
 */
function documentStarterKit(ownCodeBlock: boolean) {
  return StarterKit.configure({ undoRedo: false, link: false, ...(ownCodeBlock ? { codeBlock: false } : {}) });
}

/**
 * Tiptap's Mention node: `mention` with `id` (user id) and `label` (name); the server looks for
 * exactly these in the stored Yjs document to notify people. The web adds its "@" picker with
 * `.configure({ suggestion })`. In Markdown a mention is written `@Name` (no id survives a
 * round trip: imported text never mentions anyone).
 */
export const DocumentMention = Mention.extend({
  renderMarkdown: (node) => `@${String(node.attrs?.label ?? node.attrs?.id ?? '')}`,
}).configure({
  HTMLAttributes: { class: 'mention' },
  // Backspace after a chip removes all of it (the default leaves an "@" that reopens the picker).
  deleteTriggerWithBackspace: true,
});

/**
 * Images by URL only, inline like Markdown's `![alt](src)`: an image is where the text put it.
 * Pasted `data:` images are refused by the node's own parse rule (allowBase64 false) and the
 * rendered `src` is dropped unless it is http(s).
 */
const DocumentImage = Image.extend({
  renderHTML({ HTMLAttributes }) {
    const src = typeof HTMLAttributes.src === 'string' && isSafeImageSrc(HTMLAttributes.src) ? HTMLAttributes.src : null;
    return ['img', { ...HTMLAttributes, src }];
  },
}).configure({ inline: true, allowBase64: false });

export interface DocumentExtensionOptions {
  /** The web's "@" picker (Mention's `suggestion` option); the server has none. */
  mentionSuggestion?: Partial<MentionOptions['suggestion']>;
  /** The web's highlighted code block (an extension of Tiptap's CodeBlock); the server uses StarterKit's. */
  codeBlock?: AnyExtension;
}

/**
 * Every extension that defines the document, in the order the web editor lists them. The
 * web spreads this into `useEditor({ extensions })` next to Collaboration and the carets.
 */
export function documentExtensions(options: DocumentExtensionOptions = {}): AnyExtension[] {
  return [
    documentStarterKit(options.codeBlock !== undefined),
    ...(options.codeBlock ? [options.codeBlock] : []),
    DocumentLink,
    options.mentionSuggestion ? DocumentMention.configure({ suggestion: options.mentionSuggestion }) : DocumentMention,
    TaskList,
    TaskItem.configure({ nested: true }),
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
    DocumentImage,
  ];
}

/** The ProseMirror schema of a document, built once from documentExtensions(). */
export const editorSchema: Schema = getSchema(documentExtensions());
