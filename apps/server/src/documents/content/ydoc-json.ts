// A document's Yjs state ↔ ProseMirror JSON of the shared schema, through y-tiptap (the
// binding the web editor's Collaboration extension uses, so both write the same Yjs shapes).
import { editorSchema } from '@inkwell/editor-schema';
import type { JSONContent } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { TEXT_FRAGMENT } from '../doc-text.ts';

/**
 * The document as ProseMirror JSON. Read from a copy: y-tiptap deletes, inside the doc it
 * reads, any element the schema rejects (it assumes it is binding an editor), and a read must
 * never change the live room's document.
 */
export function docToJSON(doc: Y.Doc): JSONContent {
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    return ownDocToJSON(copy);
  } finally {
    copy.destroy();
  }
}

/**
 * docToJSON without the copy, for a doc nobody else holds (the conversion worker's, built
 * from an update and dropped after): y-tiptap may delete the elements the schema rejects in it.
 */
export const ownDocToJSON = (doc: Y.Doc): JSONContent =>
  yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(TEXT_FRAGMENT), editorSchema).toJSON() as JSONContent;

/** A new Y.Doc whose `default` fragment holds `json` (a valid document of the shared schema). */
export function jsonToDoc(json: JSONContent): Y.Doc {
  return nodeToDoc((json.content?.length ?? 0) > 0 ? editorSchema.nodeFromJSON(json) : null);
}

/** A new Y.Doc whose `default` fragment holds `node`'s blocks (none for null). */
export function nodeToDoc(node: PMNode | null): Y.Doc {
  const doc = new Y.Doc();
  if (node && node.childCount > 0) prosemirrorToYXmlFragment(node, doc.getXmlFragment(TEXT_FRAGMENT));
  return doc;
}
